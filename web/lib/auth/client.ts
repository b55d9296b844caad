"use client";
/** The browser's Better Auth client (same origin), with the JWT plugin's `token()`. */
import { jwtClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient({ plugins: [jwtClient()] });

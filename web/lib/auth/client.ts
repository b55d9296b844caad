"use client";
/**
 * The browser's Better Auth client (same origin): the JWT plugin's `token()` and the devices
 * plugin's `devices.revoke()`.
 */
import { jwtClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { devicesClient } from "./plugins/devices/client.ts";

export const authClient = createAuthClient({ plugins: [jwtClient(), devicesClient()] });

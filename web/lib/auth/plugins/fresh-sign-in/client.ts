/**
 * The fresh-sign-in plugin in the browser: `authClient.freshSignIn({ password })` (POST
 * /api/auth/fresh-sign-in), typed from the server plugin. A type-only import: no server code
 * enters the browser.
 */
import type { BetterAuthClientPlugin } from "better-auth/client";
import type { freshSignIn } from "./index.ts";

export const freshSignInClient = () =>
  ({
    id: "fresh-sign-in",
    $InferServerPlugin: {} as ReturnType<typeof freshSignIn>,
  }) satisfies BetterAuthClientPlugin;

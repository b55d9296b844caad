/**
 * The confirmed-email-change plugin in the browser: `authClient.emailChange.cancel({ token })`
 * (POST /api/auth/email-change/cancel), typed from the server plugin's endpoints (Better Auth's
 * `$InferServerPlugin`). A type-only import: no server code enters the browser.
 */
import type { BetterAuthClientPlugin } from "better-auth/client";
import type { confirmedEmailChange } from "./index.ts";

export const confirmedEmailChangeClient = () =>
  ({
    id: "confirmed-email-change",
    $InferServerPlugin: {} as ReturnType<typeof confirmedEmailChange>,
  }) satisfies BetterAuthClientPlugin;

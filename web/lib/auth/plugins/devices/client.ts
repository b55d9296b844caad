/**
 * The devices plugin in the browser: `authClient.devices.revoke({ id })` (POST
 * /api/auth/devices/revoke), typed from the server plugin's endpoints (Better Auth's
 * `$InferServerPlugin`). A type-only import: no server code enters the browser.
 * Docs: https://www.better-auth.com/docs/concepts/plugins#client-plugin
 */
import type { BetterAuthClientPlugin } from "better-auth/client";
import type { devices } from "./index.ts";

export const devicesClient = () =>
  ({
    id: "devices",
    $InferServerPlugin: {} as ReturnType<typeof devices>,
  }) satisfies BetterAuthClientPlugin;

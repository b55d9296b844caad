/**
 * The code step in the browser: `authClient.twoFactorStep.signIn({ code, trustDevice })` (POST
 * /api/auth/two-factor/sign-in), typed from the server plugin (code-step.ts). A type-only import:
 * no server code enters the browser.
 */
import type { BetterAuthClientPlugin } from "better-auth/client";
import type { twoFactorCodeStep } from "./code-step.ts";

export const twoFactorCodeStepClient = () =>
  ({
    id: "two-factor-code-step",
    $InferServerPlugin: {} as ReturnType<typeof twoFactorCodeStep>,
  }) satisfies BetterAuthClientPlugin;

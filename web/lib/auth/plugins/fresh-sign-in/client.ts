/**
 * The fresh-sign-in plugin in the browser, typed from the server plugin (a type-only import: no
 * server code enters the browser):
 *
 *   authClient.freshSignIn({ password })        POST /api/auth/fresh-sign-in
 *   authClient.freshSignIn.code({ code })       POST /api/auth/fresh-sign-in/code
 *   authClient.confirmWithPasskey()             the passkey ceremony, then POST /api/auth/fresh-sign-in/passkey
 *
 * `confirmWithPasskey` does what the passkey plugin's `signIn.passkey()` does (its challenge from
 * GET /passkey/generate-authenticate-options, which lists this person's passkeys when asked with a
 * session; the browser's `startAuthentication`), and sends the answer to the fresh sign-in instead.
 */
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { startAuthentication, WebAuthnError } from "@simplewebauthn/browser";
import type { BetterAuthClientPlugin } from "better-auth/client";
import type { freshSignIn } from "./index.ts";

export const freshSignInClient = () =>
  ({
    id: "fresh-sign-in",
    $InferServerPlugin: {} as ReturnType<typeof freshSignIn>,
    getActions: ($fetch) => ({
      confirmWithPasskey: async () => {
        const options = await $fetch<PublicKeyCredentialRequestOptionsJSON>("/passkey/generate-authenticate-options", {
          method: "GET",
          throw: false,
        });
        if (!options.data) return { data: null, error: options.error };
        let answer: Awaited<ReturnType<typeof startAuthentication>>;
        try {
          answer = await startAuthentication({ optionsJSON: options.data });
        } catch (error) {
          // The person cancelled, the prompt timed out, or the browser has no passkey to offer.
          const code = error instanceof WebAuthnError ? error.code : "AUTH_CANCELLED";
          return {
            data: null,
            error: { code, message: "The passkey request was cancelled.", status: 400, statusText: "BAD_REQUEST" },
          };
        }
        const { clientExtensionResults: _, ...response } = answer;
        return $fetch<{ status: boolean }>("/fresh-sign-in/passkey", { method: "POST", body: { response }, throw: false });
      },
    }),
  }) satisfies BetterAuthClientPlugin;

"use client";
/**
 * The browser's Better Auth client (same origin): the JWT plugin's `token()`, the devices
 * plugin's `devices.revoke()`, the confirmed-email-change plugin's `emailChange.cancel()`, the
 * two-factor plugin's `twoFactor.*` and our code step's `twoFactor.signIn()`, the passkey plugin's `passkey.*` and `signIn.passkey()`, and
 * the fresh-sign-in plugin's `freshSignIn()`.
 */
import { passkeyClient } from "@better-auth/passkey/client";
import { jwtClient, twoFactorClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";
import { confirmedEmailChangeClient } from "./plugins/confirmed-email-change/client.ts";
import { devicesClient } from "./plugins/devices/client.ts";
import { freshSignInClient } from "./plugins/fresh-sign-in/client.ts";
import { twoFactorCodeStepClient } from "./plugins/two-factor/client.ts";

export const authClient = createAuthClient({
  plugins: [
    jwtClient(),
    devicesClient(),
    confirmedEmailChangeClient(),
    twoFactorClient(),
    twoFactorCodeStepClient(),
    passkeyClient(),
    freshSignInClient(),
  ],
});

/**
 * The sign-in providers this environment offers (settings.ts), as Better Auth options: GitHub and
 * Google as its social providers, an OpenID Connect provider through the generic OAuth plugin.
 * Provider ID tokens are not kept (plugins/no-id-tokens).
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { noIdTokens } from "../plugins/no-id-tokens/index.ts";
import { oauthSignUps } from "../plugins/oauth-sign-ups/index.ts";
import { openIdConnect } from "./openid-connect.ts";
import type { ProviderSettings } from "./settings.ts";

export function providerOptions(settings: ProviderSettings) {
  const plugins: BetterAuthPlugin[] = [oauthSignUps(), noIdTokens()];
  if (settings.openId) plugins.push(openIdConnect(settings.openId, settings.timeoutMs));
  return {
    socialProviders: {
      ...(settings.github ? { github: settings.github } : {}),
      ...(settings.google ? { google: settings.google } : {}),
    },
    plugins,
  };
}

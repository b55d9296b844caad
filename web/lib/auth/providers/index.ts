/**
 * The sign-in providers this environment offers (settings.ts), as Better Auth options: GitHub and
 * Google as its social providers, an OpenID Connect provider through the generic OAuth plugin.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { oauthSignUps } from "../plugins/oauth-sign-ups/index.ts";
import { openIdConnect } from "./openid-connect.ts";
import type { ProviderSettings } from "./settings.ts";

export function providerOptions(settings: ProviderSettings) {
  const plugins: BetterAuthPlugin[] = [oauthSignUps()];
  if (settings.openId) plugins.push(openIdConnect(settings.openId));
  return {
    socialProviders: {
      ...(settings.github ? { github: settings.github } : {}),
      ...(settings.google ? { google: settings.google } : {}),
    },
    plugins,
  };
}

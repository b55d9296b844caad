/**
 * Any OpenID Connect provider (Okta, Auth0, Entra ID, Keycloak, the dev provider…) through Better
 * Auth's generic OAuth plugin, configured by its issuer: discovery gives the endpoints and the
 * JWKS, and ID tokens are verified (signature, issuer, audience, nonce).
 *
 * The plugin fetches the discovery document when an auth instance starts, and this app starts
 * one per request: that would be a request to the provider before every get-session. So the
 * provider the plugin builds is kept for the isolate's life (keyed by its settings; its JWKS set
 * caches keys too) and handed to each new instance. A failed discovery is not kept: the plugin
 * retries it on the next sign-in. The discovery request is bounded like every other request to
 * the provider (provider-timeout.ts), and after a failed one the instances of the next minute do
 * not ask again when they start: only a sign-in or a callback does (the plugin's retry). Otherwise
 * a provider that never answers would hold every page of the app for the limit, not just sign-in.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { genericOAuth } from "better-auth/plugins/generic-oauth";
import { withProviderTimeout } from "./provider-timeout.ts";
import { OPENID_PROVIDER_ID, type OpenIdSettings } from "./settings.ts";

type Built = { id: string };
const built = new Map<string, Built>();
/** When discovery last failed, per settings: the instances started soon after leave it to sign-in. */
const failedAt = new Map<string, number>();
const ASK_AGAIN_AFTER_MS = 60_000;

export function openIdConnect(settings: OpenIdSettings, timeoutMs: number): BetterAuthPlugin {
  const config = {
    providerId: OPENID_PROVIDER_ID,
    name: settings.name,
    discoveryUrl: `${settings.issuer}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    scopes: ["openid", "email", "profile"],
    pkce: true,
    requireIdTokenVerification: true,
    // Signing out of this app does not sign the person out of their provider (their Okta or
    // Entra ID session serves other apps), as with GitHub and Google.
    disableProviderLogout: true,
  };
  const plugin = genericOAuth({ config: [config] });
  const key = JSON.stringify(settings);
  const init = plugin.init;
  if (!init) return plugin;
  return {
    ...plugin,
    init: async (ctx) => {
      const kept = built.get(key);
      if (kept) {
        const socialProviders = [kept, ...ctx.socialProviders] as typeof ctx.socialProviders;
        return { context: { socialProviders, genericOAuthPendingDiscovery: new Map() } };
      }
      const failed = failedAt.get(key);
      if (failed !== undefined && Date.now() - failed < ASK_AGAIN_AFTER_MS) {
        // As the plugin records a failed discovery itself: retried by the sign-in that needs it.
        return { context: { genericOAuthPendingDiscovery: new Map([[OPENID_PROVIDER_ID, config]]) } };
      }
      const result = await withProviderTimeout(timeoutMs, async () => init(ctx));
      const providers = (result?.context?.socialProviders ?? []) as Built[];
      const provider = providers.find((each) => each.id === OPENID_PROVIDER_ID);
      if (provider) {
        built.set(key, provider);
        failedAt.delete(key);
      } else failedAt.set(key, Date.now());
      return result;
    },
  } as BetterAuthPlugin;
}

/**
 * The WebAuthn relying party of an environment, from its one web origin (BETTER_AUTH_URL, read in
 * web/lib/env.ts): the id is the origin's host name, and the origin is the only one a passkey
 * ceremony is accepted from. `npm run dev` (http://localhost:3000) gives `localhost`, which
 * browsers accept over plain http; staging and production give their own host names, so a
 * passkey made on one environment is never offered on another.
 *
 * Stated here, not left to the plugin's defaults: it would take the origin from the request's
 * Origin header, which a relying party must not trust.
 */
export type RelyingParty = { rpID: string; origin: string };

export function relyingParty(webOrigin: string): RelyingParty {
  const url = new URL(webOrigin);
  return { rpID: url.hostname, origin: url.origin };
}

/**
 * Signing-key rotation: a new key signs from now on; the keys before it stop signing and stay in
 * the JWKS for the grace period (Better Auth drops a key once `expiresAt + gracePeriod` has
 * passed), so the tokens they signed keep verifying until those expire.
 *
 * The API worker accepts the new key's first token at once: an unknown `kid` that exists in the
 * key store earns an immediate JWKS refetch (worker-api/src/lib/jwks-cache.ts).
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { createJwk, type Jwk } from "better-auth/plugins/jwt";
import type { Auth } from "../create-auth.ts";
import { jwtOptions } from "../jwt.ts";
import { insertSigningKey, signingKeyCache } from "./signing-key-cache.ts";

export type RotatedKeys = { created: string; retired: string[] };

export async function rotateSigningKey(auth: Auth): Promise<RotatedKeys> {
  const context = await auth.$context;
  // createJwk needs only the context (adapter, secrets) of an endpoint call.
  const options = jwtOptions(String(context.options.baseURL ?? ""));
  // A new key even while another is live: the plugin's own creation would take the live one.
  const rotating = { ...options, adapter: { ...signingKeyCache, createJwk: insertSigningKey } };
  const key = await createJwk({ context } as GenericEndpointContext, rotating);
  const now = new Date();
  const keys = await context.adapter.findMany<Jwk>({ model: "jwks" });
  const live = keys.filter((other) => other.id !== key.id && (!other.expiresAt || other.expiresAt > now));
  for (const other of live) {
    await context.adapter.update({ model: "jwks", where: [{ field: "id", value: other.id }], update: { expiresAt: now } });
  }
  return { created: key.id, retired: live.map((other) => other.id) };
}

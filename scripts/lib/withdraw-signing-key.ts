/**
 * Emergency withdrawal of a JWT signing key (a private key that leaked): its row leaves the key
 * store at once. The API checks the signing key's row in the statement that checks the session,
 * so its tokens are refused from the next request on; the web app's JWKS drops it on its next
 * load. If the key could still sign (it had not expired), a new key is rotated in first, so that
 * there is always a key to sign the next token with.
 */
import type { Jwk } from "better-auth/plugins/jwt";
import type { Auth } from "../../web/lib/auth/create-auth.ts";
import { rotateSigningKey } from "../../web/lib/auth/keys/signing-keys.ts";

export type WithdrawnKey = { withdrawn: string; created?: string };

export async function withdrawSigningKey(auth: Auth, kid: string): Promise<WithdrawnKey> {
  const context = await auth.$context;
  const where = [{ field: "id", value: kid }];
  const key = await context.adapter.findOne<Jwk>({ model: "jwks", where });
  if (!key) throw new Error(`no signing key ${kid} in the key store (list them with: select id, created_at from jwks)`);
  const couldSign = !key.expiresAt || key.expiresAt > new Date();
  const created = couldSign ? (await rotateSigningKey(auth)).created : undefined;
  await context.adapter.delete({ model: "jwks", where });
  return created ? { withdrawn: kid, created } : { withdrawn: kid };
}

/**
 * Signs the server's own tokens (server-api-token.ts) the way Better Auth's `signJWT` endpoint
 * does, minus the work that does not change between signatures: that endpoint finds the signing
 * key, decrypts its private half (XChaCha20, in JavaScript) and imports it on every call, and runs
 * the endpoint machinery (body schema, every plugin's hook matchers) around it. Here the imported
 * key is kept in isolate memory for as long as it is the key Better Auth would sign with, and
 * Better Auth's own `signJWT` signs with it (same header, claims, issuer, audience and lifetime).
 *
 * Which key signs is decided as before, on every signature, from the key table's copy in memory
 * (signing-key-cache.ts): a rotation or an expiry moves signing to the next key exactly when
 * Better Auth's own signing would move. When there is no live key, Better Auth's resolution runs
 * (and creates one, shared by the isolate's concurrent requests).
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { type JwtOptions, resolveSigningKey, signJWT } from "better-auth/plugins/jwt";
import type { Auth } from "../create-auth.ts";
import { jwtOptions } from "../jwt.ts";
import { latestLiveKey, readKeys } from "./signing-key-cache.ts";

type ResolvedKey = NonNullable<Awaited<ReturnType<typeof resolveSigningKey>>>;
type Signer = { ctx: GenericEndpointContext; options: JwtOptions };

/**
 * The last key resolved, per Better Auth instance (its context: the secrets that decrypted it):
 * one at a time, as only the newest live key signs.
 */
let resolved = new WeakMap<object, ResolvedKey>();

/** For tests only: what a fresh isolate starts from. */
export function forgetResolvedSigningKey(): void {
  resolved = new WeakMap();
}

/** The context and options that Better Auth's jwt plugin signs with, for `auth`. */
export async function signerFor(auth: Auth): Promise<Signer> {
  const context = await auth.$context;
  // signJWT and the key resolution read only the context (options, adapter, secrets, logger).
  return { ctx: { context } as GenericEndpointContext, options: jwtOptions(String(context.options.baseURL ?? "")) };
}

/** The id of the key the next signature will use, from memory; undefined when there is none yet. */
export async function currentSigningKeyId({ ctx, options }: Signer): Promise<string | undefined> {
  return latestLiveKey(await readKeys(ctx), options.jwks?.keyPairConfig?.alg)?.id;
}

/** `current`: the id `currentSigningKeyId` just read (the caller has it already). */
async function signingKey(signer: Signer, current: string | undefined): Promise<ResolvedKey> {
  const kept = resolved.get(signer.ctx.context);
  if (kept && current !== undefined && kept.kid === current) return kept;
  const key = await resolveSigningKey(signer.ctx, signer.options);
  // Null only with a custom `jwt.sign`, which these options never set.
  if (!key) throw new Error("the jwt plugin resolved no signing key");
  resolved.set(signer.ctx.context, key);
  return key;
}

/**
 * A JWT of `payload` (Better Auth adds `exp`, `iss` and `aud` from the options), and the key id that
 * signed it. `currentKid`: what `currentSigningKeyId` answered for this signature.
 */
export async function signServerJwt(
  signer: Signer,
  payload: Record<string, unknown>,
  currentKid: string | undefined,
): Promise<{ token: string; kid: string }> {
  const key = await signingKey(signer, currentKid);
  const token = await signJWT(signer.ctx, { options: signer.options, payload, resolvedKey: key });
  return { token, kid: key.kid };
}

/**
 * The jwt plugin's key store, kept in isolate memory for a minute. Without it, every token costs
 * a read of the `jwks` table before signing: one database round trip on the way to every API call.
 *
 * A rotation reaches signing at once in the isolate that rotates (createJwk forgets the copy) and
 * within the minute elsewhere; until then the previous key signs, and it stays published for the
 * grace period (a day), so its tokens keep verifying. The public JWKS never comes from this copy:
 * public-keys.ts forgets it before each load, so a new key is published as soon as it is asked for.
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import type { Jwk, JwtOptions } from "better-auth/plugins/jwt";

const MEMORY_TTL_MS = 60_000;

let cached: { keys: Jwk[]; loadedAt: number } | undefined;

/** Forgets the isolate's copy: the next signature reads the key table. */
export function forgetSigningKeys(): void {
  cached = undefined;
}

async function readKeys(ctx: GenericEndpointContext): Promise<Jwk[]> {
  if (cached && Date.now() - cached.loadedAt < MEMORY_TTL_MS) return cached.keys;
  const keys = await ctx.context.adapter.findMany<Jwk>({ model: "jwks" });
  cached = { keys, loadedAt: Date.now() };
  return keys;
}

export const signingKeyCache: NonNullable<JwtOptions["adapter"]> = {
  getJwks: readKeys,
  async createJwk(data, ctx) {
    const key = await ctx.context.adapter.create<Omit<Jwk, "id">, Jwk>({
      model: "jwks",
      data: { ...data, createdAt: new Date() },
    });
    forgetSigningKeys();
    return key;
  },
};

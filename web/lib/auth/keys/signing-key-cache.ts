/**
 * The jwt plugin's key store, kept in isolate memory for a minute. Without it, every token costs
 * a read of the `jwks` table before signing: one database round trip on the way to every API call.
 *
 * A rotation reaches signing at once in the isolate that rotates (insertSigningKey forgets the copy) and
 * within the minute elsewhere; until then the previous key signs, and it stays published for the
 * grace period (a day), so its tokens keep verifying. The public JWKS never comes from this copy:
 * public-keys.ts forgets it before each load, so a new key is published as soon as it is asked for.
 *
 * Better Auth creates a key itself when it finds no live one: on an environment's first token, and
 * whenever the latest key's rotation interval has run out. At that moment every request finds none,
 * and each would create a key of its own: twenty concurrent first tokens made twenty keys, each a
 * new kid for the API to learn, and the web serves a kid it lacks at most once every 2 s
 * (public-keys.ts), so tokens under the later ones were refused meanwhile (bench:load). So the
 * requests of an isolate share one creation, which first reads the table again and takes a live
 * key that another isolate has just created, if there is one.
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import type { Jwk, JwtOptions } from "better-auth/plugins/jwt";

const MEMORY_TTL_MS = 60_000;

let cached: { keys: Jwk[]; loadedAt: number } | undefined;
let creating: Promise<Jwk> | undefined;

/** Forgets the isolate's copy: the next signature reads the key table. */
export function forgetSigningKeys(): void {
  cached = undefined;
}

/** The key table, from the isolate's copy while it is under a minute old. */
export async function readKeys(ctx: GenericEndpointContext): Promise<Jwk[]> {
  if (cached && Date.now() - cached.loadedAt < MEMORY_TTL_MS) return cached.keys;
  const keys = await ctx.context.adapter.findMany<Jwk>({ model: "jwks" });
  cached = { keys, loadedAt: Date.now() };
  return keys;
}

/** The key Better Auth signs with among `keys`: the newest of `alg` that has not run out. */
export function latestLiveKey(keys: Jwk[], alg: string | undefined): Jwk | undefined {
  const now = Date.now();
  return keys
    .filter((key) => (key.alg ?? alg) === alg && (!key.expiresAt || key.expiresAt.getTime() > now))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
}

/** Adds a key to the table, always: a deliberate rotation (signing-keys.ts). */
export async function insertSigningKey(data: Omit<Jwk, "id">, ctx: GenericEndpointContext): Promise<Jwk> {
  const key = await ctx.context.adapter.create<Omit<Jwk, "id">, Jwk>({
    model: "jwks",
    data: { ...data, createdAt: new Date() },
  });
  forgetSigningKeys();
  return key;
}

/** The plugin's own creation, when it found no live key: one per isolate at a time, and only if still none. */
function createUnlessCreated(data: Omit<Jwk, "id">, ctx: GenericEndpointContext): Promise<Jwk> {
  creating ??= (async () => {
    const keys = await ctx.context.adapter.findMany<Jwk>({ model: "jwks" });
    const live = latestLiveKey(keys, data.alg);
    if (!live) return insertSigningKey(data, ctx);
    cached = { keys, loadedAt: Date.now() };
    return live;
  })().finally(() => {
    creating = undefined;
  });
  return creating;
}

export const signingKeyCache: NonNullable<JwtOptions["adapter"]> = {
  getJwks: readKeys,
  createJwk: createUnlessCreated,
};

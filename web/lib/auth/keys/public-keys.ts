/**
 * `GET /api/auth/jwks` from isolate memory: Better Auth reads the key table on every call, and
 * every API isolate and outside verifier asks for it. Parallel requests share one load; a loaded
 * set is served for a minute, with `Cache-Control: public, max-age=60` for HTTP caches.
 *
 * Key rotation stays immediate: the API worker asks for `?kid=<id>` when a token names a key it
 * has confirmed exists (worker-api/src/lib/jwks-cache.ts), and a kid that the cached set lacks
 * makes this load the set again (at most one load at a time). Anyone can ask for a kid, so such
 * reloads happen at most once every 2 s per isolate: random kids cost at most 30 reads of the
 * (small) key table a minute, not one each, and a new key is published within 2 s even while
 * someone spends those reloads. (Once a minute, as before, let one made-up kid hold back a real
 * rotation for a minute, during which every token signed with the new key was refused:
 * bench:load's two rotations under load saw 253 refusals.)
 * A retired key leaves the served set within the minute.
 */
import "server-only";
import { forgetSigningKeys } from "./signing-key-cache.ts";

const MEMORY_TTL_MS = 60_000;
/** The least time between two loads for a kid the copy lacks. */
export const KID_RELOAD_INTERVAL_MS = 2_000;
/** HTTP caches may keep it as long as this isolate does. */
const JWKS_CACHE_CONTROL = `public, max-age=${MEMORY_TTL_MS / 1000}`;

type Loaded = { body: string; keyIds: Set<string>; loadedAt: number };

let current: Loaded | undefined;
let loading: Promise<Loaded> | undefined;
let lastKidReloadAt = Number.NEGATIVE_INFINITY;

/** For tests only: what a fresh isolate would start from. Nothing in the app calls these. */
export const __testing = {
  /** Forgets the isolate's copy and its last reload for a kid. */
  forgetPublicKeys(): void {
    current = undefined;
    loading = undefined;
    lastKidReloadAt = Number.NEGATIVE_INFINITY;
  },
};

/**
 * Whether to load now: no copy, a copy past its minute, or a kid the copy lacks. A load asked for
 * by a kid the copy lacks (for that reason or with it) counts as the minute's one reload for kids.
 */
function needsLoad(kid: string | null, now: number): boolean {
  const expired = !current || now - current.loadedAt > MEMORY_TTL_MS;
  const lacksKid = kid !== null && !current?.keyIds.has(kid);
  if (lacksKid && (expired || now - lastKidReloadAt >= KID_RELOAD_INTERVAL_MS)) {
    lastKidReloadAt = now;
    return true;
  }
  return expired;
}

async function load(fetchKeys: () => Promise<Response>): Promise<Loaded> {
  loading ??= (async () => {
    // Publish what the key table holds now, not the signer's minute-old copy.
    forgetSigningKeys();
    const response = await fetchKeys();
    if (!response.ok) throw new Error(`the key set could not be read (HTTP ${response.status})`);
    const body = await response.text();
    const { keys } = JSON.parse(body) as { keys: { kid?: string }[] };
    current = { body, keyIds: new Set(keys.flatMap((key) => (key.kid ? [key.kid] : []))), loadedAt: Date.now() };
    return current;
  })().finally(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * Answers a JWKS request from memory, loading with `fetchKeys` (Better Auth's own /jwks) when
 * the copy is missing, older than a minute, or lacks the `kid` the request asks for (at most once
 * every 2 s).
 */
export async function servePublicKeys(request: Request, fetchKeys: () => Promise<Response>): Promise<Response> {
  const kid = new URL(request.url).searchParams.get("kid");
  let keys: Loaded;
  try {
    keys = needsLoad(kid, Date.now()) || !current ? await load(fetchKeys) : current;
  } catch {
    if (!current) return Response.json({ message: "The signing keys are unavailable." }, { status: 503 });
    keys = current; // a known set beats none while the database is away
  }
  return new Response(keys.body, {
    headers: { "Content-Type": "application/json", "Cache-Control": JWKS_CACHE_CONTROL },
  });
}

const JWKS_PATH = "/api/auth/jwks";

/** Wraps Better Auth's handler so that `GET /api/auth/jwks` is answered from memory. */
export function withPublicKeysFromMemory(handle: (request: Request) => Promise<Response>) {
  return (request: Request): Promise<Response> => {
    if (request.method !== "GET" || new URL(request.url).pathname !== JWKS_PATH) return handle(request);
    return servePublicKeys(request, () => handle(new Request(new URL(JWKS_PATH, request.url))));
  };
}

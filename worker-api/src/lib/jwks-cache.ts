/**
 * @module jwks-cache
 * The web app's public signing keys, cached in isolate memory, then in KV, then fetched.
 *
 * - Concurrent callers on a cold cache share one load in flight.
 * - A token whose `kid` is unknown triggers at most one origin refetch per 30 s per isolate,
 *   so a flood of random kids cannot become a flood of fetches.
 * - Except when the key set has verifiably changed: `isPublishedKid` (a cheap lookup in the
 *   strongly consistent store of keys) confirms the kid exists, and the set is refetched at once,
 *   once per such kid. So a key is usable the moment it exists, whatever this isolate fetched
 *   recently and whatever KV still holds.
 * - Past its TTL a set is refreshed, but if the origin is down the stale set keeps verifying:
 *   KV keeps entries well beyond the TTL for exactly that reason.
 * - With nothing cached and the origin down, `JwksUnavailableError` (the API answers 503).
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";

export const UNKNOWN_KID_REFETCH_INTERVAL_MS = 30_000;
/** After a failed refresh of a stale set, keep using it this long before asking the origin again. */
const STALE_REFRESH_BACKOFF_MS = 30_000;
/** KV outlives the freshness TTL so that an origin outage does not empty the cache. */
const KV_RETENTION_FACTOR = 24;
const FETCH_TIMEOUT_MS = 5_000;
/** Better Auth's key ids are 32 characters; anything much longer is not worth a lookup. */
const MAX_KID_LENGTH = 128;

export class JwksUnavailableError extends Error {
  override name = "JwksUnavailableError";
}

export type JwksCacheOptions = {
  /** Identifies the key set (the JWKS URL); also the KV key. */
  cacheKey: string;
  kv: KVNamespace;
  ttlSeconds: number;
  /**
   * Fetches the JWKS document from its origin (service binding or URL); with `kid`, one that
   * must include that key (the origin then skips any cache of its own that lacks it).
   */
  fetchJwks: (signal: AbortSignal, kid?: string) => Promise<Response>;
  /** Whether a signing key with this id has been created (the version check); may throw. */
  isPublishedKid?: (kid: string) => Promise<boolean>;
};

type Entry = { jwks: JSONWebKeySet; fetchedAt: number; getKey: JWTVerifyGetKey };
type IsolateState = {
  entry?: Entry;
  inflight?: Promise<Entry>;
  /** One origin fetch per confirmed new kid, shared by the requests that carry it. */
  kidLoads: Map<string, Promise<Entry>>;
  lastOriginFetchAt: number;
  lastFailedRefreshAt: number;
};

// Isolate memory. Plain data and CryptoKeys only: no I/O objects may cross requests in Workers.
const isolate = new Map<string, IsolateState>();

function stateFor(cacheKey: string): IsolateState {
  let state = isolate.get(cacheKey);
  if (!state) {
    state = { kidLoads: new Map(), lastOriginFetchAt: 0, lastFailedRefreshAt: 0 };
    isolate.set(cacheKey, state);
  }
  return state;
}

/**
 * For tests only, never called by the worker: `forgetIsolateMemory()` makes this isolate behave as
 * a new one (KV is untouched).
 */
export const __testing = {
  forgetIsolateMemory(): void {
    isolate.clear();
  },
};

function toEntry(jwks: JSONWebKeySet, fetchedAt: number): Entry {
  return { jwks, fetchedAt, getKey: createLocalJWKSet(jwks) };
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return typeof value === "object" && value !== null && Array.isArray((value as JSONWebKeySet).keys);
}

export class JwksCache {
  readonly #options: JwksCacheOptions;
  readonly #state: IsolateState;

  constructor(options: JwksCacheOptions) {
    this.#options = options;
    this.#state = stateFor(options.cacheKey);
  }

  /** A jose key resolver for `jwtVerify`, backed by this cache. */
  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const entry = await this.#current();
    try {
      return await entry.getKey(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // Possibly a rotated key we have not seen yet: one refetch, then decide. If the origin is
      // down, the token still names a key we do not know: that is the caller's error, not ours.
      const kid = header.kid;
      let refreshed: Entry | undefined;
      try {
        refreshed =
          (kid ? await this.#refreshForPublishedKid(kid) : undefined) ??
          (this.#mayRefetchForUnknownKid() ? await this.#shared(() => this.#fromOrigin()) : undefined);
      } catch {
        throw error;
      }
      if (!refreshed) throw error;
      return refreshed.getKey(header, token);
    }
  };

  /** The cached set, for readiness checks: loads it if needed. */
  async keys(): Promise<JSONWebKeySet> {
    return (await this.#current()).jwks;
  }

  async #current(): Promise<Entry> {
    const { entry } = this.#state;
    if (entry && !this.#isStale(entry)) return entry;
    if (entry) return this.#refreshStale(entry);
    return this.#shared(() => this.#fromKvOrOrigin());
  }

  #isStale(entry: Entry): boolean {
    return Date.now() - entry.fetchedAt > this.#options.ttlSeconds * 1000;
  }

  async #refreshStale(stale: Entry): Promise<Entry> {
    if (Date.now() - this.#state.lastFailedRefreshAt < STALE_REFRESH_BACKOFF_MS) return stale;
    try {
      return await this.#shared(() => this.#fromKvOrOrigin());
    } catch {
      this.#state.lastFailedRefreshAt = Date.now();
      return stale;
    }
  }

  /**
   * For a kid that the key store knows and this isolate has not fetched for yet: a fetch of its
   * own (not a load already in flight, which may have left before the key existed), shared by
   * the requests carrying that kid (and those that looked at the older set before it landed).
   * Undefined when the kid is not such a key, or when its fetch did not find it either.
   */
  async #refreshForPublishedKid(kid: string): Promise<Entry | undefined> {
    const { isPublishedKid } = this.#options;
    if (!isPublishedKid || kid.length > MAX_KID_LENGTH) return undefined;
    const fetched = (load: Promise<Entry>) =>
      load.then((entry) => (entry.jwks.keys.some((key) => key.kid === kid) ? entry : undefined));
    const known = this.#state.kidLoads.get(kid);
    if (known) return fetched(known);
    if (!(await isPublishedKid(kid).catch(() => false))) return undefined;
    const started = this.#state.kidLoads.get(kid); // another request may have started it meanwhile
    if (started) return fetched(started);
    const load = this.#fromOrigin(kid).then((entry) => {
      this.#state.entry = entry;
      return entry;
    });
    this.#state.kidLoads.set(kid, load);
    load.catch(() => this.#state.kidLoads.delete(kid)); // a failed fetch may be retried
    return fetched(load);
  }

  #mayRefetchForUnknownKid(): boolean {
    return Date.now() - this.#state.lastOriginFetchAt >= UNKNOWN_KID_REFETCH_INTERVAL_MS;
  }

  /** Runs `load` unless a load is already in flight, in which case every caller awaits that one. */
  #shared(load: () => Promise<Entry>): Promise<Entry> {
    this.#state.inflight ??= load()
      .then((entry) => {
        this.#state.entry = entry;
        return entry;
      })
      .finally(() => {
        this.#state.inflight = undefined;
      });
    return this.#state.inflight;
  }

  async #fromKvOrOrigin(): Promise<Entry> {
    const stored = await this.#readKv();
    if (stored && !this.#isStale(stored)) return stored;
    try {
      return await this.#fromOrigin();
    } catch (error) {
      if (!stored) throw error;
      this.#state.lastFailedRefreshAt = Date.now();
      return stored; // stale beats nothing while the origin is down
    }
  }

  async #readKv(): Promise<Entry | undefined> {
    try {
      const value = await this.#options.kv.get<{ jwks: unknown; fetchedAt: number }>(this.#options.cacheKey, "json");
      if (value && isJwks(value.jwks) && typeof value.fetchedAt === "number") return toEntry(value.jwks, value.fetchedAt);
    } catch {
      // KV is a cache: when it fails, fall through to the origin.
    }
    return undefined;
  }

  async #fromOrigin(kid?: string): Promise<Entry> {
    this.#state.lastOriginFetchAt = Date.now();
    let response: Response;
    try {
      response = await this.#options.fetchJwks(AbortSignal.timeout(FETCH_TIMEOUT_MS), kid);
    } catch (error) {
      throw new JwksUnavailableError(`JWKS origin unreachable: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      throw new JwksUnavailableError(`JWKS origin answered HTTP ${response.status}`);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!isJwks(body)) throw new JwksUnavailableError("JWKS origin returned a document without a `keys` array");
    const entry = toEntry(body, Date.now());
    await this.#options.kv
      .put(this.#options.cacheKey, JSON.stringify({ jwks: body, fetchedAt: entry.fetchedAt }), {
        expirationTtl: this.#options.ttlSeconds * KV_RETENTION_FACTOR,
      })
      .catch(() => undefined);
    return entry;
  }
}

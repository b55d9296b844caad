/**
 * @module jwks-cache
 * The web app's public signing keys, cached in isolate memory, then in KV, then fetched.
 *
 * - Concurrent callers on a cold cache share one load in flight.
 * - A token whose `kid` is unknown triggers at most one origin refetch per 30 s per isolate,
 *   so a flood of random kids cannot become a flood of fetches.
 * - Except when the key set has verifiably changed: `isPublishedKid` (a cheap lookup in the
 *   strongly consistent store of keys) confirms the kid exists, and the set is refetched at once,
 *   once per such kid (and once more, a moment later, if the origin's answer still lacked it). So
 *   a key is usable the moment it exists, whatever this isolate fetched recently and whatever KV
 *   still holds.
 * - That lookup is the database's work, so made-up kids are kept from it: a kid it did not find is
 *   remembered for a minute, concurrent requests with one kid share one lookup, and at most
 *   `ABSENT_KID_LOOKUPS_PER_MINUTE` lookups that find nothing run per minute (which also bounds
 *   the memory); beyond that, an unknown kid waits for the periodic refetch like any other. (The
 *   token's shape, its algorithm and the kid's syntax are checked before any of this:
 *   lib/jws-shape.ts.)
 * - Past its TTL a set is refreshed, but if the origin is down the stale set keeps verifying:
 *   KV keeps entries well beyond the TTL for exactly that reason.
 * - With nothing cached and the origin down, `JwksUnavailableError` (the API answers 503).
 */
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { isKeyId } from "./jws-shape.ts";

export const UNKNOWN_KID_REFETCH_INTERVAL_MS = 30_000;
/** How long a kid that the key store did not have is not asked about again. */
const ABSENT_KID_MEMORY_MS = 60_000;
/**
 * Key-store lookups per minute per isolate that may find nothing. A rotation brings one new kid,
 * found at once; only a flood of made-up kids runs out of these.
 */
export const ABSENT_KID_LOOKUPS_PER_MINUTE = 5;
const LOOKUP_BUDGET_WINDOW_MS = 60_000;
/** After a failed refresh of a stale set, keep using it this long before asking the origin again. */
const STALE_REFRESH_BACKOFF_MS = 30_000;
/** KV outlives the freshness TTL so that an origin outage does not empty the cache. */
const KV_RETENTION_FACTOR = 24;
const FETCH_TIMEOUT_MS = 5_000;
/**
 * How long to wait before asking the origin again for a confirmed kid that its answer lacked: a
 * little more than the web's least time between two reloads for a kid (web/lib/auth/keys/public-keys.ts).
 */
export const ORIGIN_KID_RELOAD_WAIT_MS = 2_100;

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
  /** One key-store lookup per kid in flight, shared by the requests that carry it. */
  kidLookups: Map<string, Promise<boolean>>;
  /** Kids the key store did not have, and until when they are not asked about again (oldest first). */
  absentKids: Map<string, number>;
  /** This minute's key-store lookups that have not found their kid (or are still running). */
  lookupBudget: { since: number; spent: number };
  lastOriginFetchAt: number;
  lastFailedRefreshAt: number;
};

// Isolate memory. Plain data and CryptoKeys only: no I/O objects may cross requests in Workers.
const isolate = new Map<string, IsolateState>();

function stateFor(cacheKey: string): IsolateState {
  let state = isolate.get(cacheKey);
  if (!state) {
    state = {
      kidLoads: new Map(),
      kidLookups: new Map(),
      absentKids: new Map(),
      lookupBudget: { since: 0, spent: 0 },
      lastOriginFetchAt: 0,
      lastFailedRefreshAt: 0,
    };
    isolate.set(cacheKey, state);
  }
  return state;
}

/** For tests only, never called by the worker. */
export const __testing = {
  /** Makes this isolate behave as a new one (KV is untouched). */
  forgetIsolateMemory(): void {
    isolate.clear();
  },
  /** How many kids the key set `cacheKey` remembers as absent. */
  rememberedAbsentKids(cacheKey: string): number {
    return isolate.get(cacheKey)?.absentKids.size ?? 0;
  },
};

/**
 * Remembers `kid` as absent for a minute. Kids are added oldest first and kept equally long, so
 * forgetting from the front those whose minute is over keeps the set to the lookups of the last
 * minute: at most `ABSENT_KID_LOOKUPS_PER_MINUTE` (twice that across a budget window's edge).
 */
function rememberAbsent(state: IsolateState, kid: string, now: number): void {
  for (const [oldest, until] of state.absentKids) {
    if (until > now) break;
    state.absentKids.delete(oldest);
  }
  state.absentKids.set(kid, now + ABSENT_KID_MEMORY_MS);
}

function toEntry(jwks: JSONWebKeySet, fetchedAt: number): Entry {
  return { jwks, fetchedAt, getKey: createLocalJWKSet(jwks) };
}

const hasKey = (entry: Entry, kid: string) => entry.jwks.keys.some((key) => key.kid === kid);

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
    if (!isPublishedKid || !isKeyId(kid)) return undefined;
    const fetched = (load: Promise<Entry>) => load.then((entry) => (hasKey(entry, kid) ? entry : undefined));
    const known = this.#state.kidLoads.get(kid);
    if (known) return fetched(known);
    if (!(await this.#isPublished(kid, isPublishedKid))) return undefined;
    const started = this.#state.kidLoads.get(kid); // another request may have started it meanwhile
    if (started) return fetched(started);
    const load = this.#fromOrigin(kid)
      .then(async (entry) => {
        if (hasKey(entry, kid)) return entry;
        // The origin answered with its copy from before the key existed: the web reloads its copy
        // for a new kid at most once every 2 s, and another kid (a second key created at the same
        // moment, elsewhere) may have just spent that reload. The key exists, so ask once more
        // after the interval: these requests wait instead of being refused.
        await new Promise((resolve) => setTimeout(resolve, ORIGIN_KID_RELOAD_WAIT_MS));
        return this.#fromOrigin(kid);
      })
      .then((entry) => {
        this.#state.entry = entry;
        return entry;
      });
    this.#state.kidLoads.set(kid, load);
    // A failed fetch may be retried by a later request, and so may one whose set still lacks the
    // key: the kid is confirmed, so asking again is not a flood.
    load.then(
      (entry) => {
        if (!hasKey(entry, kid)) this.#state.kidLoads.delete(kid);
      },
      () => this.#state.kidLoads.delete(kid),
    );
    return fetched(load);
  }

  /**
   * Asks the key store whether `kid` exists, unless it said no within the last minute or this
   * minute's lookups that found nothing are spent (then: no). One lookup per kid at a time.
   */
  #isPublished(kid: string, lookup: (kid: string) => Promise<boolean>): Promise<boolean> {
    const state = this.#state;
    const now = Date.now();
    const absentUntil = state.absentKids.get(kid);
    if (absentUntil !== undefined && absentUntil > now) return Promise.resolve(false);
    state.absentKids.delete(kid);
    const running = state.kidLookups.get(kid);
    if (running) return running;
    if (now - state.lookupBudget.since >= LOOKUP_BUDGET_WINDOW_MS) state.lookupBudget = { since: now, spent: 0 };
    if (state.lookupBudget.spent >= ABSENT_KID_LOOKUPS_PER_MINUTE) return Promise.resolve(false);
    // Spent up front, so that concurrent lookups cannot overrun it; given back if the kid exists.
    const budget = state.lookupBudget;
    budget.spent += 1;
    const check = lookup(kid)
      .then((found) => {
        if (found) budget.spent -= 1;
        else rememberAbsent(state, kid, Date.now());
        return found;
      })
      // The key store is unreachable: no answer, so nothing to remember either.
      .catch(() => false)
      .finally(() => state.kidLookups.delete(kid));
    state.kidLookups.set(kid, check);
    return check;
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

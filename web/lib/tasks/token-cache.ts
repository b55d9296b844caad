/**
 * Keeps the API's Bearer JWT in memory until 60 s before it expires, so that API calls do not
 * each ask the auth server for a token first. Concurrent callers share one refresh.
 */
export const REFRESH_MARGIN_MS = 60_000;

export type TokenCache = {
  /** A token valid for at least the refresh margin; fetches one only when needed. */
  get(): Promise<string>;
  /** Drops the cached token (e.g. after the API answered 401). */
  invalidate(): void;
};

/**
 * How long a JWT is valid, in ms (`exp` − `iat`); 0 when it cannot be read (the token is then
 * never reused). Measured from when it arrives, not against `exp`: a browser whose clock runs
 * ahead of the server's would otherwise find every fresh token expired and ask for one per call.
 */
export function lifetimeMs(token: string): number {
  try {
    const payload = token.split(".")[1] ?? "";
    const claims = JSON.parse(atob(payload.replaceAll("-", "+").replaceAll("_", "/"))) as { exp?: unknown; iat?: unknown };
    const { exp, iat } = claims;
    return typeof exp === "number" && typeof iat === "number" ? Math.max(0, (exp - iat) * 1000) : 0;
  } catch {
    return 0;
  }
}

export function createTokenCache(fetchToken: () => Promise<string>, now: () => number = Date.now): TokenCache {
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;
  return {
    get() {
      if (cached && cached.expiresAt - REFRESH_MARGIN_MS > now()) return Promise.resolve(cached.token);
      inflight ??= fetchToken()
        .then((token) => {
          cached = { token, expiresAt: now() + lifetimeMs(token) };
          return token;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

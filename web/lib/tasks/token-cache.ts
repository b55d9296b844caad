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

/** The `exp` claim of a JWT, in ms; 0 when it cannot be read (the token is then never reused). */
export function expiresAtMs(token: string): number {
  try {
    const payload = token.split(".")[1] ?? "";
    const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : 0;
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
          cached = { token, expiresAt: expiresAtMs(token) };
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

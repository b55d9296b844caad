/**
 * The database's queries (Neon's HTTP transport: one fetch per query) bypass Next.js's patched
 * `fetch`. Next wraps the global fetch for its data cache and tracing; a query is never cached by
 * it (a POST), yet each one paid for the wrapper's bookkeeping: about a sixth of the JavaScript
 * CPU of /api/auth/token and get-session in a profile of the production build. The fetch below the
 * wrapper (OpenNext's, which strips the `cache` option workerd does not take) carries them instead.
 */
import { neonConfig } from "@neondatabase/serverless";

type MaybePatchedFetch = typeof fetch & { _nextOriginalFetch?: typeof fetch };

/** The fetch Next.js wrapped, or the global one where Next has not patched it (scripts, tests). */
const unpatchedFetch: typeof fetch = (input, init) => {
  const global = globalThis.fetch as MaybePatchedFetch;
  return (global._nextOriginalFetch ?? global)(input, init);
};

/** Points Neon's HTTP queries at the fetch below Next's wrapper (idempotent, process-wide). */
export function queryDatabaseWithoutNextFetch(): void {
  neonConfig.fetchFunction = unpatchedFetch;
}

/**
 * Reading Postgres errors, for both workers: Drizzle wraps the driver's error, which carries the
 * SQLSTATE, so the code is found by walking the `cause` chain.
 */

/** The error and its `cause`s, stopping at a cycle. */
export function* causeChain(error: unknown): Generator<Error> {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    yield current;
  }
}

/** The Postgres SQLSTATE somewhere in the chain, if the database answered at all. */
export function sqlState(error: unknown): string | undefined {
  for (const current of causeChain(error)) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

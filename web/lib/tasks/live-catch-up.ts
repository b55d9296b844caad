/**
 * Whether a page missed changes, decided when one of its sockets says `hello`
 * (docs/live-updates.md, "Missed changes").
 *
 * - Once a socket has greeted, the page knows the version of the last change it applied (or that
 *   the hello told it): another version in a later hello means changes came while it was not
 *   connected. Versions count every change the object numbered, so this is exact, whatever order
 *   the writes committed in.
 * - Before any hello, all the page has is its server render: `renderedAt`, the web server's clock
 *   taken before the page's data was read. The hello's `changed_at` is when the person's latest
 *   change committed (the API worker's clock, after the write's statement returned). A change
 *   committed after the render may be missing from it; one committed before it cannot be. No
 *   margin: a visit that only reads, after writes made before it, refetches nothing (and so asks
 *   for no token). This holds for a first socket that failed and a later one that got in, too.
 * Unknown times (a page not rendered by the server, an object that has numbered no change, an
 * older object whose hello has no `changed_at`) mean nothing is known to be missing.
 */
export type KnownState = {
  /** The version of the last change the page has (applied, or read in a hello); null before any hello. */
  version: number | null;
  /** When the server started reading the page's first data (ms, the server's clock). */
  renderedAt?: number | undefined;
};

export type Hello = { version: number; changed_at?: number | null };

export function missedChanges(known: KnownState, hello: Hello): boolean {
  if (known.version !== null) return hello.version !== known.version;
  const changedAt = hello.changed_at;
  return typeof changedAt === "number" && known.renderedAt !== undefined && changedAt > known.renderedAt;
}

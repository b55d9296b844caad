/**
 * The list's `q` as a Postgres text-search query: each word (letters, digits and their marks) a
 * prefix that must match (`milk:* & fresh:*`), so that "mil" finds "milk" as the person types.
 * Only words reach `to_tsquery`, never the operators its syntax gives to `&|!():*'\`, so no input
 * can make a query Postgres refuses. `null` when `q` has no word at all (it matches nothing).
 */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** A longer query only narrows further; this caps the work one request can ask of the index. */
const MAX_WORDS = 8;

export function prefixQuery(q: string): string | null {
  const words = [...new Set(q.toLowerCase().match(WORD) ?? [])].slice(0, MAX_WORDS);
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(" & ");
}

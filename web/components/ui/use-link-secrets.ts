"use client";
/**
 * The secrets a mailed link carries (a reset token, an e-mail change's tokens), read once from the
 * URL's fragment (or, for a link of before, its query string), then removed from the address bar
 * (history.replaceState): they stay out of the history, bookmarks, screenshots and later Referers.
 * Null in the server's HTML and until React runs the page: only the browser sees a fragment.
 */
import { useEffect, useRef, useState } from "react";

export type LinkSecrets<Name extends string> = Partial<Record<Name, string>>;

/** Reads `names` from the current URL and removes them from it; returns what it found. */
export function takeLinkSecrets<Name extends string>(names: readonly Name[]): LinkSecrets<Name> {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.slice(1));
  const found: LinkSecrets<Name> = {};
  let changed = false;
  for (const name of names) {
    const value = fragment.get(name) ?? url.searchParams.get(name);
    if (value !== null) found[name] = value;
    if (fragment.has(name) || url.searchParams.has(name)) changed = true;
    fragment.delete(name);
    url.searchParams.delete(name);
  }
  if (changed) {
    url.hash = fragment.toString();
    // `null` state: Next.js keeps its router in step with a replaceState it did not make.
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }
  return found;
}

export function useLinkSecrets<Name extends string>(names: readonly Name[]): LinkSecrets<Name> | null {
  // Read once per mounted component: a second effect run (React's development double run) finds
  // the address bar already clean and must not forget what the first one read.
  const taken = useRef<LinkSecrets<Name> | null>(null);
  const [secrets, setSecrets] = useState<LinkSecrets<Name> | null>(null);
  const key = names.join(",");
  useEffect(() => {
    taken.current ??= takeLinkSecrets(key.split(",") as Name[]);
    setSecrets(taken.current);
  }, [key]);
  return secrets;
}

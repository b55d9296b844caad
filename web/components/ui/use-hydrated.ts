import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the page. A form of
 * controlled inputs rendered in the HTML would take what a person (or a password manager) typed
 * before then and wipe it when React takes over: such forms show their skeleton until this is true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

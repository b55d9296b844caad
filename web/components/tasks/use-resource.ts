"use client";
/**
 * Loads one thing from the API on mount. `reload()` refetches; while it runs the previous data
 * stays on screen (`refreshing`), so a refresh after an edit does not flash a skeleton.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "@/lib/error-message";

export type Resource<T> = { data: T | null; error: string | null; loading: boolean; refreshing: boolean };

/** `load` must be stable (wrap it in useCallback); a new function means a new resource. */
export function useResource<T>(load: () => Promise<T>) {
  const [state, setState] = useState<Resource<T>>({ data: null, error: null, loading: true, refreshing: false });
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const current = ++generation.current;
    setState((previous) => ({ ...previous, error: null, loading: previous.data === null, refreshing: previous.data !== null }));
    try {
      const data = await load();
      if (current === generation.current) setState({ data, error: null, loading: false, refreshing: false });
    } catch (error) {
      if (current === generation.current) {
        setState((previous) => ({ ...previous, error: errorMessage(error), loading: false, refreshing: false }));
      }
    }
  }, [load]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, reload };
}

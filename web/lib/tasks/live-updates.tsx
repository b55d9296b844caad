"use client";
/**
 * Live updates for a page's task store: `useLiveUpdates` keeps one WebSocket open while the page
 * is mounted (live-connection.ts) and hands its events to the store. The connector comes from
 * `TasksApiProvider` (which shares its token cache); without one (component tests) nothing connects.
 */
import { createContext, use, useEffect, useRef } from "react";
import type { LiveConnection, LiveHandlers } from "./live-connection.ts";

/**
 * What a page's live connection starts from, from its first data (first-load.ts): `ticket`, the
 * credential its first socket may use, and `renderedAt`, when the server read that data (changes
 * committed later are caught up on at the first hello).
 */
export type LiveStart = { ticket?: string | undefined; renderedAt?: number | undefined };

/** Opens the page's live connection. */
export type LiveConnector = (handlers: LiveHandlers, start: LiveStart) => LiveConnection;

const LiveConnectorContext = createContext<LiveConnector | null>(null);

export const LiveConnectorProvider = LiveConnectorContext.Provider;

/**
 * @param start - the live ticket and render time the page arrived with (in its first data). Only
 *   the page's first ones count: the socket outlives later server renders of the page (a filter
 *   in the URL), which bring their own.
 */
export function useLiveUpdates(handlers: LiveHandlers, start: LiveStart): void {
  const connect = use(LiveConnectorContext);
  // The socket lives as long as the page; the handlers change with every render.
  const latest = useRef(handlers);
  const firstStart = useRef(start);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!connect) return;
    const connection: LiveConnection = connect(
      {
        onChange: (change) => latest.current.onChange(change),
        onResync: () => latest.current.onResync(),
        onSessionEnded: () => latest.current.onSessionEnded(),
      },
      firstStart.current,
    );
    return () => connection.close();
  }, [connect]);
}

"use client";
/**
 * Live updates for a page's task store: `useLiveUpdates` keeps one WebSocket open while the page
 * is mounted (live-connection.ts) and hands its events to the store. The connector comes from
 * `TasksApiProvider` (which shares its token cache); without one (component tests) nothing connects.
 */
import { createContext, use, useEffect, useRef } from "react";
import type { LiveConnection, LiveHandlers } from "./live-connection.ts";

export type LiveConnector = (handlers: LiveHandlers) => LiveConnection;

const LiveConnectorContext = createContext<LiveConnector | null>(null);

export const LiveConnectorProvider = LiveConnectorContext.Provider;

export function useLiveUpdates(handlers: LiveHandlers): void {
  const connect = use(LiveConnectorContext);
  // The socket lives as long as the page; the handlers change with every render.
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!connect) return;
    const connection = connect({
      onChange: (change) => latest.current.onChange(change),
      onResync: () => latest.current.onResync(),
      onSessionEnded: () => latest.current.onSessionEnded(),
    });
    return () => connection.close();
  }, [connect]);
}

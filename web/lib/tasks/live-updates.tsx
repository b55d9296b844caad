"use client";
/**
 * Live updates for a page's task store: `useLiveUpdates` keeps one WebSocket open while the page
 * is mounted (live-connection.ts) and hands its events to the store. The connector comes from
 * `TasksApiProvider` (which shares its token cache); without one (component tests) nothing connects.
 */
import { createContext, use, useEffect, useRef } from "react";
import type { LiveConnection, LiveHandlers } from "./live-connection.ts";

/** Opens the page's live connection; `ticket` is the credential its first socket may use. */
export type LiveConnector = (handlers: LiveHandlers, ticket?: string) => LiveConnection;

const LiveConnectorContext = createContext<LiveConnector | null>(null);

export const LiveConnectorProvider = LiveConnectorContext.Provider;

/**
 * @param ticket - the live ticket the page arrived with (it streams with the first data); the
 *   socket opens once it is there. Only the page's first one counts: the socket outlives later
 *   server renders of the page (a filter in the URL), which bring tickets of their own.
 */
export function useLiveUpdates(handlers: LiveHandlers, ticket: Promise<string | undefined>): void {
  const connect = use(LiveConnectorContext);
  // The socket lives as long as the page; the handlers change with every render.
  const latest = useRef(handlers);
  const firstTicket = useRef(ticket);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    if (!connect) return;
    let connection: LiveConnection | null = null;
    let unmounted = false;
    void firstTicket.current.then((liveTicket) => {
      if (unmounted) return;
      connection = connect(
        {
          onChange: (change) => latest.current.onChange(change),
          onResync: () => latest.current.onResync(),
          onSessionEnded: () => latest.current.onSessionEnded(),
        },
        liveTicket,
      );
    });
    return () => {
      unmounted = true;
      connection?.close();
    };
  }, [connect]);
}

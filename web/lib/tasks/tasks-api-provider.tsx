"use client";
/**
 * Gives client components a `TasksApi` for the signed-in user: one token cache per page load,
 * fed by Better Auth's `/api/auth/token` when the first call needs a token (pages arrive with
 * their data already rendered by the server and a live ticket for their socket, so a visit that
 * only reads never asks for one).
 * When the session ends under an open page, the user is taken to sign-in and brought back to
 * this page afterwards.
 */
import { useRouter } from "next/navigation";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { authClient } from "../auth/client.ts";
import { SESSION_ENDED_MESSAGE, signInAfterSessionEnded } from "../auth/ui/session-ended.ts";
import { ApiError, createTasksApi, type TasksApi } from "./api.ts";
import { connectLive } from "./live-connection.ts";
import { type LiveConnector, LiveConnectorProvider } from "./live-updates.tsx";
import { createTokenCache } from "./token-cache.ts";

type TasksApiContextValue = { api: TasksApi; sessionEnded: () => void; live: LiveConnector };

const TasksApiContext = createContext<TasksApiContextValue | null>(null);

async function fetchToken(): Promise<string> {
  const { data, error } = await authClient.token();
  if (data?.token) return data.token;
  // Better Auth answers 401 once the session is gone; anything else is a failure to reach it.
  if (error?.status === 401) throw new ApiError(SESSION_ENDED_MESSAGE, 401, "session_ended");
  throw new ApiError(error?.message || "Cannot reach the sign-in service. Try again.", error?.status ?? 0, "token_failed");
}

export function TasksApiProvider({ apiUrl, userId, children }: { apiUrl: string; userId: string; children: ReactNode }) {
  const router = useRouter();
  const value = useMemo(() => {
    const sessionEnded = () => router.replace(signInAfterSessionEnded(`${window.location.pathname}${window.location.search}`));
    const tokens = createTokenCache(fetchToken);
    const api = createTasksApi({ baseUrl: apiUrl, userId, tokens, onSessionEnded: sessionEnded });
    // Live updates start on the page's ticket, then share the token cache with the page's actions.
    const live: LiveConnector = (handlers, { ticket, renderedAt }) =>
      connectLive({
        baseUrl: apiUrl,
        userId,
        tokens,
        ...(ticket && { ticket }),
        ...(renderedAt !== undefined && { renderedAt }),
        ...handlers,
      });
    return { api, sessionEnded, live };
  }, [apiUrl, userId, router]);
  return (
    <TasksApiContext.Provider value={value}>
      <LiveConnectorProvider value={value.live}>{children}</LiveConnectorProvider>
    </TasksApiContext.Provider>
  );
}

function useTasksApiContext(): TasksApiContextValue {
  const value = useContext(TasksApiContext);
  if (!value) throw new Error("useTasksApi must be used inside <TasksApiProvider>");
  return value;
}

export const useTasksApi = (): TasksApi => useTasksApiContext().api;

/** Takes the user to sign-in, as the client does after a 401 that survives a fresh token. */
export const useSessionEnded = (): (() => void) => useTasksApiContext().sessionEnded;

"use client";
/**
 * Gives client components a `TasksApi` for the signed-in user: one token cache per page load,
 * fed by Better Auth's `/api/auth/token`.
 */
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { createTasksApi, type TasksApi } from "@/lib/api";
import { authClient } from "@/lib/auth/client";
import { createTokenCache } from "@/lib/token-cache";

const TasksApiContext = createContext<TasksApi | null>(null);

async function fetchToken(): Promise<string> {
  const { data, error } = await authClient.token();
  if (error || !data?.token) throw new Error(error?.message ?? "Your session has ended. Please sign in again.");
  return data.token;
}

export function TasksApiProvider({ apiUrl, userId, children }: { apiUrl: string; userId: string; children: ReactNode }) {
  const api = useMemo(() => createTasksApi({ baseUrl: apiUrl, userId, tokens: createTokenCache(fetchToken) }), [apiUrl, userId]);
  return <TasksApiContext.Provider value={api}>{children}</TasksApiContext.Provider>;
}

export function useTasksApi(): TasksApi {
  const api = useContext(TasksApiContext);
  if (!api) throw new Error("useTasksApi must be used inside <TasksApiProvider>");
  return api;
}

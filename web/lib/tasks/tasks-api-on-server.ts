/**
 * The tasks API for server components: the same client as the browser's (web/lib/tasks/api.ts), with a
 * token minted here for the signed-in session, reaching the API worker through the `API` service
 * binding when the web worker has one (deployed, `npm run preview`) and through `API_URL` when it
 * has not (`npm run dev`, where `next dev` runs outside wrangler). The API stays the one data path:
 * its token checks, per-user scoping and session check apply to these calls as to the browser's.
 */
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getSession, withAuth } from "../auth/server.ts";
import { mintLiveTicket, mintServerApiToken, type SessionIds, serverApiTokens } from "../auth/server-api-token.ts";
import { SESSION_ENDED_MESSAGE } from "../auth/ui/session-ended.ts";
import { describeError } from "../log/describe-error.ts";
import { logLine } from "../log/log-line.ts";
import { requestContext } from "../request-context.ts";
import { ApiError, createTasksApi, type TasksApi } from "./api.ts";
import { apiFetcher } from "./api-fetcher.ts";

export async function tasksApiOnServer(session: SessionIds): Promise<TasksApi> {
  const { bindings, env } = await requestContext();
  return createTasksApi({
    baseUrl: env.apiUrl,
    userId: session.user.id,
    // Minted (or taken from the isolate's kept tokens) when the first call needs it, and again only
    // if the API answers 401 (one retry), then signed anew.
    tokens: serverApiTokens(session, () => withAuth((auth) => mintServerApiToken(auth, session))),
    fetch: apiFetcher(bindings.API),
  });
}

/** The API for this request's signed-in user; a 401 when there is none (the layout redirects). */
export async function tasksApiForThisRequest(): Promise<TasksApi> {
  const session = await getSession();
  if (!session) throw new ApiError(SESSION_ENDED_MESSAGE, 401, "session_ended");
  return tasksApiOnServer(session);
}

/**
 * The live ticket for this request's page (server-api-token.ts); undefined when there is no session
 * or it cannot be minted: the page's socket then asks for a token, as an action would.
 */
export async function liveTicketForThisRequest(): Promise<string | undefined> {
  try {
    const session = await getSession();
    if (!session) return undefined;
    const { env } = await requestContext();
    return await withAuth((auth) => mintLiveTicket(auth, session, env.baseURL));
  } catch (error) {
    // Next's own signals (a dynamic render found while prerendering) must reach Next.
    unstable_rethrow(error);
    console.warn(logLine({ level: "warn", event: "live_ticket_failed", error: describeError(error) }));
    return undefined;
  }
}

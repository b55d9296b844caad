/**
 * The OAuth callback (/api/auth/callback/<provider>) with its writes in one batch
 * (request-batch.ts): a new person's user, account and session, all or nothing. When the batch
 * fails the person gets the sign-in problem page, not an error, and no session cookie: nothing was
 * written. Anything else the callback throws lands there too: a callback answers a page, never a 5xx.
 * The page tells the two kinds apart: a database failure ("your account could not be created") and
 * anything else, which is the provider's answer that could not be used (no answer in time,
 * provider-timeout.ts; a refused connection; an HTML page where JSON belongs).
 */
import "server-only";
import type { HttpDatabase } from "../../../../drizzle/http-database.ts";
import { causeChain, sqlState } from "../../../../drizzle/sql-state.ts";
import { describeError } from "../../log/describe-error.ts";
import { logLine } from "../../log/log-line.ts";
import { inOneRequestBatch } from "../request-batch.ts";
import { SIGN_IN_PROBLEM_PATH } from "./sign-in-problem.ts";

const CALLBACK = /^\/api\/auth\/callback\/[^/]+$/;

/** Whether the callback failed at the database (a query Drizzle or Neon refused), not at the provider. */
function isDatabaseError(error: unknown): boolean {
  if (sqlState(error)) return true;
  return [...causeChain(error)].some((each) => each.name === "DrizzleQueryError" || each.name === "NeonDbError");
}

export function oauthCallbacksInOneBatch(
  handle: (request: Request) => Promise<Response>,
  db: HttpDatabase,
  baseURL: string,
  log: (line: string) => void = (line) => console.error(line),
) {
  return async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (!CALLBACK.test(path)) return handle(request);
    try {
      return await inOneRequestBatch(db, () => handle(request));
    } catch (error) {
      log(logLine({ level: "error", event: "oauth_callback_failed", path, error: describeError(error) }));
      const page = new URL(SIGN_IN_PROBLEM_PATH, baseURL);
      page.searchParams.set("error", isDatabaseError(error) ? "unable_to_create_user" : "unable_to_get_user_info");
      return new Response(null, { status: 302, headers: { Location: page.toString(), "Cache-Control": "no-store" } });
    }
  };
}

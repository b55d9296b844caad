/**
 * Writing account events (drizzle/schema.ts `account_event`) without a database round trip of
 * their own on the request's path:
 * - inside a request batch (request-batch.ts: a sign-in with e-mail, an OAuth callback) the insert
 *   is held and goes out in the batch that writes the session;
 * - anywhere else it runs after the response (`ctx.waitUntil`).
 * A failed write is logged, never fails the action it describes: the action already happened.
 *
 * Other plugins record through `recordAccountEvent(ctx, { userId, kind })`: the address and the
 * browser come from the request.
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { getIP } from "better-auth/api";
import { sql } from "drizzle-orm";
import type { HttpDatabase } from "../../../../drizzle/http-database.ts";
import { accountEvent } from "../../../../drizzle/index.ts";
import { describeError } from "../../log/describe-error.ts";
import { logLine } from "../../log/log-line.ts";
import type { WaitUntil } from "../../worker-context.ts";
import { inRequestBatch, joiningRequestBatch } from "../request-batch.ts";
import type { AccountEventKind } from "./kinds.ts";

const USER_AGENT_MAX = 512;

export type AccountEventInput = {
  userId: string;
  kind: AccountEventKind;
  method?: string | null | undefined;
  ipAddress?: string | null | undefined;
  userAgent?: string | null | undefined;
};

export type ActivityRecorder = {
  record(event: AccountEventInput): Promise<void>;
  /** A wrong password for `email`, after the response: for an unknown address nothing is written. */
  recordFailedSignIn(email: string, where: { ipAddress: string | null; userAgent: string | null }): void;
};

const bounded = (userAgent: string | null | undefined) => (userAgent ? userAgent.slice(0, USER_AGENT_MAX) : null);

export function activityRecorder(db: HttpDatabase, ctx: WaitUntil): ActivityRecorder {
  const later = (what: string, write: () => Promise<unknown>) =>
    ctx.waitUntil(
      write().catch((error: unknown) =>
        console.error(logLine({ level: "error", event: "account_event_not_written", what, error: describeError(error) })),
      ),
    );
  return {
    async record(event) {
      const row = {
        ...event,
        method: event.method ?? null,
        ipAddress: event.ipAddress ?? null,
        userAgent: bounded(event.userAgent),
      };
      if (inRequestBatch()) await joiningRequestBatch(db).insert(accountEvent).values(row);
      else later(event.kind, () => db.insert(accountEvent).values(row));
    },
    recordFailedSignIn(email, where) {
      // One statement whether or not the address has an account, and after the response: neither
      // the answer nor its timing says which.
      later("sign_in_failed", () =>
        db.execute(sql`insert into ${accountEvent} (user_id, kind, method, ip_address, user_agent)
          select id, 'sign_in_failed', 'password', ${where.ipAddress}, ${bounded(where.userAgent)}
          from "user" where email = ${email.trim().toLowerCase()}`),
      );
    },
  };
}

/** The request's address (as the rate limits read it) and browser. */
export function requestOrigin(ctx: GenericEndpointContext): { ipAddress: string | null; userAgent: string | null } {
  const headers = ctx.request?.headers ?? ctx.headers;
  if (!headers) return { ipAddress: null, userAgent: null };
  return { ipAddress: getIP(headers, ctx.context.options), userAgent: headers.get("user-agent") };
}

/** The recorder the account-activity plugin puts on Better Auth's context. */
const recorderOf = (ctx: GenericEndpointContext) => (ctx.context as { accountActivity?: ActivityRecorder }).accountActivity;

/** Records `event` for the request `ctx` (its address and browser unless given). */
export async function recordAccountEvent(
  ctx: GenericEndpointContext,
  event: Omit<AccountEventInput, "ipAddress" | "userAgent"> & Partial<Pick<AccountEventInput, "ipAddress" | "userAgent">>,
): Promise<void> {
  await recorderOf(ctx)?.record({ ...requestOrigin(ctx), ...event });
}

/**
 * Better Auth's `onPasswordReset`, recording `password_reset` first: a reset's answer names nobody,
 * and this callback is where Better Auth says whose password it was. After the response.
 */
export function recordingPasswordReset<Data extends { user: { id: string } }>(
  db: HttpDatabase,
  ctx: WaitUntil,
  then: (data: Data, request?: Request) => Promise<void>,
) {
  const recorder = activityRecorder(db, ctx);
  return async (data: Data, request?: Request) => {
    await recorder.record({
      userId: data.user.id,
      kind: "password_reset",
      // The one address header options.ts trusts (advanced.ipAddress.ipAddressHeaders).
      ipAddress: request?.headers.get("cf-connecting-ip") ?? null,
      userAgent: request?.headers.get("user-agent") ?? null,
    });
    await then(data, request);
  };
}

/**
 * A Better Auth plugin: when a session ends, its live-update sockets close at once, instead of
 * showing the person's tasks until the page next acts. Better Auth runs its session-delete hook
 * for every way a session ends here: sign-out, "sign out other devices", a revoked device
 * (plugins/devices), a password reset or change that signs the others out, a finished e-mail
 * change (the account's other sessions: plugins/confirmed-email-change) or its "this wasn't me"
 * link (every session), an expired session found on use, and account deletion (whose user-delete hook closes
 * every socket of the person and clears their live object).
 *
 * The API worker's `LiveControl` entrypoint is reached through a service binding (`LIVE` in
 * web/wrangler.toml): no public URL. The call runs after the response (`waitUntil`); without the
 * binding (`next dev` without the API worker running), or with the API down, the sockets still
 * close when their token expires, and the API already refuses the ended session on every request.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import type { WaitUntil } from "../../../worker-context.ts";

/** What the web worker may ask of the API worker's `LiveControl` (worker-api/src/live/live-control.ts). */
export type LiveControl = {
  endSessions(userId: string, sessionIds: string[]): Promise<number>;
  endAccount(userId: string): Promise<number>;
};

export const liveSockets = (control: LiveControl | undefined, ctx: WaitUntil) => {
  function push(what: string, call: (control: LiveControl) => Promise<number>) {
    if (!control) return;
    ctx.waitUntil(
      call(control).catch((error: unknown) =>
        console.warn(
          JSON.stringify({
            level: "warn",
            event: "live_sockets_not_closed",
            what,
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
      ),
    );
  }
  return {
    id: "live-sockets",
    init: () => ({
      options: {
        databaseHooks: {
          session: {
            delete: {
              after: async (session) => push("session", (live) => live.endSessions(session.userId, [session.id])),
            },
          },
          user: { delete: { after: async (user) => push("account", (live) => live.endAccount(user.id)) } },
        },
      },
    }),
  } satisfies BetterAuthPlugin;
};

/**
 * `LiveControl`: the web worker's way to end live sockets when Better Auth ends sessions (sign-out,
 * "sign out other devices", a revoked device, a password reset, an e-mail change, account
 * deletion). A named entrypoint reached only through a service binding
 * (`entrypoint = "LiveControl"` in web/wrangler.toml): it has no URL, so nobody on the internet can
 * call it, and it needs no credential of its own.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import * as v from "valibot";

const UserIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(255));
const SessionIdsSchema = v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(255))), v.maxLength(1000));

export class LiveControl extends WorkerEntrypoint<Env> {
  /** Closes the sockets of these sessions of this person. @returns how many were open. */
  async endSessions(userId: string, sessionIds: string[]): Promise<number> {
    const ids = v.parse(SessionIdsSchema, sessionIds);
    if (ids.length === 0) return 0;
    return this.env.LIVE_UPDATES.getByName(v.parse(UserIdSchema, userId)).endSessions(ids);
  }

  /** Closes every socket of this person and clears their object. @returns how many were open. */
  async endAccount(userId: string): Promise<number> {
    return this.env.LIVE_UPDATES.getByName(v.parse(UserIdSchema, userId)).endAccount();
  }
}

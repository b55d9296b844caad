/**
 * Passkeys (WebAuthn): Better Auth's `passkey` plugin, bound to the environment's web origin
 * (relying-party.ts), with a "last used" date and this app's limits.
 *
 *   GET  /api/auth/passkey/generate-register-options?name=…  a challenge to create one (fresh sign-in)
 *   POST /api/auth/passkey/verify-registration { response, name }  stores it (fresh sign-in)
 *   GET  /api/auth/passkey/list-user-passkeys → [{ id, name, createdAt, lastUsedAt, … }]
 *   POST /api/auth/passkey/delete-passkey { id }  (fresh sign-in)
 *   GET  /api/auth/passkey/generate-authenticate-options  a challenge to sign in, naming no one
 *   POST /api/auth/passkey/verify-authentication { response } → a session
 *
 * Sign-in asks for no address: the authenticator offers the passkeys it holds for this site
 * (discoverable credentials), so no answer ever says whether an address has a passkey. A passkey
 * is something you have, unlocked by something you are or know (user verification), so its
 * sign-in counts as both factors: the two-factor plugin's code step follows only password
 * sign-ins, and this session is made directly.
 *
 * `last_used_at` is set by the database (migration 0010_passkey_last_used: a trigger on the update
 * of the signature counter at each sign-in), so keeping it costs no round trip.
 *
 * The sign-in's endpoint is ours (sign-in.ts), in place of the plugin's: the same answers in three
 * database round trips instead of seven.
 */
import "server-only";
import { passkey } from "@better-auth/passkey";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { PASSKEY_NAME_MAX } from "../../../../../drizzle/limits.ts";
import { APP_NAME } from "../../account-mail.ts";
import { passkeyActivity } from "./activity.ts";
import { relyingParty } from "./relying-party.ts";
import { passkeySignIn } from "./sign-in.ts";

/** Refuses a passkey name longer than PASSKEY_NAME_MAX (the plugin takes any length), in the query or the body. */
const boundedName = createAuthMiddleware(async (ctx) => {
  const names = [ctx.query?.name, (ctx.body as { name?: unknown } | undefined)?.name];
  if (names.some((name) => typeof name === "string" && name.trim().length > PASSKEY_NAME_MAX))
    throw new APIError("BAD_REQUEST", { code: "PASSKEY_NAME_TOO_LONG", message: `Use at most ${PASSKEY_NAME_MAX} characters.` });
});

const NAMED_PATHS = new Set(["/passkey/generate-register-options", "/passkey/verify-registration", "/passkey/update-passkey"]);

export function passkeys(webOrigin: string, db: HttpDatabase) {
  const { rpID, origin } = relyingParty(webOrigin);
  const plugin = passkey({
    rpID,
    rpName: APP_NAME,
    origin,
    // A passkey that lives on the authenticator (discoverable), so sign-in can offer it without an
    // address; the authenticator checks it is the person (PIN, fingerprint, face).
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
  });
  return {
    ...plugin,
    endpoints: { ...plugin.endpoints, verifyPasskeyAuthentication: passkeySignIn(db, { rpID, origin }) },
    schema: {
      passkey: {
        ...plugin.schema.passkey,
        fields: { ...plugin.schema.passkey.fields, lastUsedAt: { type: "date", required: false, input: false } },
      },
    },
    // The sign-in itself, as the password's (options.ts: 5 a minute) with room for a retry after a
    // cancelled prompt. The others keep the default (100 a minute): the sign-in page asks for a
    // challenge on every visit, for the browser's autofill.
    rateLimit: [{ pathMatcher: (path: string) => path === "/passkey/verify-authentication", window: 60, max: 10 }],
    hooks: {
      before: [{ matcher: (context: { path?: string }) => NAMED_PATHS.has(context.path ?? ""), handler: boundedName }],
      after: passkeyActivity(),
    },
  } satisfies BetterAuthPlugin;
}

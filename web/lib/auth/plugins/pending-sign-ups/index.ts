/**
 * A Better Auth plugin for accounts whose address is not verified yet (verification required, as
 * deployed):
 *
 * - A sign-up with such an address replaces the pending credentials with its own, signs the
 *   pending account out everywhere and mails a new link (replace-credentials.ts). Better Auth alone
 *   kept the first sign-up's password, mailed nothing, and a later "send it again" verified an
 *   account the first person could open: a pre-hijack.
 * - A link issued before the credentials were last set is refused (`?error=INVALID_TOKEN`): Better
 *   Auth's links are stateless JWTs, so their `iat` is compared with the user's stamp.
 * - Opening a link signs in only the browser that signed up, and never replaces a browser's
 *   session (signing-browser.ts); elsewhere it verifies and the page asks for the password.
 *   Better Auth's own `autoSignInAfterVerification` is off (account-mail.ts): it signed in any
 *   browser that opened the link, over whatever session it had (login CSRF).
 * - A response that ends the browser's session also forgets its pending sign-up.
 *
 * A taken address costs sign-up what a new one does: one more round trip (the batch) either way,
 * the same cookie, the same answer (Better Auth's generic one).
 */
import { tryGetCurrentAuthEndpointContext } from "@better-auth/core/context";
import { appendQueryParams } from "@better-auth/core/utils/url";
import type { BetterAuthPlugin, GenericEndpointContext, User } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, sendVerificationEmailFn } from "better-auth/api";
import { parseSetCookieHeader, setSessionCookie } from "better-auth/cookies";
import type { NeonHttpDatabase } from "drizzle-orm/neon-http";
import { decodeJwt } from "jose";
import { replacePendingCredentials } from "./replace-credentials.ts";
import { pendingSignUpState } from "./request-state.ts";
import { forgetSigningBrowser, isSigningBrowser, rememberSigningBrowser } from "./signing-browser.ts";

// biome-ignore lint/suspicious/noExplicitAny: any schema.
type HttpDatabase = NeonHttpDatabase<any>;

type SignUpAnswer = { user: { id: string; email: string; updatedAt: Date | string } };

const isSignUpAnswer = (value: unknown): value is SignUpAnswer =>
  typeof value === "object" && value !== null && "user" in value && typeof (value as SignUpAnswer).user?.id === "string";

/** Better Auth's own answer to a link that cannot be used: back to the page with the code, or 401. */
function invalidLink(callbackURL: unknown): APIError {
  if (typeof callbackURL === "string" && callbackURL)
    return new APIError("FOUND", undefined, {
      Location: appendQueryParams(callbackURL, new URLSearchParams({ error: "INVALID_TOKEN" })),
    });
  return new APIError("UNAUTHORIZED", { code: "INVALID_TOKEN", message: "Invalid token" });
}

/** Refuses a link issued before the user's credentials were last set (in whole seconds, as `iat`). */
function refuseSupersededLink(user: User): void {
  const query = tryGetCurrentAuthEndpointContext()?.query as { token?: unknown; callbackURL?: unknown } | undefined;
  // Better Auth has checked the token's signature and expiry by now.
  const issuedAt = typeof query?.token === "string" ? decodeJwt(query.token).iat : undefined;
  const setAt = Math.floor(new Date(user.updatedAt).getTime() / 1000);
  if (typeof issuedAt !== "number" || issuedAt < setAt) throw invalidLink(query?.callbackURL);
}

async function afterSignUp(db: HttpDatabase, ctx: GenericEndpointContext): Promise<void> {
  // What the endpoint answered (Better Auth's after hooks get it; its middleware type omits it).
  const answer = (ctx.context as { returned?: unknown }).returned;
  if (!isSignUpAnswer(answer)) return;
  const state = await pendingSignUpState();
  let stamp = { userId: answer.user.id, setAt: new Date(answer.user.updatedAt) };
  // No user created, yet the generic answer: the address was taken (its hash made for timing).
  if (!state.created && state.passwordHash) {
    const body = ctx.body as { name: string; image?: string };
    const replaced = await replacePendingCredentials(db, {
      email: answer.user.email,
      name: body.name,
      image: body.image ?? null,
      passwordHash: state.passwordHash,
      setAt: new Date(),
    });
    if (replaced) {
      stamp = { userId: replaced.id, setAt: replaced.updatedAt };
      await sendVerificationEmailFn(ctx, replaced);
    }
  }
  // For a verified address the stamp names the answer's made-up user: a cookie that matches nothing.
  await rememberSigningBrowser(ctx, stamp);
}

async function afterVerifyEmail(ctx: GenericEndpointContext): Promise<void> {
  const { verifying, verified } = await pendingSignUpState();
  if (!verifying || !verified) return;
  const signingBrowser = await isSigningBrowser(ctx, { userId: verifying.id, setAt: new Date(verifying.updatedAt) });
  forgetSigningBrowser(ctx);
  const current = await getSessionFromCtx(ctx);
  if (current) {
    // Never replaced; the same person's cached session learns that the address is verified.
    if (current.user.id === verifying.id)
      await setSessionCookie(ctx, { session: current.session, user: { ...current.user, emailVerified: true } });
    return;
  }
  if (!signingBrowser) return;
  const session = await ctx.context.internalAdapter.createSession(verifying.id);
  await setSessionCookie(ctx, { session, user: { ...verifying, emailVerified: true } });
}

/**
 * Whether this response ends the browser's session (sign-out, or a dead session found on any
 * request, Better Auth's 401 on /token included): it expires the session cookie.
 */
function endsSession(ctx: GenericEndpointContext): boolean {
  const setCookie = (ctx.context as { responseHeaders?: Headers }).responseHeaders?.get("set-cookie");
  if (!setCookie) return false;
  return parseSetCookieHeader(setCookie).get(ctx.context.authCookies.sessionToken.name)?.["max-age"] === 0;
}

export const pendingSignUps = (db: HttpDatabase) =>
  ({
    id: "pending-sign-ups",
    init(context) {
      const { hash } = context.password;
      return {
        context: {
          password: {
            ...context.password,
            // Sign-up hashes the password for a taken address too (for timing), then drops it:
            // kept here, the replacement needs no second hash (70 ms of CPU, a timing difference).
            async hash(password: string) {
              const passwordHash = await hash(password);
              (await pendingSignUpState()).passwordHash = passwordHash;
              return passwordHash;
            },
          },
        },
        options: {
          databaseHooks: {
            user: {
              create: {
                async after() {
                  (await pendingSignUpState()).created = true;
                },
              },
            },
          },
          emailVerification: {
            async beforeEmailVerification(user) {
              refuseSupersededLink(user);
              (await pendingSignUpState()).verifying = user;
            },
            async afterEmailVerification() {
              (await pendingSignUpState()).verified = true;
            },
          },
        },
      };
    },
    hooks: {
      after: [
        {
          matcher: (context) => context.path === "/sign-up/email",
          handler: createAuthMiddleware((ctx) => afterSignUp(db, ctx)),
        },
        {
          matcher: (context) => context.path === "/verify-email",
          handler: createAuthMiddleware((ctx) => afterVerifyEmail(ctx)),
        },
        {
          // A browser whose session ends starts afresh: its pending sign-up cookie goes too.
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            if (endsSession(ctx)) forgetSigningBrowser(ctx);
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;

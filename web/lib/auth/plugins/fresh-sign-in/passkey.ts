/**
 * POST /api/auth/fresh-sign-in/passkey { response } → { status: true }: a passkey of this person
 * answers a challenge from the passkey plugin's GET /passkey/generate-authenticate-options (which,
 * asked with a session, lists only this person's passkeys), checked as a passkey sign-in checks it
 * (plugins/passkeys/check-answer.ts: user verification required). A passkey of another account is
 * refused even when its answer is sound: the confirmation is of this session's person. Then the
 * signature counter is stored and this session counts as signed in now (renew.ts).
 */
import "server-only";
import { APIError, createAuthEndpoint, sensitiveSessionMiddleware } from "better-auth/api";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { checkPasskeyAnswer, passkeyAnswerBody } from "../passkeys/check-answer.ts";
import type { RelyingParty } from "../passkeys/relying-party.ts";
import { renewSignIn } from "./renew.ts";

export const NOT_YOUR_PASSKEY = "NOT_YOUR_PASSKEY";

export const freshSignInWithPasskey = (db: HttpDatabase, relyingParty: RelyingParty) =>
  createAuthEndpoint(
    "/fresh-sign-in/passkey",
    { method: "POST", use: [sensitiveSessionMiddleware], body: passkeyAnswerBody },
    async (ctx) => {
      const { passkey, newCounter } = await checkPasskeyAnswer(ctx, db, relyingParty);
      if (passkey.userId !== ctx.context.session.user.id)
        throw new APIError("BAD_REQUEST", { code: NOT_YOUR_PASSKEY, message: "That passkey belongs to another account." });
      await ctx.context.adapter.update({
        model: "passkey",
        where: [{ field: "id", value: passkey.id }],
        update: { counter: newCounter },
      });
      return renewSignIn(ctx, ctx.context.session, "passkey");
    },
  );

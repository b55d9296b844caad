/**
 * A Better Auth plugin: sign-up and profile updates refuse a name outside 1–100 characters or an
 * e-mail over 254 with 400, before anything is written. Better Auth itself accepts any length.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { accountFieldProblem } from "./account-limits.ts";

const CHECKED_PATHS = new Set(["/sign-up/email", "/update-user"]);

export const accountFieldLimits = () =>
  ({
    id: "account-field-limits",
    hooks: {
      before: [
        {
          matcher: (context) => CHECKED_PATHS.has(context.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const problem = accountFieldProblem(ctx.body);
            if (problem) throw new APIError("BAD_REQUEST", { code: "INVALID_ACCOUNT_FIELD", message: problem });
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;

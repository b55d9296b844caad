/**
 * A Better Auth plugin: sign-up, profile updates and e-mail changes refuse, with 400 and before
 * anything is written, a name outside 1–100 characters once trimmed (or with control characters),
 * an e-mail over 254 characters, or any `image`; the trimmed name is what Better Auth stores.
 * Better Auth itself accepts any length and stores the name as sent.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { checkAccountFields } from "./account-limits.ts";

const CHECKED_PATHS = new Set(["/sign-up/email", "/update-user", "/change-email"]);

export const accountFieldLimits = () =>
  ({
    id: "account-field-limits",
    hooks: {
      before: [
        {
          matcher: (context) => CHECKED_PATHS.has(context.path ?? ""),
          handler: createAuthMiddleware(async (ctx) => {
            const checked = checkAccountFields(ctx.body);
            if ("problem" in checked) {
              throw new APIError("BAD_REQUEST", { code: "INVALID_ACCOUNT_FIELD", message: checked.problem });
            }
            if (checked.name !== undefined) return { context: { body: { ...ctx.body, name: checked.name } } };
          }),
        },
      ],
    },
  }) satisfies BetterAuthPlugin;

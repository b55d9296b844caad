/**
 * What a Better Auth endpoint answered, as its after hooks see it: shared by the plugins that act
 * only once an endpoint succeeded (account-activity records it; confirmed-email-change ends the
 * other sessions once a change is finished).
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import { isAPIError } from "better-auth/api";

/** What the endpoint answered (Better Auth's context types leave it out). */
export const returnedBy = (ctx: GenericEndpointContext) => (ctx.context as { returned?: unknown }).returned;

/** Whether an after hook follows a successful answer. */
export const succeeded = (ctx: GenericEndpointContext) => !isAPIError(returnedBy(ctx));

/** Whether a link's endpoint succeeded: it answers by redirecting, with `error=` when it did not. */
export function redirectedWithoutError(ctx: GenericEndpointContext): boolean {
  const returned = returnedBy(ctx);
  if (!isAPIError(returned)) return true;
  const location = (returned.headers as Headers | undefined)?.get("location") ?? "";
  return returned.statusCode === 302 && location !== "" && !/[?&]error=/.test(location);
}

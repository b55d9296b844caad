/**
 * A pending e-mail change, as a row of Better Auth's verification table: `identifier` is
 * `email-change:<cancel token>` (the "this wasn't me" link's secret), `value` the user's id (so
 * deleting the account deletes it, as it does reset links), and it expires with the change's links.
 * Better Auth's own change links are signed JWTs that nothing can revoke; they are honoured only
 * while such a row exists, so deleting the rows cancels every link of the change at once.
 */
import "server-only";
import type { AuthContext } from "better-auth";
import { generateRandomString } from "better-auth/crypto";

const PREFIX = "email-change:";

type Context = Pick<AuthContext, "adapter" | "internalAdapter">;

const rowsOf = (userId: string) => [
  { field: "value", value: userId },
  { field: "identifier", operator: "starts_with" as const, value: PREFIX },
];

const CANCEL_TOKEN_LENGTH = 32;
/** The shape of every cancel token made below. */
const CANCEL_TOKEN = new RegExp(`^[A-Za-z0-9]{${CANCEL_TOKEN_LENGTH}}$`);

/** Records a pending change for `userId`; returns the token that cancels it. */
export async function recordPendingChange(context: Context, userId: string, expiresInSeconds: number): Promise<string> {
  const cancelToken = generateRandomString(CANCEL_TOKEN_LENGTH, "a-z", "A-Z", "0-9");
  await context.internalAdapter.createVerificationValue({
    identifier: `${PREFIX}${cancelToken}`,
    value: userId,
    expiresAt: new Date(Date.now() + expiresInSeconds * 1000),
  });
  return cancelToken;
}

/** Whether `userId` has a change pending that has not expired. */
export async function hasPendingChange(context: Context, userId: string): Promise<boolean> {
  const rows = await context.adapter.findMany<{ expiresAt: Date | string }>({ model: "verification", where: rowsOf(userId) });
  const now = Date.now();
  return rows.some((row) => new Date(row.expiresAt).getTime() > now);
}

/** Ends every pending change of `userId`: none of their links work any more. */
export async function endPendingChanges(context: Context, userId: string): Promise<void> {
  await context.adapter.deleteMany({ model: "verification", where: rowsOf(userId) });
}

/**
 * Spends a cancel token: the user it names, or null for an unknown, used or expired one. A string
 * no token looks like is unknown without a lookup: Postgres refuses some (a NUL: 22021), which
 * would otherwise be a 500.
 */
export async function spendCancelToken(context: Context, cancelToken: string): Promise<string | null> {
  if (!CANCEL_TOKEN.test(cancelToken)) return null;
  const row = await context.internalAdapter.consumeVerificationValue(`${PREFIX}${cancelToken}`);
  return row?.value ?? null;
}

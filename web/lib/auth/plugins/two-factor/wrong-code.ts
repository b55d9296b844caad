/**
 * A wrong two-factor code, at the sign-in's code step (code-step.ts) or at "confirm it's you"
 * (plugins/fresh-sign-in/code.ts): counted against the challenge and the person (code-step-writes.ts)
 * and recorded as a failed sign-in with the method `two_factor`, in one batch: the record costs no
 * round trip of its own, before or after the response, so the step's count of round trips holds.
 * Which part of the code was wrong is not recorded, as it is not answered.
 */
import "server-only";
import type { GenericEndpointContext } from "better-auth";
import type { HttpDatabase } from "../../../../../drizzle/http-database.ts";
import { recordAccountEvent } from "../../activity/record.ts";
import { inOneRequestBatch } from "../../request-batch.ts";
import { countWrongCode, type WrongCode } from "./code-step-writes.ts";

export async function countAndRecordWrongCode(
  ctx: GenericEndpointContext,
  db: HttpDatabase,
  userId: string,
  wrong: WrongCode,
): Promise<void> {
  await inOneRequestBatch(db, () => recordAccountEvent(ctx, { userId, kind: "sign_in_failed", method: "two_factor" }), [
    countWrongCode(db, wrong),
  ]);
}

/**
 * The body of a move (`PATCH …/tasks/:id/position`): the task's new key in the manual order, which
 * the browser computes with `generateKeyBetween(before, after)` of `fractional-indexing`. A key the
 * library would refuse as a neighbour (wrong integer length for its head, a trailing zero, the
 * smallest integer) is refused here too, so that no stored key can break the next move's
 * computation; the database's CHECK holds the characters and the length as well.
 */
import { generateKeyBetween } from "fractional-indexing";
import * as v from "valibot";
import { TASK_POSITION_MAX } from "../../../drizzle/limits.ts";
import { strictObject } from "./strict-object.ts";

const KEY_CHARACTERS = /^[A-Za-z][0-9A-Za-z]*$/;

/** Whether `fractional-indexing` accepts `key` (it validates both neighbours before computing; after `key` it never runs out). */
export function isOrderKey(key: string): boolean {
  if (!KEY_CHARACTERS.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

const message = "position must be a fractional-indexing key (a letter, then letters and digits)";

export const TaskMoveSchema = strictObject({
  position: v.pipe(
    v.string("position must be a string"),
    v.maxLength(TASK_POSITION_MAX, `position must be at most ${TASK_POSITION_MAX} characters`),
    v.check(isOrderKey, message),
  ),
});

export type TaskMove = v.InferOutput<typeof TaskMoveSchema>;

/**
 * @module idempotency-key
 * Reads a write's optional `Idempotency-Key` header (what a client sends so that its retry of a
 * request whose answer it lost is not written twice; see data/idempotent-create.ts) and refuses a
 * malformed one with 400 `invalid_idempotency_key`. A validator (hono-openapi's), so that the
 * header is described in /openapi.json next to the body it protects.
 */
import { validator } from "hono-openapi";
import * as v from "valibot";
import { IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_KEY_MIN } from "../../../drizzle/limits.ts";
import { ApiError } from "../errors.ts";

/**
 * Letters, digits and `-_.:~` (a UUID, ULID or nanoid fits): nothing that a proxy could fold,
 * split or re-encode on the way, so the retry's key is byte for byte the first one's.
 */
const KEY_CHARACTERS = /^[A-Za-z0-9_.:~-]+$/;

export const IdempotencyKeySchema = v.pipe(
  v.string(),
  v.minLength(IDEMPOTENCY_KEY_MIN),
  v.maxLength(IDEMPOTENCY_KEY_MAX),
  v.regex(KEY_CHARACTERS),
);

// Hono hands the validator the headers with lower-case names.
const HeaderSchema = v.object({
  "idempotency-key": v.pipe(
    v.optional(IdempotencyKeySchema),
    v.metadata({ description: "A key of your choosing for this write; a retry with the same key answers the first result." }),
  ),
});

export function idempotencyKey() {
  return validator("header", HeaderSchema, (result) => {
    if (result.success) return;
    throw new ApiError(
      400,
      "invalid_idempotency_key",
      `Idempotency-Key must be ${IDEMPOTENCY_KEY_MIN} to ${IDEMPOTENCY_KEY_MAX} characters of A-Z, a-z, 0-9 and -_.:~ (a UUID fits).`,
    );
  });
}

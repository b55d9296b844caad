/**
 * The manual position of a new task: last, after the person's greatest key, computed inside the
 * insert's own statement (a read first would be a second round trip). It is what
 * `generateKeyBetween(greatest, null)` of the `fractional-indexing` package returns (the browser
 * computes moves with that package; worker-api/test/position-after.test.ts holds the two equal):
 * the key's integer part plus one, in base 62, its head letter moving on when the digits carry;
 * "a0" when the person has no positioned task.
 *
 * Two tasks created at the same moment can get the same key; the list orders them by id, and a
 * move between equal keys must place after both (docs/decisions/due-dates-and-list-cursors.md).
 */
import { type SQL, sql } from "drizzle-orm";

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** `translate(digit, FROM, TO)` is the next digit (never applied to the last, "z"). */
const FROM = DIGITS.slice(0, -1);
const TO = DIGITS.slice(1);

/**
 * `greatest` is a scalar subquery or expression of type text (null when there is none). The head
 * letter gives the integer part's length: a…z are 2…27 characters, Z…A (negative) 2…27.
 */
export function positionAfter(greatest: SQL): SQL<string | null> {
  return sql<string | null>`(select case
      when k is null then 'a0'
      when m is not null then h || m[1] || translate(m[2], ${FROM}, ${TO}) || repeat('0', length(m[3]))
      when h = 'Z' then 'a0'
      when h = 'z' then null
      when ascii(h) >= 97 then chr(ascii(h) + 1) || repeat('0', n)
      else chr(ascii(h) + 1) || repeat('0', n - 2)
    end
    from (
      select k, h, n, regexp_match(substr(k, 2, n - 1), '^(.*)([^z])(z*)$') as m
      from (
        select k, left(k, 1) as h,
          case when ascii(k) >= 97 then ascii(k) - 95 else 92 - ascii(k) end as n
        from (select (${greatest})::text as k) as greatest_key
      ) as head
    ) as integer_part)`;
}

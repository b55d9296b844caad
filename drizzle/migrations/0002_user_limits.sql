-- contract: rewrites names and pictures already stored, then adds CHECKs on "user" that refuse
-- writes the release before it allowed, and builds an index on rate_limit without CONCURRENTLY.
-- Marked after the fact: it shipped in the same release as the code that validates these limits
-- (web/lib/auth/plugins/account-field-limits); under the migration rule it would come a release later.
CREATE INDEX "rate_limit_last_request_idx" ON "rate_limit" USING btree ("last_request");--> statement-breakpoint
-- Rows written before these limits are brought within them first, so that the constraints can be
-- added (and an account whose name or picture overflowed its session cookie opens again): control
-- characters become spaces, names are trimmed and cut to 100 characters, pictures are dropped.
UPDATE "user" SET "image" = NULL WHERE "image" IS NOT NULL;--> statement-breakpoint
UPDATE "user" SET "name" = coalesce(
  nullif(regexp_replace(left(regexp_replace(regexp_replace("name", '[\u0001-\u001f\u007f-\u009f]', ' ', 'g'), '^[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$', '', 'g'), 100), '[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$', ''), ''),
  'Unnamed'
) WHERE char_length("name") NOT BETWEEN 1 AND 100 OR "name" ~ '^[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$' OR "name" ~ '[\u0001-\u001f\u007f-\u009f]';--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_name_length" CHECK (char_length("user"."name") between 1 and 100);--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_name_trimmed" CHECK ("user"."name" !~ '^[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$');--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_name_printable" CHECK ("user"."name" !~ '[\u0001-\u001f\u007f-\u009f]');--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_email_length" CHECK (char_length("user"."email") <= 254);--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_image_absent" CHECK ("user"."image" is null);
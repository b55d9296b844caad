-- What the scheduled clean-up (web/lib/maintenance) deletes by. Built CONCURRENTLY: the tables are
-- in use by the release that is serving while this applies.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "jwks_expires_at_idx" ON "jwks" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS "session_expires_at_idx" ON "session" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS "verification_expires_at_idx" ON "verification" USING btree ("expires_at");

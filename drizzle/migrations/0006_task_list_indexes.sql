-- The task list's sort orders and its search (0005 added the columns). Built CONCURRENTLY, in a
-- migration of their own: the table is in use by the release that is serving while this applies.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "tasks_user_id_due_at_id_idx" ON "tasks" USING btree ("user_id","due_at","id");--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS "tasks_user_id_priority_id_idx" ON "tasks" USING btree ("user_id","priority","id");--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS "tasks_user_id_position_id_idx" ON "tasks" USING btree ("user_id","position","id");--> statement-breakpoint
CREATE INDEX CONCURRENTLY IF NOT EXISTS "tasks_search_idx" ON "tasks" USING gin (to_tsvector('simple', "title" || ' ' || coalesce("description", '')));
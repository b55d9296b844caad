-- What deleting an account cascades to in deleted_tasks (0011 indexed only deleted_at, so each
-- account deletion read the whole table). Built CONCURRENTLY: the table is in use by the release
-- that is serving while this applies.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "deleted_tasks_user_id_idx" ON "deleted_tasks" USING btree ("user_id");

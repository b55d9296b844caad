CREATE TABLE "deleted_tasks" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"task" jsonb NOT NULL,
	"label_ids" uuid[] NOT NULL,
	"deleted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deleted_tasks" ADD CONSTRAINT "deleted_tasks_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deleted_tasks_deleted_at_idx" ON "deleted_tasks" USING btree ("deleted_at");--> statement-breakpoint
-- The API worker copies deleted tasks here (DELETE … RETURNING into INSERT, one statement) and a
-- restore reads, locks (SELECT … FOR UPDATE needs UPDATE on a column) and removes them; rows past
-- the undo window are the clean-up's, which runs as the owner.
GRANT SELECT, INSERT, DELETE, UPDATE (deleted_at) ON TABLE deleted_tasks TO tasks_api;

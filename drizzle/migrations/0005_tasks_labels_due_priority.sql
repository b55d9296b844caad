-- Due dates, priorities, completion times, manual positions and labels. Only adds: the new task
-- columns are nullable or have constant defaults, and their CHECKs name only those columns, which
-- the release before this one never writes (its rows take the defaults, which pass). The CHECKs
-- are NOT VALID: the rows already there hold the defaults, so there is nothing to scan for under
-- the table's lock; every write from now on is checked.
CREATE TABLE "labels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"color" text DEFAULT 'gray' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_name_length" CHECK (char_length("labels"."name") between 1 and 40),
	CONSTRAINT "labels_color_palette" CHECK ("labels"."color" in ('gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'))
);
--> statement-breakpoint
CREATE TABLE "task_labels" (
	"task_id" uuid NOT NULL,
	"label_id" uuid NOT NULL,
	CONSTRAINT "task_labels_task_id_label_id_pk" PRIMARY KEY("task_id","label_id")
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_all_day" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "priority" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "completed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "position" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_labels" ADD CONSTRAINT "task_labels_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_labels" ADD CONSTRAINT "task_labels_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "labels_user_id_lower_name_idx" ON "labels" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE INDEX "task_labels_label_id_idx" ON "task_labels" USING btree ("label_id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_priority_range" CHECK ("tasks"."priority" between 0 and 4) NOT VALID;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_all_day_has_date" CHECK (not "tasks"."due_all_day" or "tasks"."due_at" is not null) NOT VALID;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_all_day_at_midnight" CHECK (not "tasks"."due_all_day" or ("tasks"."due_at" at time zone 'UTC')::time = '00:00') NOT VALID;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_position_key" CHECK ("tasks"."position" is null or ("tasks"."position" ~ '^[A-Za-z][0-9A-Za-z]*$' and char_length("tasks"."position") <= 512)) NOT VALID;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE labels TO tasks_api;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON TABLE task_labels TO tasks_api;

CREATE TABLE "account_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"method" text,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_event_kind_length" CHECK (char_length("account_event"."kind") between 1 and 64),
	CONSTRAINT "account_event_user_agent_length" CHECK ("account_event"."user_agent" is null or char_length("account_event"."user_agent") <= 512)
);
--> statement-breakpoint
ALTER TABLE "account_event" ADD CONSTRAINT "account_event_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_event_user_id_created_at_idx" ON "account_event" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "account_event_created_at_idx" ON "account_event" USING btree ("created_at");
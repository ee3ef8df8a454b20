CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"description" text NOT NULL,
	"actor_user_id" uuid,
	"actor_label" text DEFAULT '' NOT NULL,
	"ip" text,
	"geolocation" text,
	"envelope_id" uuid,
	"provider_id" uuid,
	"data" jsonb NOT NULL,
	"prev_hash" text DEFAULT '' NOT NULL,
	"hash" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_streams" (
	"stream" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_stream_seq_idx" ON "audit_events" USING btree ("stream","seq");--> statement-breakpoint
CREATE INDEX "audit_events_stream_at_idx" ON "audit_events" USING btree ("stream","at");--> statement-breakpoint
CREATE INDEX "audit_events_stream_action_seq_idx" ON "audit_events" USING btree ("stream","action","seq");--> statement-breakpoint
CREATE INDEX "audit_events_stream_actor_seq_idx" ON "audit_events" USING btree ("stream","actor_label","seq");--> statement-breakpoint
CREATE INDEX "audit_events_stream_provider_seq_idx" ON "audit_events" USING btree ("stream","provider_id","seq");
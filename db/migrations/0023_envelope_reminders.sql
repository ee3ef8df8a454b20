ALTER TABLE "envelopes" ADD COLUMN "reminders" jsonb;--> statement-breakpoint
ALTER TABLE "envelopes" ADD COLUMN "displayed_sender" text;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "reminders_sent" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "last_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "expiry_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "agreement" jsonb;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "recipients" ADD COLUMN "sealed_link" text;
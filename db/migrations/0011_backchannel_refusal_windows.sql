CREATE TABLE "backchannel_refusal_windows" (
	"provider_id" uuid PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"written" integer DEFAULT 0 NOT NULL,
	"suppressed" integer DEFAULT 0 NOT NULL,
	"first_suppressed_at" timestamp with time zone,
	"last_suppressed_at" timestamp with time zone,
	"last_reason" text,
	"last_ip" text
);

-- One per-minute cap for every kind of audited refusal (lib/audit/capped-refusals.ts): the
-- back-channel logout windows move into it, keyed 'backchannel:<provider id>', with their counts.
CREATE TABLE "refusal_audit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"written" integer DEFAULT 0 NOT NULL,
	"suppressed" integer DEFAULT 0 NOT NULL,
	"first_suppressed_at" timestamp with time zone,
	"last_suppressed_at" timestamp with time zone,
	"last_reason" text,
	"last_ip" text,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
INSERT INTO "refusal_audit_windows" ("key", "window_start", "written", "suppressed", "first_suppressed_at", "last_suppressed_at", "last_reason", "last_ip", "summary")
SELECT 'backchannel:' || w."provider_id", w."window_start", w."written", w."suppressed", w."first_suppressed_at", w."last_suppressed_at", w."last_reason", w."last_ip",
	jsonb_build_object(
		'action', 'BackchannelLogoutRefusedMore',
		'providerId', w."provider_id",
		'actorLabel', 'provider ' || coalesce(p."name", '(deleted provider)'),
		'data', jsonb_build_object('providerName', coalesce(p."name", '(deleted provider)')))
FROM "backchannel_refusal_windows" w LEFT JOIN "identity_providers" p ON p."id" = w."provider_id";
--> statement-breakpoint
DROP TABLE "backchannel_refusal_windows" CASCADE;

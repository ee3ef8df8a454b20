CREATE TABLE "logout_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_hash" text NOT NULL,
	"browser_hash" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "logout_requests_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
CREATE TABLE "logout_token_jtis" (
	"provider_id" uuid NOT NULL,
	"jti" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "logout_token_jtis_provider_id_jti_pk" PRIMARY KEY("provider_id","jti")
);
--> statement-breakpoint
ALTER TABLE "app_sessions" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "app_sessions" ADD COLUMN "idp_subject" text;--> statement-breakpoint
ALTER TABLE "app_sessions" ADD COLUMN "idp_sid" text;--> statement-breakpoint
ALTER TABLE "app_sessions" ADD COLUMN "id_token_sealed" text;--> statement-breakpoint
CREATE INDEX "logout_requests_expires_idx" ON "logout_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "logout_token_jtis_expires_idx" ON "logout_token_jtis" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "app_sessions_idp_subject_idx" ON "app_sessions" USING btree ("provider_id","idp_subject");--> statement-breakpoint
CREATE INDEX "app_sessions_idp_sid_idx" ON "app_sessions" USING btree ("provider_id","idp_sid");--> statement-breakpoint
ALTER TABLE "app_sessions" ADD CONSTRAINT "app_sessions_public_id_unique" UNIQUE("public_id");
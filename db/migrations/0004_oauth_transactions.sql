CREATE TABLE "oauth_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_hash" text NOT NULL,
	"browser_hash" text NOT NULL,
	"provider_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"secrets_sealed" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"subject_ref" text,
	"return_to" text,
	"actor_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"result" jsonb,
	CONSTRAINT "oauth_transactions_state_hash_unique" UNIQUE("state_hash")
);
--> statement-breakpoint
CREATE INDEX "oauth_transactions_expires_idx" ON "oauth_transactions" USING btree ("expires_at");
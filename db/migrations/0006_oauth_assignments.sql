CREATE TABLE "oauth_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"state" text NOT NULL,
	"subject" text,
	"link_token_hash" text,
	"link_expires_at" timestamp with time zone,
	"last_sent_at" timestamp with time zone,
	"bound_at" timestamp with time zone,
	"invalidated_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_assignments" ADD CONSTRAINT "oauth_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_assignments" ADD CONSTRAINT "oauth_assignments_provider_id_identity_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."identity_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_assignments_identity_idx" ON "oauth_assignments" USING btree ("provider_id","subject") WHERE state = 'bound';--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_assignments_live_idx" ON "oauth_assignments" USING btree ("user_id","provider_id") WHERE state in ('invited', 'bound');--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_assignments_link_idx" ON "oauth_assignments" USING btree ("link_token_hash");--> statement-breakpoint
CREATE INDEX "oauth_assignments_user_idx" ON "oauth_assignments" USING btree ("user_id");
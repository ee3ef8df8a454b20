CREATE TABLE "envelope_documents" (
	"envelope_id" uuid NOT NULL,
	"doc_ref" integer NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "envelope_documents_envelope_id_doc_ref_pk" PRIMARY KEY("envelope_id","doc_ref")
);
--> statement-breakpoint
CREATE TABLE "envelopes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email_subject" text DEFAULT '' NOT NULL,
	"email_body" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"sender_user_id" uuid,
	"sender_email" text NOT NULL,
	"sender_name" text DEFAULT '' NOT NULL,
	"expiration_seconds" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_user_id" uuid,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"pages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"envelope_id" uuid NOT NULL,
	"order_index" integer NOT NULL,
	"role" text NOT NULL,
	"email" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"phone" text,
	"language_code" text DEFAULT 'en' NOT NULL,
	"certificate" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"auth" jsonb NOT NULL,
	"status" text NOT NULL,
	"link_token_hash" text,
	"link_expires_at" timestamp with time zone,
	"invited_at" timestamp with time zone,
	"auth_method" text,
	"auth_provider_id" uuid,
	"auth_subject" text,
	"authenticated_at" timestamp with time zone,
	"auth_browser_hash" text,
	"last_auth_error" text,
	"sms_code_hash" text,
	"sms_code_expires_at" timestamp with time zone,
	"code_attempts" integer DEFAULT 0 NOT NULL,
	"agreement_accepted_at" timestamp with time zone,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signature_fields" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"envelope_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"doc_ref" integer DEFAULT 1 NOT NULL,
	"page" integer NOT NULL,
	"x" real NOT NULL,
	"y" real NOT NULL,
	"width" real NOT NULL,
	"height" real NOT NULL,
	"label" text DEFAULT 'Signature' NOT NULL,
	"signed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "envelope_documents" ADD CONSTRAINT "envelope_documents_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelope_documents" ADD CONSTRAINT "envelope_documents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "envelopes" ADD CONSTRAINT "envelopes_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipients" ADD CONSTRAINT "recipients_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_fields" ADD CONSTRAINT "signature_fields_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_fields" ADD CONSTRAINT "signature_fields_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "envelopes_sender_idx" ON "envelopes" USING btree ("sender_user_id","created_at");--> statement-breakpoint
CREATE INDEX "envelopes_status_idx" ON "envelopes" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "files_owner_idx" ON "files" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE INDEX "recipients_envelope_idx" ON "recipients" USING btree ("envelope_id","order_index");--> statement-breakpoint
CREATE INDEX "recipients_envelope_email_idx" ON "recipients" USING btree ("envelope_id",lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "recipients_link_idx" ON "recipients" USING btree ("link_token_hash");--> statement-breakpoint
CREATE INDEX "signature_fields_recipient_idx" ON "signature_fields" USING btree ("recipient_id");
CREATE TABLE "seal_jobs" (
	"envelope_id" uuid PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sealed_documents" (
	"envelope_id" uuid NOT NULL,
	"doc_ref" integer NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sealed_documents_envelope_id_doc_ref_pk" PRIMARY KEY("envelope_id","doc_ref")
);
--> statement-breakpoint
CREATE TABLE "sealed_download_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"envelope_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signature_fields" ADD COLUMN "allowed_types" jsonb DEFAULT '["Click2Sign"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "signature_fields" ADD COLUMN "stamp_config" jsonb;--> statement-breakpoint
ALTER TABLE "signature_fields" ADD COLUMN "signature_type" text;--> statement-breakpoint
ALTER TABLE "signature_fields" ADD COLUMN "signature_image" "bytea";--> statement-breakpoint
ALTER TABLE "signature_fields" ADD COLUMN "typed_text" text;--> statement-breakpoint
ALTER TABLE "signature_fields" ADD COLUMN "signed_ip" text;--> statement-breakpoint
ALTER TABLE "seal_jobs" ADD CONSTRAINT "seal_jobs_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_documents" ADD CONSTRAINT "sealed_documents_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_download_links" ADD CONSTRAINT "sealed_download_links_envelope_id_envelopes_id_fk" FOREIGN KEY ("envelope_id") REFERENCES "public"."envelopes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_download_links" ADD CONSTRAINT "sealed_download_links_recipient_id_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "seal_jobs_status_next_idx" ON "seal_jobs" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "sealed_download_links_envelope_idx" ON "sealed_download_links" USING btree ("envelope_id");
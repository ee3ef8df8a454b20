ALTER TABLE "identity_providers" ADD COLUMN "userinfo_uri" text;--> statement-breakpoint
-- Providers that stored discovery (the demo, copies) keep knowing their userinfo endpoint.
UPDATE "identity_providers" SET "userinfo_uri" = "discovery"->>'userinfo_endpoint' WHERE "userinfo_uri" IS NULL AND jsonb_typeof("discovery"->'userinfo_endpoint') = 'string';

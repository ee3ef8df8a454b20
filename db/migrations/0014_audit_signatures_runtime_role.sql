CREATE TABLE "audit_event_signatures" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"seq" bigint NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
-- Issue 13 item 6. The running app acts as a runtime role that may only INSERT and SELECT
-- history (db/runtime-role.ts); the chain trigger therefore runs with its owner's rights to
-- move the stream head, which the runtime role may only read. search_path is pinned, pg_temp
-- last, so a caller's temporary table cannot stand in for audit_streams.
ALTER FUNCTION audit_events_chain() SECURITY DEFINER SET search_path = public, pg_temp;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Signatures are kept like the events they sign: insert-only, in trigger and privileges.
CREATE TRIGGER audit_event_signatures_no_update_delete BEFORE UPDATE OR DELETE ON audit_event_signatures FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_signatures_no_truncate BEFORE TRUNCATE ON audit_event_signatures FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event_signatures FROM PUBLIC;
--> statement-breakpoint
DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_event_signatures FROM %I', current_user); END $$;

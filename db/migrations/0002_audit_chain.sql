-- The audit trail's integrity lives in the database: the chain is computed here, and rows can
-- only be inserted. Hash = sha256 over a canonical JSON array of the row's content and the
-- previous row's hash in the same stream.
CREATE OR REPLACE FUNCTION audit_event_digest(
  p_stream text, p_seq bigint, p_at timestamptz, p_action text, p_description text,
  p_actor_user_id uuid, p_actor_label text, p_ip text, p_geolocation text,
  p_envelope_id uuid, p_provider_id uuid, p_data jsonb, p_prev_hash text
) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    p_stream, p_seq, to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), p_action, p_description,
    p_actor_user_id::text, p_actor_label, p_ip, p_geolocation, p_envelope_id::text, p_provider_id::text, p_data, p_prev_hash
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  INSERT INTO audit_streams (stream, last_seq, last_hash) VALUES (NEW.stream, 0, repeat('0', 64))
    ON CONFLICT (stream) DO NOTHING;
  -- The row lock on the head serialises writers of one stream until their transaction ends.
  SELECT last_seq, last_hash INTO head_seq, head_hash FROM audit_streams WHERE stream = NEW.stream FOR UPDATE;
  NEW.seq := head_seq + 1;
  NEW.prev_hash := head_hash;
  NEW.at := date_trunc('microseconds', clock_timestamp());
  NEW.hash := audit_event_digest(NEW.stream, NEW.seq, NEW.at, NEW.action, NEW.description, NEW.actor_user_id,
    NEW.actor_label, NEW.ip, NEW.geolocation, NEW.envelope_id, NEW.provider_id, NEW.data, NEW.prev_hash);
  UPDATE audit_streams SET last_seq = NEW.seq, last_hash = NEW.hash WHERE stream = NEW.stream;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
--> statement-breakpoint
-- Privileges too: a non-superuser owner (the app's usual role) cannot UPDATE, DELETE or TRUNCATE either.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
--> statement-breakpoint
DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM %I', current_user); END $$;

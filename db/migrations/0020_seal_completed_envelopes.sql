-- Envelopes completed before sealing existed get their sealed documents too: the seal worker
-- (lib/sealing/seal-jobs.ts) takes these jobs like any other. Their signatures were clicks.
INSERT INTO "seal_jobs" ("envelope_id") SELECT "id" FROM "envelopes" WHERE "status" = 'completed' ON CONFLICT DO NOTHING;

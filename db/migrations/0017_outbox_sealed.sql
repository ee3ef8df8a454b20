ALTER TABLE "mail_outbox" ADD COLUMN "sealed" text;--> statement-breakpoint
-- Mail written before sealing existed: its text may carry a live link or code. Delivered mail
-- needs none of it; undelivered mail cannot be sealed here (no key in SQL), so it is marked
-- failed with the reason, and the administrator sends the invitation (or the code) again.
UPDATE "mail_outbox" SET "text" = '', "html" = '' WHERE "status" = 'sent';--> statement-breakpoint
UPDATE "mail_outbox" SET "text" = '', "html" = '', "status" = 'failed', "last_error" = 'Written before mail was sealed: its text was removed. Send the invitation or code again.' WHERE "status" <> 'sent';

-- Keyset paging indexes for Settings → Users: one per sortable column, byte order
-- (COLLATE "C") on the lower-cased value, the id as tie-breaker, the shown value included.
CREATE INDEX "users_email_sort_idx" ON "users" ((lower("email") COLLATE "C"), "id") INCLUDE ("email");--> statement-breakpoint
CREATE INDEX "users_first_name_sort_idx" ON "users" ((lower("first_name") COLLATE "C"), "id") INCLUDE ("first_name");--> statement-breakpoint
CREATE INDEX "users_last_name_sort_idx" ON "users" ((lower("last_name") COLLATE "C"), "id") INCLUDE ("last_name");--> statement-breakpoint
CREATE INDEX "users_username_sort_idx" ON "users" ((lower(coalesce("username", '')) COLLATE "C"), "id") INCLUDE ("username");--> statement-breakpoint
CREATE INDEX "users_sid_sort_idx" ON "users" ((lower(coalesce("sid", '')) COLLATE "C"), "id") INCLUDE ("sid");--> statement-breakpoint
CREATE INDEX "users_enabled_sort_idx" ON "users" ("enabled", (lower("email") COLLATE "C"), "id") INCLUDE ("email");

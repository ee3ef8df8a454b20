import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { identityProviders } from "./identity-providers";
import { users } from "./users";

/**
 * A user's OAuth assignment: invited (an emailed single-use link, stored hashed) → bound to one
 * external identity (provider, subject) → invalidated; or expired. An identity is bound to one
 * user only, and a user has at most one live assignment per provider.
 */
export const oauthAssignments = pgTable(
  "oauth_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => identityProviders.id, { onDelete: "cascade" }),
    state: text("state").notNull(),
    subject: text("subject"),
    linkTokenHash: text("link_token_hash"),
    linkExpiresAt: timestamp("link_expires_at", { withTimezone: true }),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }),
    boundAt: timestamp("bound_at", { withTimezone: true }),
    invalidatedAt: timestamp("invalidated_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("oauth_assignments_identity_idx")
      .on(t.providerId, t.subject)
      .where(sql`state = 'bound'`),
    uniqueIndex("oauth_assignments_live_idx")
      .on(t.userId, t.providerId)
      .where(sql`state in ('invited', 'bound')`),
    uniqueIndex("oauth_assignments_link_idx").on(t.linkTokenHash),
    index("oauth_assignments_user_idx").on(t.userId),
  ],
);

export type OAuthAssignmentRow = typeof oauthAssignments.$inferSelect;

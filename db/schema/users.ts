import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export type PermissionValue = "ALLOW" | "FORBID" | "BLOCK";

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    // null: the user has no password and signs in through a provider's Logon URL.
    passwordHash: text("password_hash"),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    username: text("username"),
    sid: text("sid"),
    language: text("language").notNull().default("en"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const roles = pgTable(
  "roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    // permission key → ALLOW | FORBID | BLOCK; a key that is absent counts as FORBID.
    permissions: jsonb("permissions").$type<Record<string, PermissionValue>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("roles_name_idx").on(t.name)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    roleId: uuid("role_id")
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] }), index("user_roles_role_idx").on(t.roleId)],
);

/** Server-side record of each app session: the session cookie only names a row here, so it can be ended. */
export const appSessions = pgTable(
  "app_sessions",
  {
    // sha256 of the random session id carried in the (encrypted) session cookie.
    idHash: text("id_hash").primaryKey(),
    // The session's public handle (lists, "End session"): names the row, opens nothing.
    publicId: uuid("public_id").notNull().defaultRandom().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    method: text("method").notNull(),
    providerId: uuid("provider_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Sign-in through a provider: the ID token's sub and sid (what a back-channel logout token
    // names), and the ID token itself, sealed with ENCRYPTION_KEY, for RP-initiated logout's
    // id_token_hint. It never leaves the server.
    idpSubject: text("idp_subject"),
    idpSid: text("idp_sid"),
    idTokenSealed: text("id_token_sealed"),
  },
  (t) => [
    index("app_sessions_user_idx").on(t.userId),
    index("app_sessions_idp_subject_idx").on(t.providerId, t.idpSubject),
    index("app_sessions_idp_sid_idx").on(t.providerId, t.idpSid),
  ],
);

/**
 * Failed sign-ins per key (lib/auth/throttle.ts: one account from one client address, or one
 * client address across accounts), shared by every app instance: `failures` since `window_start`,
 * refused until `locked_until`. The janitor removes rows whose window is long over.
 */
export const authThrottle = pgTable("auth_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export type User = typeof users.$inferSelect;
export type Role = typeof roles.$inferSelect;
export type AppSession = typeof appSessions.$inferSelect;

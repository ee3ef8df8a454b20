import { z } from "zod";
import "@/lib/validation/zod-setup";
import { isUuid, UUID_PATTERN } from "@/lib/validation/uuid";
import { LANGUAGE_CODES } from "./languages";
import { PERMISSION_KEYS, PERMISSION_VALUES } from "./permission-catalogue";

// Pure zod: the user and role forms and the REST handlers parse with these same schemas.

const Uuid = z.string().regex(UUID_PATTERN, "Not a valid id");
const name = (what: string) => z.string().trim().max(100, `The ${what} can have at most 100 characters`).default("");

export const ZUserFields = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter the email address")
    .max(320, "The email address can have at most 320 characters")
    .pipe(z.email("Enter a valid email address, e.g. anna@example.com")),
  firstName: name("first name"),
  lastName: name("last name"),
  // Empty means none; no spaces, so it can be typed at a login prompt.
  username: z
    .string()
    .trim()
    .max(100, "The username can have at most 100 characters")
    .regex(/^\S*$/, "The username cannot contain spaces")
    .nullish()
    .transform((v) => (v ? v : null)),
  language: z.enum(LANGUAGE_CODES, "Choose one of the interface languages").default("en"),
  roleIds: z
    .array(Uuid)
    .max(50, "At most 50 roles")
    .default([])
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]),
  enabled: z.boolean().default(true),
});

/** ADD NEW USER: the fields, and optionally an initial password (without one, the user signs in through a provider). */
export const ZCreateUserInput = ZUserFields.extend({
  password: z
    .string()
    .max(1024, "The password can have at most 1024 characters")
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || v.length >= 12, "The initial password needs at least 12 characters"),
});
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;
export type CreateUserInput = z.output<typeof ZCreateUserInput>;

/** The edit page and PUT: every field replaced; the password is not changed here. */
export const ZUpdateUserInput = ZUserFields;
export type TUpdateUserInput = z.input<typeof ZUpdateUserInput>;
export type UpdateUserInput = z.output<typeof ZUpdateUserInput>;

export const ZSetUserEnabled = z.object({ enabled: z.boolean() });

export const USER_SORT_FIELDS = ["email", "firstName", "lastName", "username", "sid", "roles", "enabled"] as const;
export type UserSortField = (typeof USER_SORT_FIELDS)[number];
export type UserSort = { field: UserSortField; desc: boolean };

/** `email`, `-lastName`: a column, descending with a leading minus. */
export const ZUserSort = z
  .string()
  .trim()
  .default("email")
  .transform((s, ctx): UserSort => {
    const field = s.replace(/^-/, "") as UserSortField;
    if (!USER_SORT_FIELDS.includes(field)) {
      ctx.addIssue({
        code: "custom",
        message: `Sort by one of ${USER_SORT_FIELDS.join(", ")} (a leading - for descending)`,
      });
      return z.NEVER;
    }
    return { field, desc: s.startsWith("-") };
  });

export const ZUserListQuery = z
  .object({
    search: z
      .string()
      .trim()
      .max(200, "The search can have at most 200 characters")
      .optional()
      .transform((v) => v || undefined),
    sort: ZUserSort,
    cursor: z.string().max(2000).optional(),
    page: z.coerce.number().int("A whole page number").min(1, "Pages start at 1").max(100_000).optional(),
    limit: z.coerce.number().int().min(1).max(200, "At most 200 users per page").default(50),
  })
  .refine((q) => !(q.cursor && q.page), { message: "Give either cursor or page, not both", path: ["page"] });
export type TUserListQuery = z.input<typeof ZUserListQuery>;
export type UserListQuery = z.output<typeof ZUserListQuery>;

export const ZRoleInput = z.object({
  name: z.string().trim().min(1, "Enter a role name").max(100, "The role name can have at most 100 characters"),
  description: z.string().trim().max(500, "The description can have at most 500 characters").default(""),
  // Absent permissions count as FORBID; the stored map always names every permission.
  permissions: z
    .partialRecord(z.enum(PERMISSION_KEYS), z.enum(PERMISSION_VALUES, "Choose BLOCK, FORBID or ALLOW"))
    .default({}),
});
export type TRoleInput = z.input<typeof ZRoleInput>;
export type RoleInput = z.output<typeof ZRoleInput>;

export { isUuid };

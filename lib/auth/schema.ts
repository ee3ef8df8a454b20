import { z } from "zod";
import "@/lib/validation/zod-setup";

export const ZLoginInput = z.object({
  email: z.string().trim().min(1, "Enter your email").max(320).email("Enter a valid email address"),
  password: z.string().min(1, "Enter your password").max(1024),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

/** Settings → Api Tokens and Apps: a new token's name, lifetime in days, and whether it may only read. */
export const ZCreateApiTokenInput = z.object({
  name: z.string().trim().min(1, "Name the token").max(100, "At most 100 characters"),
  expiresInDays: z.coerce
    .number({ message: `A number of days, 1 to ${API_TOKEN_MAX_DAYS}` })
    .int("Whole days")
    .min(1, "At least one day")
    .max(API_TOKEN_MAX_DAYS, `At most ${API_TOKEN_MAX_DAYS} days`)
    .default(API_TOKEN_DEFAULT_DAYS),
  readOnly: z.boolean().default(false),
});
export type TCreateApiTokenInput = z.input<typeof ZCreateApiTokenInput>;

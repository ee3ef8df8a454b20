import { z } from "zod";

/** Filters of the organisation's Security log (query string of the page and of the API). */
export const ZSecurityLogQuery = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  action: z.string().max(100).optional(),
  actor: z.string().max(320).optional(),
  provider: z.string().uuid("provider must be a provider id").optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type TSecurityLogQuery = z.input<typeof ZSecurityLogQuery>;
export type SecurityLogQuery = z.output<typeof ZSecurityLogQuery>;

/** Reads a URLSearchParams-like record, treating empty fields as absent. */
export const parseSecurityLogQuery = (params: Record<string, string | string[] | undefined>) =>
  ZSecurityLogQuery.safeParse(
    Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === "string" && v !== "")),
  );

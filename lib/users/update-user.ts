import type { Ctx } from "@/lib/context";
import { changeUser } from "./change-user";
import { ZUpdateUserInput, type TUpdateUserInput } from "./schema";
import type { UserJson } from "./user-json";

/** The edit page's SAVE and PUT /api/v6/users/<id>: every field replaced (the password stays as it is). */
export async function updateUser(ctx: Ctx, id: string, raw: TUpdateUserInput): Promise<UserJson> {
  const input = ZUpdateUserInput.parse(raw);
  return changeUser(ctx, id, () => input);
}

"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/components/data/api-client";
import { recordUrl, useRecordWritten, useSaveRecord, type RecordKeys } from "@/components/data/records";
import { roleKeys } from "@/components/roles/queries";
import type { UserPage } from "@/lib/users/list-users";
import type { CreateUserInput, UpdateUserInput } from "@/lib/users/schema";
import type { UserJson } from "@/lib/users/user-json";

export const USERS_API = "/api/v6/users";

export type UserListParams = { search: string; sort: string; cursor: string | null; limit: number };

export const userKeys = {
  all: ["users"] as const,
  list: (p: UserListParams) => [...userKeys.all, "list", p] as const,
  lists: () => [...userKeys.all, "list"] as const,
  detail: (id: string) => [...userKeys.all, "detail", id] as const,
};

const url = (id: string) => recordUrl(USERS_API, id);
// After a write the user goes into the cache; the lists and the roles' user counts are refetched.
const records = (): RecordKeys => ({ detail: userKeys.detail, stale: [userKeys.lists(), roleKeys.list()] });

function listUrl(p: UserListParams): string {
  const query = new URLSearchParams({ sort: p.sort, limit: String(p.limit) });
  if (p.search.trim()) query.set("search", p.search.trim());
  if (p.cursor) query.set("cursor", p.cursor);
  return `${USERS_API}?${query}`;
}

// The previous page stays on screen while the next one loads, so the table does not jump.
export const useUserList = (p: UserListParams) =>
  useQuery({
    queryKey: userKeys.list(p),
    queryFn: () => apiRequest<UserPage>(listUrl(p)),
    placeholderData: keepPreviousData,
  });

export const useUser = (id: string) =>
  useQuery({ queryKey: userKeys.detail(id), queryFn: () => apiRequest<UserJson>(url(id)) });

export const useSaveUser = (id: string | undefined) =>
  useSaveRecord<UserJson, CreateUserInput | UpdateUserInput>(USERS_API, id, records());

export function useSetUserEnabled() {
  const written = useRecordWritten<UserJson>(records());
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      apiRequest<UserJson>(url(id), { method: "PATCH", body: { enabled } }),
    onSuccess: written,
  });
}

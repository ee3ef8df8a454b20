"use client";

import { useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/components/data/api-client";
import { listRecords, recordUrl, useDeleteRecord, useSaveRecord, type RecordKeys } from "@/components/data/records";
import type { RoleJson } from "@/lib/users/role-json";
import type { RoleInput } from "@/lib/users/schema";

export const ROLES_API = "/api/v6/roles";

export const roleKeys = {
  all: ["roles"] as const,
  list: () => [...roleKeys.all, "list"] as const,
  detail: (id: string) => [...roleKeys.all, "detail", id] as const,
};

// Users show role names: their lists are stale after a rename or a delete.
const records = (): RecordKeys => ({ detail: roleKeys.detail, stale: [roleKeys.list(), ["users"]] });

export const useRoles = () => useQuery({ queryKey: roleKeys.list(), queryFn: () => listRecords<RoleJson>(ROLES_API) });

export const useRole = (id: string) =>
  useQuery({ queryKey: roleKeys.detail(id), queryFn: () => apiRequest<RoleJson>(recordUrl(ROLES_API, id)) });

export const useSaveRole = (id: string | undefined) => useSaveRecord<RoleJson, RoleInput>(ROLES_API, id, records());

export const useDeleteRole = () => useDeleteRecord(ROLES_API, records());

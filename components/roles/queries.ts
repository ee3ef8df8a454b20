"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/data/api-client";
import type { RoleJson } from "@/lib/users/role-json";
import type { RoleInput } from "@/lib/users/schema";

export const ROLES_API = "/api/v6/roles";

export const roleKeys = {
  all: ["roles"] as const,
  list: () => [...roleKeys.all, "list"] as const,
  detail: (id: string) => [...roleKeys.all, "detail", id] as const,
};

const url = (id: string) => `${ROLES_API}/${encodeURIComponent(id)}`;

export const useRoles = () =>
  useQuery({
    queryKey: roleKeys.list(),
    queryFn: () => apiRequest<{ items: RoleJson[] }>(ROLES_API).then((r) => r.items),
  });

export const useRole = (id: string) =>
  useQuery({ queryKey: roleKeys.detail(id), queryFn: () => apiRequest<RoleJson>(url(id)) });

export function useSaveRole(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RoleInput) =>
      apiRequest<RoleJson>(id ? url(id) : ROLES_API, { method: id ? "PUT" : "POST", body: input }),
    onSuccess: (role) => {
      queryClient.setQueryData(roleKeys.detail(role.id), role);
      // Users show role names: their lists are stale after a rename.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: roleKeys.list() }),
        queryClient.invalidateQueries({ queryKey: ["users"] }),
      ]);
    },
  });
}

export function useDeleteRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(url(id), { method: "DELETE" }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: roleKeys.detail(id) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: roleKeys.list() }),
        queryClient.invalidateQueries({ queryKey: ["users"] }),
      ]);
    },
  });
}

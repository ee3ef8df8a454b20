"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/components/data/api-client";
import {
  listRecords,
  recordUrl,
  useDeleteRecord,
  useRecordWritten,
  useSaveRecord,
  type RecordKeys,
} from "@/components/data/records";
import type { DiscoveryResult } from "@/lib/identity-providers/discovery";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import type { ProviderInput } from "@/lib/identity-providers/schema";

export const PROVIDERS_API = "/api/v6/identity-providers";

export type ProviderUsage = { id: string; name: string; usage: { label: string; count: number }[] };

export const providerKeys = {
  all: ["identity-providers"] as const,
  list: () => [...providerKeys.all, "list"] as const,
  detail: (id: string) => [...providerKeys.all, "detail", id] as const,
  usage: (id: string) => [...providerKeys.all, "usage", id] as const,
};

const url = (id: string, action = "") => recordUrl(PROVIDERS_API, id, action);
const records = (): RecordKeys => ({ detail: providerKeys.detail, stale: [providerKeys.list()] });

export const useProviders = () =>
  useQuery({ queryKey: providerKeys.list(), queryFn: () => listRecords<ProviderJson>(PROVIDERS_API) });

export const useProvider = (id: string) =>
  useQuery({ queryKey: providerKeys.detail(id), queryFn: () => apiRequest<ProviderJson>(url(id)) });

export const useProviderUsage = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: providerKeys.usage(id),
    queryFn: () => apiRequest<ProviderUsage>(url(id, "/usage")),
    enabled,
    staleTime: 0,
  });

/** After any write: the changed provider goes into the cache, the list is refetched. */
const useProviderWritten = () => useRecordWritten<ProviderJson>(records());

export const useSaveProvider = (id: string | undefined) =>
  useSaveRecord<ProviderJson, ProviderInput>(PROVIDERS_API, id, records());

export function useSetProviderEnabled() {
  const queryClient = useQueryClient();
  const written = useProviderWritten();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      apiRequest<ProviderJson>(url(id), { method: "PATCH", body: { enabled } }),
    // Optimistic: the switch moves at once and moves back if the server refuses.
    onMutate: async ({ id, enabled }) => {
      await queryClient.cancelQueries({ queryKey: providerKeys.list() });
      const previous = queryClient.getQueryData<ProviderJson[]>(providerKeys.list());
      queryClient.setQueryData<ProviderJson[]>(providerKeys.list(), (items) =>
        items?.map((p) => (p.id === id ? { ...p, enabled } : p)),
      );
      return { previous };
    },
    onError: (_err, _vars, context) => queryClient.setQueryData(providerKeys.list(), context?.previous),
    onSuccess: written,
  });
}

export function useDuplicateProvider() {
  const written = useProviderWritten();
  return useMutation({
    mutationFn: (id: string) => apiRequest<ProviderJson>(url(id, "/duplicate"), { method: "POST" }),
    onSuccess: written,
  });
}

export const useDeleteProvider = () => useDeleteRecord(PROVIDERS_API, records());

export function useRotateKey(id: string) {
  const written = useProviderWritten();
  return useMutation({
    mutationFn: (removeRetired: boolean) =>
      apiRequest<ProviderJson>(url(id, removeRetired ? "/rotate-key?removeRetired=1" : "/rotate-key"), {
        method: "POST",
      }),
    onSuccess: written,
  });
}

export const useDiscovery = () =>
  useMutation({
    mutationFn: (body: { url: string } | { document: unknown }) =>
      apiRequest<DiscoveryResult>(`${PROVIDERS_API}/discovery`, { method: "POST", body }),
  });

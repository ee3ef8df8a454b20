"use client";

import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { apiRequest } from "./api-client";

// The REST collections the settings pages edit (`/api/v6/roles`, `/api/v6/roles/:id`) answer alike:
// these are the requests and cache updates their react-query hooks share.

/** Where a collection's records sit in the react-query cache, and which queries show them. */
export type RecordKeys = { detail: (id: string) => QueryKey; stale: QueryKey[] };

/** One record's URL, or one of its actions (`/rotate-key`). */
export const recordUrl = (base: string, id: string, action = "") => `${base}/${encodeURIComponent(id)}${action}`;

/** A collection's `{ items }`. */
export const listRecords = <T>(base: string) => apiRequest<{ items: T[] }>(base).then((r) => r.items);

/** After a write: the record the server answered goes into its detail query; the queries that show it refetch. */
export function useRecordWritten<T extends { id: string }>({ detail, stale }: RecordKeys) {
  const queryClient = useQueryClient();
  return (record: T) => {
    queryClient.setQueryData(detail(record.id), record);
    return Promise.all(stale.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}

/** An editor's save: POST to the collection to create (no id yet), PUT to the record to update. */
export function useSaveRecord<T extends { id: string }, TInput>(
  base: string,
  id: string | undefined,
  keys: RecordKeys,
) {
  const written = useRecordWritten<T>(keys);
  return useMutation({
    mutationFn: (body: TInput) => apiRequest<T>(id ? recordUrl(base, id) : base, { method: id ? "PUT" : "POST", body }),
    onSuccess: written,
  });
}

/** A delete: the record's detail query goes; the queries that listed it refetch. */
export function useDeleteRecord(base: string, { detail, stale }: RecordKeys) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(recordUrl(base, id), { method: "DELETE" }),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: detail(id) });
      return Promise.all(stale.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
  });
}

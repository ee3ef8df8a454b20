"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { LoaderCircle } from "lucide-react";
import type { ReactNode } from "react";
import { ApiError, errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { LinkButton } from "@/components/ui/link-button";

/**
 * An edit page's loading, not-found and failed states around one record. Once loaded, a failed
 * background refetch must not take the form (and its edits) away: the data wins.
 */
export function LoadedRecord<T>({
  query,
  noun,
  listHref,
  notFoundHint,
  children,
}: {
  query: UseQueryResult<T>;
  /** e.g. "user", "identity provider" */
  noun: string;
  listHref: string;
  notFoundHint: string;
  children: (data: T) => ReactNode;
}) {
  if (query.data !== undefined) return children(query.data);
  if (query.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" />
        Loading the {noun}…
      </p>
    );
  }
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <div className="space-y-4">
      <Alert tone="error" title={notFound ? `This ${noun} does not exist` : `The ${noun} could not be loaded`}>
        {notFound ? notFoundHint : errorMessage(query.error)}
      </Alert>
      <div className="flex gap-2">
        <LinkButton href={listHref} variant="secondary">
          Back to the list
        </LinkButton>
        {notFound ? null : (
          <Button type="button" onClick={() => query.refetch()}>
            Retry
          </Button>
        )}
      </div>
    </div>
  );
}

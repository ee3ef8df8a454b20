"use client";

import { TableFrame } from "@/components/ui/table-frame";
import Link from "next/link";
import { LoaderCircle } from "lucide-react";
import { useState } from "react";
import { errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { DeleteProviderDialog } from "./delete-provider-dialog";
import { ProviderRow, type Notice } from "./provider-row";
import { useProviders } from "./queries";

const HEADINGS = ["Name", "Kind", "Signer authentication", "User authentication", "Enabled", "Last change", "Actions"];

export function ProviderList() {
  const providers = useProviders();
  const [toDelete, setToDelete] = useState<ProviderJson | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  if (providers.isPending) {
    return (
      <p role="status" className="flex items-center gap-2 py-12 text-sm text-slate-500">
        <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" />
        Loading identity providers…
      </p>
    );
  }
  if (providers.isError) {
    return (
      <Alert tone="error" title="The identity providers could not be loaded">
        <p>{errorMessage(providers.error)}</p>
        <Button
          type="button"
          variant="secondary"
          className="mt-2 px-3 py-1.5 text-xs"
          onClick={() => providers.refetch()}
        >
          Retry
        </Button>
      </Alert>
    );
  }
  const noticeBox = notice ? (
    <Alert tone={notice.tone}>
      {notice.text}
      {notice.link ? (
        <>
          {" "}
          <Link href={notice.link.href} className="font-medium underline">
            {notice.link.label}
          </Link>
        </>
      ) : null}
    </Alert>
  ) : null;
  if (providers.data.length === 0) {
    return (
      <div className="space-y-4">
        {noticeBox}
        <EmptyState title="No identity providers yet">
          Add an OAuth 2.0 or OpenID Connect provider through which signers authenticate before signing, and users sign
          in. With ADD PROVIDER you can start from the provider&apos;s discovery document.
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      {noticeBox}
      <TableFrame label="Identity providers table">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50">
            <tr>
              {HEADINGS.map((h) => (
                <th
                  key={h}
                  scope="col"
                  className={`px-3 py-3 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase ${h === "Actions" ? "text-right" : ""}`}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {providers.data.map((p) => (
              <ProviderRow key={p.id} provider={p} onDelete={() => setToDelete(p)} onNotice={setNotice} />
            ))}
          </tbody>
        </table>
      </TableFrame>
      <DeleteProviderDialog
        provider={toDelete}
        onClose={() => setToDelete(null)}
        onDeleted={(name) => setNotice({ tone: "success", text: `Provider "${name}" deleted.` })}
      />
    </div>
  );
}

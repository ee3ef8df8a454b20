"use client";

import { Check, CopyPlus, Minus, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { errorMessage } from "@/components/data/api-client";
import { Switch } from "@/components/ui/switch";
import { usesClientSecret } from "@/lib/identity-providers/fields";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { KindBadge } from "./kind-badge";
import { useDuplicateProvider, useSetProviderEnabled } from "./queries";
import { When } from "@/components/ui/when";

export type Notice = { tone: "success" | "error"; text: string; link?: { href: string; label: string } };

// Icon buttons keep the table narrow; the sr-only text is the accessible name, the title a tooltip.
const actionClass =
  "inline-flex h-8 w-8 items-center justify-center rounded-md border border-transparent focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:cursor-wait disabled:opacity-60";

function YesNo({ value }: { value: boolean }) {
  return value ? (
    <span className="inline-flex items-center gap-1 text-emerald-700">
      <Check aria-hidden className="h-4 w-4" />
      Yes
    </span>
  ) : (
    <span className="inline-flex items-center gap-1 text-slate-500">
      <Minus aria-hidden className="h-4 w-4" />
      No
    </span>
  );
}

export function ProviderRow({
  provider: p,
  onDelete,
  onNotice,
}: {
  provider: ProviderJson;
  onDelete: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const setEnabled = useSetProviderEnabled();
  const duplicate = useDuplicateProvider();
  const href = `/settings/identity-providers/${encodeURIComponent(p.id)}`;
  return (
    <tr className="hover:bg-slate-50/70">
      <td className="max-w-xs min-w-36 px-3 py-3">
        <Link href={href} className="font-medium break-words text-brand-700 hover:underline">
          {p.name}
        </Link>
        {usesClientSecret(p.tokenEndpointAuthMethod) && !p.clientSecretSet ? (
          // A duplicate, for example: sign-ins fail at the token step until the secret is entered.
          <span
            className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
            title={`${p.tokenEndpointAuthMethod} needs the client secret: edit the provider to enter it`}
          >
            Needs a client secret
          </span>
        ) : null}
      </td>
      <td className="px-3 py-3">
        <KindBadge kind={p.kind} />
      </td>
      <td className="px-3 py-3">
        <YesNo value={p.usedForSignerAuthentication} />
      </td>
      <td className="px-3 py-3">
        <YesNo value={p.usedForUserAuthentication} />
      </td>
      <td className="px-3 py-3">
        <Switch
          checked={p.enabled}
          label={`Enabled ${p.name}`}
          disabled={setEnabled.isPending}
          onCheckedChange={(enabled) =>
            setEnabled.mutate(
              { id: p.id, enabled },
              {
                onError: (err) =>
                  onNotice({
                    tone: "error",
                    text: `"${p.name}" could not be ${enabled ? "enabled" : "disabled"}: ${errorMessage(err)}`,
                  }),
              },
            )
          }
        />
      </td>
      <td className="px-3 py-3 whitespace-nowrap">
        <time dateTime={p.updatedAt} className="flex flex-col leading-tight">
          <span className="text-slate-700">
            <When value={p.updatedAt} dateOnly />
          </span>
          <span className="text-xs text-slate-500">
            <When value={p.updatedAt} timeOnly />
          </span>
        </time>
      </td>
      <td className="px-3 py-3">
        <div className="flex justify-end gap-1">
          <Link
            href={href}
            title="Edit"
            className={`${actionClass} text-brand-700 hover:border-brand-100 hover:bg-brand-50`}
          >
            <Pencil aria-hidden className="h-4 w-4" />
            <span className="sr-only">Edit</span>
          </Link>
          <button
            type="button"
            title="Duplicate"
            disabled={duplicate.isPending}
            className={`${actionClass} text-slate-600 hover:border-slate-200 hover:bg-slate-100`}
            onClick={() =>
              duplicate.mutate(p.id, {
                onSuccess: (copy) =>
                  onNotice({
                    tone: "success",
                    text: `Duplicated as "${copy.name}".`,
                    link: {
                      href: `/settings/identity-providers/${encodeURIComponent(copy.id)}`,
                      label: "Edit the copy",
                    },
                  }),
                onError: (err) =>
                  onNotice({ tone: "error", text: `"${p.name}" could not be duplicated: ${errorMessage(err)}` }),
              })
            }
          >
            <CopyPlus aria-hidden className="h-4 w-4" />
            <span className="sr-only">Duplicate</span>
          </button>
          <button
            type="button"
            title="Delete"
            className={`${actionClass} text-red-600 hover:border-red-100 hover:bg-red-50`}
            onClick={onDelete}
          >
            <Trash2 aria-hidden className="h-4 w-4" />
            <span className="sr-only">Delete</span>
          </button>
        </div>
      </td>
    </tr>
  );
}

"use client";

import { CircleCheck, LoaderCircle } from "lucide-react";
import { Button } from "./button";

/** The always-visible bar under the editor: state of the form, CANCEL and SAVE. */
export function EditorFooter({
  dirty,
  saving,
  saved,
  onCancel,
}: {
  dirty: boolean;
  saving: boolean;
  saved: string | null;
  onCancel: () => void;
}) {
  return (
    <div className="sticky bottom-0 z-10 -mx-1 mt-6 flex items-center justify-between gap-4 rounded-t-lg border border-b-0 border-slate-200 bg-white/95 px-5 py-3 shadow-[0_-4px_12px_-6px_rgba(15,44,87,0.15)] backdrop-blur">
      <p role="status" className="flex items-center gap-2 text-sm">
        {saving ? (
          <>
            <LoaderCircle aria-hidden className="h-4 w-4 animate-spin text-brand-600" />
            <span className="text-slate-600">Saving…</span>
          </>
        ) : dirty ? (
          <>
            <span aria-hidden className="h-2 w-2 rounded-full bg-amber-500" />
            <span className="text-slate-600">Unsaved changes</span>
          </>
        ) : saved ? (
          <>
            <CircleCheck aria-hidden className="h-4 w-4 text-emerald-600" />
            <span className="font-medium text-emerald-700">{saved}</span>
          </>
        ) : null}
      </p>
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          CANCEL
        </Button>
        <Button type="submit" disabled={saving}>
          SAVE
        </Button>
      </div>
    </div>
  );
}

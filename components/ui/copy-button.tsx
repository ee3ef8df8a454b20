"use client";

import { Check, Copy } from "lucide-react";
import { useState } from "react";

/** Copies a value to the clipboard; `what` completes the accessible name ("Copy Redirect Uri"). */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [copied, setCopied] = useState<boolean | "failed">(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button
      type="button"
      onClick={copy}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-2 text-xs font-medium tracking-wide text-slate-700 uppercase hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
    >
      {copied === true ? (
        <Check aria-hidden className="h-3.5 w-3.5 text-emerald-600" />
      ) : (
        <Copy aria-hidden className="h-3.5 w-3.5" />
      )}
      {copied === true ? "Copied" : copied === "failed" ? "Copy failed" : "Copy"}
      <span className="sr-only"> {what}</span>
    </button>
  );
}

"use client";

import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";
import { controlClass, FormField } from "./form-field";

/** A computed, read-only value (a URL the administrator registers elsewhere) with a Copy button. */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  return (
    <FormField label={label} hint={hint}>
      {(control) => (
        <div className="flex gap-2">
          <input
            {...control}
            readOnly
            value={value}
            className={`${controlClass} font-mono text-xs`}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={value} what={label} />
        </div>
      )}
    </FormField>
  );
}

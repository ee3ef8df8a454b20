import type { ReactNode } from "react";

/**
 * A table's frame: scrolls sideways on a narrow screen, and is a named, focusable region so a
 * keyboard user can scroll it too (axe: scrollable-region-focusable). Positioned, so what sits
 * absolutely inside it (the sr-only names of icon buttons) scrolls with it instead of widening the page.
 */
export function TableFrame({
  label,
  shadow = true,
  children,
}: {
  label: string;
  shadow?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      data-scrolls
      tabIndex={0}
      className={`relative overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${shadow ? "shadow-sm" : ""}`}
    >
      {children}
    </div>
  );
}

/** A table's header row: the column names, as every list of the app shows them. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
      <tr>
        {columns.map((h, i) => (
          <th key={`${i}-${h}`} scope="col" className="px-3 py-2">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

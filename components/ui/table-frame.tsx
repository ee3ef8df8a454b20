import type { ReactNode } from "react";

/**
 * A table's frame: scrolls sideways on a narrow screen, and is a named, focusable region so a
 * keyboard user can scroll it too (axe: scrollable-region-focusable).
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
      tabIndex={0}
      className={`overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${shadow ? "shadow-sm" : ""}`}
    >
      {children}
    </div>
  );
}

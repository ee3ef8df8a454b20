import type { ReactNode } from "react";

/** A white card holding one group of settings: a heading, a one-line description, the fields. */
export function FormSection({
  id,
  title,
  description,
  actions,
  children,
}: {
  /** An anchor for an in-page index (the provider editor's). */
  id?: string;
  title: string;
  description: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section id={id} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-start justify-between gap-4 border-b border-slate-100 px-6 py-4">
        <div>
          <h2 className="text-base font-semibold text-brand-900">{title}</h2>
          <p className="mt-0.5 text-sm text-slate-500">{description}</p>
        </div>
        {actions ? <div className="shrink-0">{actions}</div> : null}
      </header>
      <div className="space-y-5 px-6 py-5">{children}</div>
    </section>
  );
}

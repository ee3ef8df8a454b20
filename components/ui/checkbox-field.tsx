import { useId, type ComponentProps, type ReactNode } from "react";
import { FieldHint } from "./form-field";

/** A checkbox with its label and help text beside it; `children` render under it (e.g. a warning). */
export function CheckboxField({
  label,
  hint,
  error,
  children,
  ...props
}: Omit<ComponentProps<"input">, "type" | "children"> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  children?: ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div>
      <div className="flex items-start gap-3">
        <input
          {...props}
          id={id}
          type="checkbox"
          aria-describedby={hintId}
          aria-invalid={error ? true : undefined}
          className="mt-0.5 h-4 w-4 shrink-0 cursor-pointer rounded border-slate-300 accent-brand-600 focus-visible:ring-2 focus-visible:ring-brand-600 disabled:cursor-not-allowed"
        />
        <div className="min-w-0">
          <label htmlFor={id} className="cursor-pointer text-sm font-medium text-slate-800">
            {label}
          </label>
          <FieldHint id={hintId} hint={hint} />
        </div>
      </div>
      {error ? <p className="mt-1 text-xs font-medium text-red-700">{error}</p> : null}
      {children}
    </div>
  );
}

import { useId, type ReactNode } from "react";

/** Shared look of text inputs, selects and textareas; invalid and read-only states included. */
export const controlClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-1 focus:ring-brand-600 read-only:bg-slate-50 read-only:text-slate-700 disabled:bg-slate-100 aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500";

export type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };

/**
 * A labelled control with rich help text and its error. Unlike `Field`, the hint may hold markup
 * (code samples) and the child gets the aria attributes that tie hint and error to the control.
 */
export function FormField({
  label,
  hint,
  error,
  optional,
  className = "",
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`space-y-1.5 ${className}`}>
      <div className="flex items-baseline gap-1.5">
        {/* The marker stays outside the label so that the accessible name is the label itself. */}
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        {optional ? <span className="text-xs text-slate-500">(optional)</span> : null}
      </div>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {error ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      <FieldHint id={hintId} hint={hint} />
    </div>
  );
}

/** A field's help text, referenced by the input's aria-describedby. */
export function FieldHint({ id, hint }: { id: string | undefined; hint: ReactNode }) {
  return hint ? (
    <div id={id} className="text-xs leading-relaxed text-slate-600">
      {hint}
    </div>
  ) : null;
}

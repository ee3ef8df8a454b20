"use client";

/** The reason a person gives for an irreversible step (cancel, reject), as the confirmation dialog asks for it. */
export function ReasonField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      Reason
      <textarea
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={1000}
        rows={3}
        className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-normal"
      />
    </label>
  );
}

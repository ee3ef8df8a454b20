const TONES: Record<string, string> = {
  draft: "bg-slate-100 text-slate-700",
  sent: "bg-brand-50 text-brand-900",
  completed: "bg-emerald-100 text-emerald-800",
  rejected: "bg-red-50 text-red-800",
  canceled: "bg-red-50 text-red-800",
  expired: "bg-amber-50 text-amber-900",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`rounded px-2 py-0.5 text-xs font-medium uppercase ${TONES[status] ?? TONES.draft}`}>
      {status}
    </span>
  );
}

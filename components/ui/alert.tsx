import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";

type Tone = "error" | "warning" | "success" | "info";

const TONES: Record<Tone, { box: string; icon: typeof Info }> = {
  error: { box: "border-red-200 bg-red-50 text-red-800", icon: CircleAlert },
  warning: { box: "border-amber-300 bg-amber-50 text-amber-900", icon: TriangleAlert },
  success: { box: "border-emerald-200 bg-emerald-50 text-emerald-800", icon: CircleCheck },
  info: { box: "border-brand-100 bg-brand-50 text-brand-900", icon: Info },
};

/** A coloured message box; errors and warnings are announced (role="alert"), the rest politely. */
export function Alert({
  tone,
  title,
  children,
  className = "",
}: {
  tone: Tone;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  const { box, icon: Icon } = TONES[tone];
  return (
    <div
      role={tone === "error" || tone === "warning" ? "alert" : "status"}
      className={`flex gap-2.5 rounded-md border px-3 py-2.5 text-sm ${box} ${className}`}
    >
      <Icon aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
      <div className="min-w-0 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div className="leading-relaxed">{children}</div> : null}
      </div>
    </div>
  );
}

import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";

const fmt = (n: number) => new Intl.NumberFormat("en").format(n);

/** "51–100 of 100,000" with Previous / Next. */
export function ListPager({
  page,
  pageSize,
  shown,
  total,
  onPrevious,
  onNext,
}: {
  page: number;
  pageSize: number;
  shown: number;
  total: number;
  onPrevious?: () => void;
  onNext?: () => void;
}) {
  const from = shown ? (page - 1) * pageSize + 1 : 0;
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 text-sm text-slate-600">
      <p aria-live="polite">
        {shown ? `${fmt(from)}–${fmt(from + shown - 1)} of ${fmt(total)} users` : `${fmt(total)} users`}
      </p>
      <div className="flex gap-2">
        <Button
          type="button"
          variant="secondary"
          className="gap-1 px-3 py-1.5 text-xs"
          disabled={!onPrevious}
          onClick={onPrevious}
        >
          <ChevronLeft aria-hidden className="h-4 w-4" />
          Previous
        </Button>
        <Button
          type="button"
          variant="secondary"
          className="gap-1 px-3 py-1.5 text-xs"
          disabled={!onNext}
          onClick={onNext}
        >
          Next
          <ChevronRight aria-hidden className="h-4 w-4" />
        </Button>
      </div>
    </nav>
  );
}

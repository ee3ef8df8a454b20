"use client";

import { FIELD_SIZE, type UploadedFile } from "./designer-values";

type Spot = { page: number; x: number; y: number };

const WIDTH = 220;

/**
 * Places the recipient's signature field: click on the page where it goes. Stored in PDF units
 * from the lower-left corner (the seed's PositionUnits PdfUnits / ReferenceCorner Lower_Left).
 */
export function FieldPlacement({
  file,
  value,
  onChange,
  label,
}: {
  file: UploadedFile;
  value: Spot | null;
  onChange: (v: Spot) => void;
  label: string;
}) {
  const page = value?.page ?? 1;
  const [w, h] = file.Pages[page - 1] ?? [595, 842];
  const height = (WIDTH * h) / w;
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2 text-sm">
        <label className="text-slate-700" htmlFor={`${label}-page`}>
          Page
        </label>
        <select
          id={`${label}-page`}
          value={page}
          onChange={(e) => onChange({ page: Number(e.target.value), x: value?.x ?? 72, y: value?.y ?? 72 })}
          className="rounded border border-slate-300 px-2 py-1"
        >
          {file.Pages.map((_, i) => (
            <option key={i} value={i + 1}>
              {i + 1}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        aria-label={label}
        className="relative block cursor-crosshair border border-slate-300 bg-white shadow-sm"
        style={{ width: WIDTH, height }}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          const px = ((e.clientX - box.left) / box.width) * w;
          const py = h - ((e.clientY - box.top) / box.height) * h;
          const x = Math.round(Math.min(Math.max(px - FIELD_SIZE.width / 2, 0), w - FIELD_SIZE.width));
          const y = Math.round(Math.min(Math.max(py - FIELD_SIZE.height / 2, 0), h - FIELD_SIZE.height));
          onChange({ page, x, y });
        }}
      >
        <span className="absolute inset-x-0 top-1 text-center text-[10px] text-slate-500">page {page}</span>
        {value ? (
          <span
            className="absolute rounded border-2 border-brand-600 bg-brand-50/80 text-[9px] text-brand-900"
            style={{
              left: `${(value.x / w) * 100}%`,
              bottom: `${(value.y / h) * 100}%`,
              width: `${(FIELD_SIZE.width / w) * 100}%`,
              height: `${(FIELD_SIZE.height / h) * 100}%`,
            }}
          >
            Signature
          </span>
        ) : null}
      </button>
      <p className="text-xs text-slate-500">
        {value
          ? `Signature field on page ${value.page} at (${value.x}, ${value.y})`
          : "Click on the page to place the signature field (default: bottom left of page 1)."}
      </p>
    </div>
  );
}

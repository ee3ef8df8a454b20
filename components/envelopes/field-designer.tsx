"use client";

import { useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { clampToPage, pdfRectToPercent, screenToPdf, type PageSize } from "@/components/pdf/geometry";
import { PdfPage } from "@/components/pdf/pdf-page";
import { usePdfDocument } from "@/components/pdf/use-pdf-document";
import { Button } from "@/components/ui/button";
import {
  FIELD_SIZE,
  SIGNATURE_TYPES,
  newField,
  type DesignerValues,
  type FieldValues,
  type RecipientValues,
  type UploadedFile,
} from "./designer-values";

const PAGE_WIDTH = 560;
const MIN_FIELD = 20;
// One colour per signer, each dark enough for small text on white and on its own tint (WCAG AA).
const COLORS = ["#1d4ed8", "#be185d", "#047857", "#b45309", "#6d28d9", "#0e7490", "#b91c1c", "#3f6212"];

type Signer = { key: string; n: number; name: string; color: string };
/** A drag in progress: a new field from the palette, or a placed one; the grab point inside the field in CSS pixels. */
type Drag = { field: number | null; grabX: number; grabY: number; x: number; y: number; w: number; h: number };

const signerName = (r: RecipientValues, n: number) =>
  `${r.firstName} ${r.lastName}`.trim() || r.email.trim() || `Recipient ${n}`;

/** The page element under a screen point (the drop target of a drag), with its document and page. */
function pageAt(clientX: number, clientY: number) {
  for (const el of document.elementsFromPoint(clientX, clientY)) {
    const holder = (el as HTMLElement).closest?.<HTMLElement>("[data-drop-doc]");
    if (holder) return { el: holder, doc: Number(holder.dataset.dropDoc), page: Number(holder.dataset.page) };
  }
  return null;
}

/**
 * SIGNATURE FIELDS: the documents' real pages (pdf.js), and on them each signer's fields. Choose a
 * recipient, then drag "Signature field" onto a page or click the page where it goes; drag a
 * placed field to move it (onto another page too) or its lower-right corner to resize it, arrow
 * keys nudge the focused one, Delete removes it. The list below the pages is the same fields as inputs (page, x, y, size, types).
 */
export function FieldDesigner({ files }: { files: UploadedFile[] }) {
  const id = useId();
  const { control, register, setValue, getValues } = useFormContext<DesignerValues>();
  const list = useFieldArray({ control, name: "fields" });
  const fields = useWatch({ control, name: "fields" }) ?? [];
  const recipients = useWatch({ control, name: "recipients" }) ?? [];
  const signers: Signer[] = recipients.flatMap((r, i) =>
    r.role === "Signer"
      ? [{ key: r.key, n: i + 1, name: signerName(r, i + 1), color: COLORS[i % COLORS.length]! }]
      : [],
  );
  const [chosen, setChosen] = useState<string>("");
  const active = signers.find((s) => s.key === chosen) ?? signers[0] ?? null;
  const sizes = useRef(new Map<string, PageSize>());
  const [drag, setDrag] = useState<Drag | null>(null);
  const suppressClick = useRef(false);

  const pageSize = (doc: number, page: number): PageSize => {
    const known = sizes.current.get(`${doc}:${page}`);
    if (known) return known;
    const [width, height] = files[doc - 1]?.Pages[page - 1] ?? files[doc - 1]?.Pages[0] ?? [595, 842];
    return { x0: 0, y0: 0, width, height };
  };

  /** Puts a field (new or placed) with its upper-left corner at a screen point over a page. */
  const drop = (fieldIndex: number | null, clientX: number, clientY: number) => {
    const target = pageAt(clientX, clientY);
    if (!target || !active) return;
    const size = pageSize(target.doc, target.page);
    const box = target.el.getBoundingClientRect();
    const current = fieldIndex === null ? null : getValues(`fields.${fieldIndex}`);
    const width = current?.width ?? FIELD_SIZE.width;
    const height = current?.height ?? FIELD_SIZE.height;
    const corner = screenToPdf(size, box, clientX, clientY);
    const { x, y } = clampToPage(size, corner.x, corner.y - height, width, height);
    if (fieldIndex === null || !current) list.append(newField(active.key, target.doc, target.page, x, y));
    else
      setValue(`fields.${fieldIndex}`, { ...current, doc: target.doc, page: target.page, x, y }, { shouldDirty: true });
  };

  useEffect(() => {
    if (!drag) return;
    const move = (e: PointerEvent) => setDrag((d) => (d ? { ...d, x: e.clientX, y: e.clientY } : d));
    const up = (e: PointerEvent) => {
      const moved = Math.hypot(e.clientX - drag.x, e.clientY - drag.y) > 0 || drag.field === null;
      setDrag(null);
      if (!moved) return;
      suppressClick.current = true;
      setTimeout(() => (suppressClick.current = false), 0);
      drop(drag.field, e.clientX - drag.grabX, e.clientY - drag.grabY);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up, { once: true });
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    // Listeners follow the drag that started them; drop reads the latest form values itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drag?.field, drag?.grabX, drag?.grabY]);

  const startDrag = (e: ReactPointerEvent<HTMLElement>, field: number | null, w: number, h: number) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const box = e.currentTarget.getBoundingClientRect();
    const inside = field !== null;
    setDrag({
      field,
      grabX: inside ? e.clientX - box.left : Math.min(w / 2, 40),
      grabY: inside ? e.clientY - box.top : Math.min(h / 2, 20),
      x: e.clientX,
      y: e.clientY,
      w,
      h,
    });
  };

  // Resizing from the lower-right handle: the upper-left corner stays, width and height follow the pointer.
  const [resizing, setResizing] = useState<number | null>(null);
  useEffect(() => {
    if (resizing === null) return;
    const move = (e: PointerEvent) => {
      const f = getValues(`fields.${resizing}`);
      const el = document.querySelector<HTMLElement>(`[data-drop-doc="${f.doc}"][data-page="${f.page}"]`);
      if (!el) return;
      const size = pageSize(f.doc, f.page);
      const p = screenToPdf(size, el.getBoundingClientRect(), e.clientX, e.clientY);
      const top = f.y + f.height;
      const width = Math.round(Math.min(Math.max(p.x - f.x, MIN_FIELD), size.x0 + size.width - f.x));
      const y = Math.round(Math.max(Math.min(p.y, top - MIN_FIELD), size.y0));
      setValue(`fields.${resizing}`, { ...f, width, y, height: top - y }, { shouldDirty: true });
    };
    const up = () => {
      setResizing(null);
      suppressClick.current = true;
      setTimeout(() => (suppressClick.current = false), 0);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up, { once: true });
    return () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    // The handlers read the latest values themselves.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resizing]);

  const nudge = (i: number, dx: number, dy: number) => {
    const f = getValues(`fields.${i}`);
    const size = pageSize(f.doc, f.page);
    const { x, y } = clampToPage(size, f.x + dx, f.y + dy, f.width, f.height);
    setValue(`fields.${i}.x`, x, { shouldDirty: true });
    setValue(`fields.${i}.y`, y, { shouldDirty: true });
  };

  const signerOf = (f: FieldValues) => signers.find((s) => s.key === f.recipient);
  const ghostScale = PAGE_WIDTH / 595;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-800">
        Signature fields
      </h2>
      {!files.length ? (
        <p className="text-sm text-slate-600">Upload a document to place signature fields on its pages.</p>
      ) : !signers.length ? (
        <p className="text-sm text-slate-600">Add a recipient with the role Signer to place signature fields.</p>
      ) : (
        <>
          <div className="flex flex-wrap items-end gap-4">
            <label className="space-y-1 text-sm font-medium text-slate-800">
              <span className="block">Place fields for</span>
              <select
                className="rounded-md border border-slate-300 px-3 py-2 text-sm"
                value={active?.key ?? ""}
                onChange={(e) => setChosen(e.target.value)}
              >
                {signers.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.n}. {s.name}
                  </option>
                ))}
              </select>
            </label>
            <div
              role="button"
              tabIndex={-1}
              aria-label="Signature field: drag onto a page"
              onPointerDown={(e) => startDrag(e, null, FIELD_SIZE.width * ghostScale, FIELD_SIZE.height * ghostScale)}
              className="flex h-10 cursor-grab touch-none items-center rounded-md border-2 border-dashed px-3 text-sm font-medium select-none"
              style={{ borderColor: active?.color, color: active?.color }}
            >
              ✍ Signature field
            </div>
            <Button
              type="button"
              variant="secondary"
              onClick={() => active && list.append(newField(active.key, 1, 1, 72, 72))}
            >
              Add field
            </Button>
          </div>
          <p className="text-xs text-slate-500">
            Drag the signature field onto a page, or click the page where it goes. Drag a placed field to move it, its
            corner to resize it; with the keyboard, focus it and use the arrow keys (Shift: 10 points), Delete removes
            it. Positions are PDF points from the page&apos;s lower-left corner.
          </p>
        </>
      )}
      {files.map((file, di) => (
        <DocumentPages
          key={`${file.FileId}-${di}`}
          file={file}
          doc={di + 1}
          onSize={(page, size) => sizes.current.set(`${di + 1}:${page}`, size)}
          onPageClick={(page, e) => {
            if (suppressClick.current || !active) return;
            const size = pageSize(di + 1, page);
            const p = screenToPdf(size, e.currentTarget.getBoundingClientRect(), e.clientX, e.clientY);
            const { x, y } = clampToPage(
              size,
              p.x - FIELD_SIZE.width / 2,
              p.y - FIELD_SIZE.height / 2,
              FIELD_SIZE.width,
              FIELD_SIZE.height,
            );
            list.append(newField(active.key, di + 1, page, x, y));
          }}
          overlay={(page, size) =>
            fields.map((f, i) => {
              if (f.doc !== di + 1 || f.page !== page) return null;
              const s = signerOf(f);
              return (
                <button
                  key={list.fields[i]?.id ?? i}
                  type="button"
                  aria-label={`Signature field ${i + 1} of ${s ? `recipient ${s.n} (${s.name})` : "no signer"} on page ${page} at (${f.x}, ${f.y})`}
                  onPointerDown={(e) => {
                    const box = e.currentTarget.getBoundingClientRect();
                    startDrag(e, i, box.width, box.height);
                  }}
                  onClick={(e) => e.stopPropagation()}
                  onKeyDown={(e) => {
                    const step = e.shiftKey ? 10 : 1;
                    const moves: Record<string, [number, number]> = {
                      ArrowLeft: [-step, 0],
                      ArrowRight: [step, 0],
                      ArrowUp: [0, step],
                      ArrowDown: [0, -step],
                    };
                    if (moves[e.key]) {
                      e.preventDefault();
                      nudge(i, ...moves[e.key]!);
                    } else if (e.key === "Delete" || e.key === "Backspace") {
                      e.preventDefault();
                      list.remove(i);
                    }
                  }}
                  className={`absolute flex cursor-move touch-none flex-col items-start justify-between overflow-hidden rounded border-2 p-1 text-left text-[10px] leading-tight font-medium focus:ring-2 focus:ring-offset-1 focus:outline-none ${drag?.field === i ? "opacity-30" : ""}`}
                  style={{
                    ...pdfRectToPercent(size, f),
                    borderColor: s?.color ?? "#64748b",
                    color: s?.color ?? "#64748b",
                    backgroundColor: `${s?.color ?? "#64748b"}1a`,
                  }}
                >
                  <span>
                    {s ? `${s.n}. ${s.name}` : "No signer"}
                    <br />
                    Signature
                  </span>
                  <span
                    aria-hidden
                    data-testid={`resize-${i + 1}`}
                    className="absolute right-0 bottom-0 h-3 w-3 cursor-se-resize"
                    style={{ backgroundColor: s?.color ?? "#64748b" }}
                    onPointerDown={(e) => {
                      if (e.button !== 0) return;
                      e.preventDefault();
                      e.stopPropagation();
                      setResizing(i);
                    }}
                  />
                </button>
              );
            })
          }
        />
      ))}
      {drag ? (
        <div
          aria-hidden
          className="pointer-events-none fixed z-50 rounded border-2 border-dashed text-[10px] font-medium"
          style={{
            left: drag.x - drag.grabX,
            top: drag.y - drag.grabY,
            width: drag.w,
            height: drag.h,
            borderColor: active?.color,
            backgroundColor: `${active?.color ?? "#2563eb"}26`,
          }}
        />
      ) : null}
      {fields.length ? (
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" aria-label="Signature fields">
            <thead className="text-left text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-1 pr-2">#</th>
                <th className="py-1 pr-2">Signer</th>
                {files.length > 1 ? <th className="py-1 pr-2">Document</th> : null}
                <th className="py-1 pr-2">Page</th>
                <th className="py-1 pr-2">X</th>
                <th className="py-1 pr-2">Y</th>
                <th className="py-1 pr-2">Width</th>
                <th className="py-1 pr-2">Height</th>
                <th className="py-1 pr-2">Signer may</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {list.fields.map((row, i) => {
                const f = fields[i] ?? row;
                const pages = files[f.doc - 1]?.Pages.length ?? 1;
                const num = (name: "page" | "x" | "y" | "width" | "height", label: string, max?: number) => (
                  <td className="py-1 pr-2">
                    <input
                      type="number"
                      min={name === "page" ? 1 : 0}
                      max={max}
                      step={1}
                      aria-label={`${label} of field ${i + 1}`}
                      className="w-20 rounded border border-slate-300 px-2 py-1"
                      {...register(`fields.${i}.${name}`, { valueAsNumber: true })}
                    />
                  </td>
                );
                return (
                  <tr key={row.id} className="border-t border-slate-100">
                    <td className="py-1 pr-2">{i + 1}</td>
                    <td className="py-1 pr-2">
                      <select
                        aria-label={`Signer of field ${i + 1}`}
                        className="rounded border border-slate-300 px-2 py-1"
                        {...register(`fields.${i}.recipient`)}
                      >
                        {signers.map((s) => (
                          <option key={s.key} value={s.key}>
                            {s.n}. {s.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    {files.length > 1 ? (
                      <td className="py-1 pr-2">
                        <select
                          aria-label={`Document of field ${i + 1}`}
                          className="max-w-40 rounded border border-slate-300 px-2 py-1"
                          {...register(`fields.${i}.doc`, { valueAsNumber: true })}
                        >
                          {files.map((d, di) => (
                            <option key={di} value={di + 1}>
                              {di + 1}. {d.Name}
                            </option>
                          ))}
                        </select>
                      </td>
                    ) : null}
                    {num("page", "Page", pages)}
                    {num("x", "X")}
                    {num("y", "Y")}
                    {num("width", "Width")}
                    {num("height", "Height")}
                    <td className="py-1 pr-2">
                      <AllowedTypes index={i} />
                    </td>
                    <td className="py-1">
                      <button type="button" className="text-xs text-red-700 underline" onClick={() => list.remove(i)}>
                        Delete field {i + 1}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** The ways the signer may sign this field; at least one stays ticked. */
function AllowedTypes({ index }: { index: number }) {
  const { control, setValue } = useFormContext<DesignerValues>();
  const allowed = useWatch({ control, name: `fields.${index}.allowed` }) ?? [];
  return (
    <span className="flex gap-2">
      {SIGNATURE_TYPES.map(({ type, label }) => (
        <label key={type} className="flex items-center gap-1 text-xs">
          <input
            type="checkbox"
            className="accent-brand-600"
            checked={allowed.includes(type)}
            disabled={allowed.length === 1 && allowed[0] === type}
            aria-label={`${label} for field ${index + 1}`}
            onChange={(e) =>
              setValue(
                `fields.${index}.allowed`,
                SIGNATURE_TYPES.map((t) => t.type).filter((t) => (t === type ? e.target.checked : allowed.includes(t))),
                { shouldDirty: true },
              )
            }
          />
          {label}
        </label>
      ))}
    </span>
  );
}

/** One document's pages, rendered, each a drop target holding the fields placed on it. */
function DocumentPages({
  file,
  doc,
  onSize,
  onPageClick,
  overlay,
}: {
  file: UploadedFile;
  doc: number;
  onSize: (page: number, size: PageSize) => void;
  onPageClick: (page: number, e: React.MouseEvent<HTMLDivElement>) => void;
  overlay: (page: number, size: PageSize) => React.ReactNode;
}) {
  const pdf = usePdfDocument(`/api/v6/file/${file.FileId}`);
  const count = pdf.doc?.numPages ?? file.Pages.length;
  return (
    <section aria-label={`Document ${doc}: ${file.Name}`} className="space-y-2">
      <h3 className="text-sm font-medium text-slate-800">
        Document {doc} · {count} {count === 1 ? "page" : "pages"}
      </h3>
      {pdf.error ? <p className="text-sm text-red-700">{pdf.error}</p> : null}
      {/* Pages keep their size; on a narrow screen they scroll sideways inside this frame, not the whole page. */}
      <div data-scrolls className="flex max-w-full flex-col items-start gap-4 overflow-x-auto">
        {Array.from({ length: count }, (_, i) => {
          const [width, height] = file.Pages[i] ?? file.Pages[0] ?? [595, 842];
          return (
            <div key={i} className="space-y-1">
              <PdfPage
                doc={pdf.doc}
                pageNumber={i + 1}
                width={PAGE_WIDTH}
                fallback={{ x0: 0, y0: 0, width, height }}
                label={`${file.Name}, page ${i + 1}`}
              >
                {(size) => {
                  onSize(i + 1, size);
                  return (
                    // The page itself takes the click (the fields on it stop theirs); the list is the keyboard's way.
                    <div
                      data-drop-doc={doc}
                      data-page={i + 1}
                      data-testid={`drop-${doc}-${i + 1}`}
                      className="absolute inset-0 cursor-crosshair"
                      onClick={(e) => onPageClick(i + 1, e)}
                    >
                      {overlay(i + 1, size)}
                    </div>
                  );
                }}
              </PdfPage>
              <p className="text-xs text-slate-500">Page {i + 1}</p>
            </div>
          );
        })}
      </div>
    </section>
  );
}

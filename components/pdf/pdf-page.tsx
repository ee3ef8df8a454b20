"use client";

import type { PDFDocumentProxy, RenderTask } from "pdfjs-dist";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { PageSize } from "./geometry";

type Props = {
  doc: PDFDocumentProxy | null;
  pageNumber: number;
  /** CSS pixels; the height follows the page's proportions. */
  width: number;
  /** The size to lay out before pdf.js has read the page (the server's page list). */
  fallback: PageSize;
  label: string;
  /** Overlays (signature fields), positioned in percentages of the page from its PDF size. */
  children?: (page: PageSize) => ReactNode;
  className?: string;
};

/**
 * One PDF page drawn by pdf.js on a canvas at the given width (sharp on high-density screens),
 * rendered once it comes near the viewport. The page's box in PDF units goes to the overlays, so
 * a field stored from the lower-left corner lands where the PDF puts it.
 */
export function PdfPage({ doc, pageNumber, width, fallback, label, children, className }: Props) {
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<PageSize | null>(null);
  const [near, setNear] = useState(false);
  const [rendered, setRendered] = useState(false);
  const page = size ?? fallback;

  useEffect(() => {
    const el = holder.current;
    if (!el || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: "600px",
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);

  useEffect(() => {
    if (!doc || !near) return;
    let task: RenderTask | null = null;
    let gone = false;
    (async () => {
      const p = await doc.getPage(pageNumber);
      if (gone) return;
      const [x0, y0, x1, y1] = p.view as [number, number, number, number];
      setSize({ x0, y0, width: x1 - x0, height: y1 - y0 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = p.getViewport({ scale: (width / (x1 - x0)) * ratio });
      const c = canvas.current;
      if (!c) return;
      c.width = Math.floor(viewport.width);
      c.height = Math.floor(viewport.height);
      task = p.render({ canvas: c, viewport });
      await task.promise;
      if (!gone) setRendered(true);
    })().catch(() => {
      // A cancelled render (the width or page changed) is not an error; a broken page stays blank.
    });
    return () => {
      gone = true;
      task?.cancel();
    };
  }, [doc, near, pageNumber, width]);

  return (
    <div
      ref={holder}
      role="group"
      aria-label={label}
      data-page={pageNumber}
      data-rendered={rendered ? "true" : "false"}
      className={`relative bg-white shadow-sm ring-1 ring-slate-300 ${className ?? ""}`}
      style={{ width, height: (width * page.height) / page.width }}
    >
      <canvas ref={canvas} aria-hidden className="absolute inset-0 h-full w-full" />
      {children?.(page)}
    </div>
  );
}

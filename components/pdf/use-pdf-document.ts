"use client";

import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useState } from "react";

// pdf.js in the browser, loaded only where a page is shown. Its worker is a file of the pdfjs-dist
// package that the bundler emits next to the app's chunks (new URL(..., import.meta.url)): served
// by the app itself, never from another site, and always the version of the library that loads it.
let library: Promise<typeof import("pdfjs-dist")> | null = null;
function pdfjs() {
  library ??= import("pdfjs-dist").then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();
    return lib;
  });
  return library;
}

export type PdfState = { doc: PDFDocumentProxy | null; error: string | null };

/**
 * The PDF at an app URL (the sender's uploaded file, the signer's document route), read once
 * with the browser's cookies and parsed by pdf.js; released when the URL changes or the
 * component goes. The app's CSP forbids eval, so pdf.js is told not to try it.
 */
export function usePdfDocument(url: string | null): PdfState {
  const [state, setState] = useState<PdfState & { url: string | null }>({ doc: null, error: null, url: null });
  useEffect(() => {
    if (!url) return;
    let gone = false;
    let loaded: PDFDocumentProxy | null = null;
    (async () => {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw new Error(`The document could not be loaded (HTTP ${response.status})`);
      const data = new Uint8Array(await response.arrayBuffer());
      const lib = await pdfjs();
      loaded = await lib.getDocument({ data, isEvalSupported: false }).promise;
      if (gone) void loaded.destroy();
      else setState({ doc: loaded, error: null, url });
    })().catch((err: unknown) => {
      if (!gone)
        setState({ doc: null, error: err instanceof Error ? err.message : "The document could not be shown", url });
    });
    return () => {
      gone = true;
      void loaded?.destroy();
    };
  }, [url]);
  // A state left from another URL is not this document's.
  return state.url === url ? { doc: state.doc, error: state.error } : { doc: null, error: null };
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { MAX_DOCUMENTS, type UploadedFile } from "./designer-values";

async function upload(file: File): Promise<UploadedFile> {
  const body = new FormData();
  body.set("file", file);
  const response = await fetch("/api/v6/file/upload", { method: "POST", body, credentials: "same-origin" });
  const json = (await response.json().catch(() => null)) as (UploadedFile & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(json?.error?.message ?? `The upload failed (HTTP ${response.status})`);
  return json!;
}

/**
 * Documents: drag & drop or choose PDFs (up to 20, in order: the first is DocRefNumber 1); the
 * server checks that each really is one and not too large. The pages show in "Signature fields".
 */
export function DocumentUpload({
  files,
  onUploaded,
  onRemove,
}: {
  files: UploadedFile[];
  onUploaded: (f: UploadedFile) => void;
  onRemove: (index: number) => void;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  // One after the other, so the documents keep the order they were chosen in.
  const mutation = useMutation({
    mutationFn: async (chosen: File[]) => {
      for (const f of chosen) onUploaded(await upload(f));
    },
  });
  const take = (list: FileList | null) => {
    const chosen = [...(list ?? [])].slice(0, Math.max(MAX_DOCUMENTS - files.length, 0));
    if (chosen.length) mutation.mutate(chosen);
  };
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-800">
        Documents
      </h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer.files);
        }}
        className={`rounded-md border-2 border-dashed px-4 py-8 text-center text-sm ${over ? "border-brand-600 bg-brand-50" : "border-slate-300 text-slate-600"}`}
      >
        <p>Drag &amp; Drop files here</p>
        <label
          htmlFor={id}
          className="mt-2 inline-block cursor-pointer rounded-md border border-slate-300 bg-white px-3 py-1.5 text-xs font-medium uppercase"
        >
          Upload
        </label>
        <input
          id={id}
          type="file"
          accept="application/pdf,.pdf"
          aria-label="Upload PDF"
          multiple
          disabled={files.length >= MAX_DOCUMENTS}
          className="sr-only"
          onChange={(e) => {
            take(e.target.files);
            e.target.value = "";
          }}
        />
      </div>
      {mutation.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Uploading…
        </p>
      ) : null}
      {mutation.isError ? <Alert tone="error">{errorMessage(mutation.error)}</Alert> : null}
      {files.length ? (
        <ol className="space-y-1 text-sm text-slate-700">
          {files.map((f, i) => (
            <li key={`${f.FileId}-${i}`} className="flex items-center gap-3">
              <span>
                {i + 1}. <strong>{f.Name}</strong> · {f.Pages.length} page(s) · {Math.ceil(f.Size / 1024)} KB
              </span>
              <button
                type="button"
                aria-label={`Remove ${f.Name}`}
                className="text-xs text-red-700 underline"
                onClick={() => onRemove(i)}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      {files.length >= MAX_DOCUMENTS ? (
        <p className="text-xs text-slate-500">An envelope holds at most {MAX_DOCUMENTS} documents.</p>
      ) : null}
    </section>
  );
}

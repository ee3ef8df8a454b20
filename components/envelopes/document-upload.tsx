"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import type { UploadedFile } from "./designer-values";

async function upload(file: File): Promise<UploadedFile> {
  const body = new FormData();
  body.set("file", file);
  const response = await fetch("/api/v6/file/upload", { method: "POST", body, credentials: "same-origin" });
  const json = (await response.json().catch(() => null)) as (UploadedFile & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(json?.error?.message ?? `The upload failed (HTTP ${response.status})`);
  return json!;
}

/** Documents: drag & drop or choose a PDF; the server checks that it really is one and not too large. */
export function DocumentUpload({
  file,
  onUploaded,
}: {
  file: UploadedFile | null;
  onUploaded: (f: UploadedFile) => void;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const mutation = useMutation({ mutationFn: upload, onSuccess: onUploaded });
  const take = (files: FileList | null) => {
    const f = files?.[0];
    if (f) mutation.mutate(f);
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
          className="sr-only"
          onChange={(e) => take(e.target.files)}
        />
      </div>
      {mutation.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Uploading…
        </p>
      ) : null}
      {mutation.isError ? <Alert tone="error">{errorMessage(mutation.error)}</Alert> : null}
      {file ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            <strong>{file.Name}</strong> · {file.Pages.length} page(s) · {Math.ceil(file.Size / 1024)} KB
          </p>
          <iframe
            title={`Preview: ${file.Name}`}
            src={`/api/v6/file/${file.FileId}`}
            className="h-96 w-full rounded border border-slate-200"
          />
        </div>
      ) : null}
    </section>
  );
}

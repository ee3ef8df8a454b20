"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useFieldArray, useForm } from "react-hook-form";
import { apiRequest, errorMessage, ApiError } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/form-field";
import { ZSendEnvelopeRequest, type TSendEnvelopeRequest } from "@/lib/envelopes/schema";
import {
  DEFAULT_EXPIRY_DAYS,
  DEFAULT_REMINDERS,
  emptyRecipient,
  toRequest,
  type DesignerProvider,
  type DesignerValues,
  type UploadedFile,
} from "./designer-values";
import { DocumentUpload } from "./document-upload";
import { withDraftExtras } from "./draft-extras";
import { FieldDesigner } from "./field-designer";
import { FieldProblem } from "./field-problem";
import { describePath, designerFieldOf, formatPath, refusalTitle } from "./problem-paths";
import { RecipientCard } from "./recipient-card";
import { ReminderSettings } from "./reminder-settings";

type Problem = { path: string; message: string };

/** A saved draft opened in the designer: saving replaces it (PUT), sending saves then sends it. */
/** A draft opened for editing; `request` is the body it was saved with (what the designer does not edit is kept from it). */
export type DesignerDraft = {
  id: string;
  values: DesignerValues;
  files: UploadedFile[];
  request?: TSendEnvelopeRequest;
};

async function save(
  body: unknown,
  mode: "send" | "draft",
  draftId: string | undefined,
): Promise<{ EnvelopeId: string }> {
  if (!draftId) return apiRequest<{ EnvelopeId: string }>(`/api/v6/envelope/${mode}`, { method: "POST", body });
  await apiRequest(`/api/v6/envelope/${draftId}`, { method: "PUT", body });
  if (mode === "send") await apiRequest(`/api/v6/envelope/${draftId}/send`, { method: "POST" });
  return { EnvelopeId: draftId };
}

/** CREATE ENVELOPE (or a draft opened again): documents, recipients in order with their authentication, signature fields on the rendered pages; SAVE AS draft or SEND. */
export function EnvelopeDesigner({ providers, draft }: { providers: DesignerProvider[]; draft?: DesignerDraft }) {
  const router = useRouter();
  const [files, setFiles] = useState<UploadedFile[]>(draft?.files ?? []);
  const [problems, setProblems] = useState<Problem[]>([]);
  const form = useForm<DesignerValues>({
    defaultValues: draft?.values ?? {
      name: "",
      subject: "",
      message: "",
      expiresInDays: DEFAULT_EXPIRY_DAYS,
      reminders: DEFAULT_REMINDERS,
      recipients: [emptyRecipient(providers)],
      fields: [],
    },
  });
  const list = useFieldArray({ control: form.control, name: "recipients" });
  const accessCodeOn = (i: number) => Boolean(form.getValues(`recipients.${i}.accessCodeOn`));
  const submit = useMutation({
    mutationFn: async ({ values, mode }: { values: DesignerValues; mode: "send" | "draft" }) => {
      const body = withDraftExtras(toRequest(values, files, providers), draft?.request);
      // The same schema the server parses with: the sender sees every problem before a round trip.
      const parsed = ZSendEnvelopeRequest.safeParse(body);
      if (!parsed.success)
        throw new ApiError(
          400,
          "validation_failed",
          "Check the marked fields",
          parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
        );
      return save(body, mode, draft?.id);
    },
    onMutate: () => {
      setProblems([]);
      form.clearErrors();
    },
    onSuccess: ({ EnvelopeId }) => router.push(`/documents/${EnvelopeId}`),
    onError: (err) => {
      const details = err instanceof ApiError ? err.details : [];
      setProblems(details);
      // Each problem on the field it names, in words (the banner still lists them all, with where).
      details.forEach((p, i) => {
        const field = designerFieldOf(p.path, accessCodeOn);
        if (field) form.setError(field as never, { type: "server", message: p.message }, { shouldFocus: i === 0 });
      });
    },
  });
  const marked = problems.filter((p) => designerFieldOf(p.path, accessCodeOn) !== null).length;
  const go = (mode: "send" | "draft") => form.handleSubmit((values) => submit.mutate({ values, mode }))();
  return (
    <FormProvider {...form}>
      <form className="space-y-6" onSubmit={(e) => e.preventDefault()} noValidate>
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold text-slate-800">Envelope</h2>
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            <span>Envelope name</span>
            <input className={controlClass} {...form.register("name")} />
            <FieldProblem name="name" />
          </label>
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            <span>Email subject</span>
            <input
              className={controlClass}
              {...form.register("subject")}
              placeholder="Default: the signer invitation template's subject"
            />
          </label>
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            <span>Message</span>
            <textarea rows={3} className={controlClass} {...form.register("message")} />
          </label>
          <label className="block space-y-1 text-sm font-medium text-slate-800">
            <span>Expires after (days)</span>
            <input
              type="number"
              min={1}
              max={365}
              step={1}
              className={`${controlClass} max-w-32`}
              {...form.register("expiresInDays", { valueAsNumber: true })}
            />
            <FieldProblem name="expiresInDays" />
            <span className="block text-xs font-normal text-slate-500">
              Counted from sending; after that the signing links no longer work.
            </span>
          </label>
          <ReminderSettings />
        </section>
        <DocumentUpload
          files={files}
          onUploaded={(f) => setFiles((all) => [...all, f])}
          onRemove={(index) => {
            setFiles((all) => all.filter((_, i) => i !== index));
            // The removed document's fields go; the later documents' move up one DocRefNumber.
            const doc = index + 1;
            form.setValue(
              "fields",
              form
                .getValues("fields")
                .filter((f) => f.doc !== doc)
                .map((f) => (f.doc > doc ? { ...f, doc: f.doc - 1 } : f)),
            );
          }}
        />
        <section className="space-y-3">
          <h2 className="text-base font-semibold text-slate-800">Recipients</h2>
          <ol className="space-y-4">
            {list.fields.map((f, i) => (
              <RecipientCard
                key={f.id}
                index={i}
                providers={providers}
                onRemove={
                  list.fields.length > 1
                    ? () => {
                        const key = form.getValues(`recipients.${i}.key`);
                        form.setValue(
                          "fields",
                          form.getValues("fields").filter((f) => f.recipient !== key),
                        );
                        list.remove(i);
                      }
                    : null
                }
                onUp={i > 0 ? () => list.move(i, i - 1) : null}
              />
            ))}
          </ol>
          <Button type="button" variant="secondary" onClick={() => list.append(emptyRecipient(providers))}>
            Add recipient
          </Button>
        </section>
        <FieldDesigner files={files} />
        {submit.isError ? (
          <Alert tone="error" title={refusalTitle(problems.length, marked) || errorMessage(submit.error)}>
            {problems.length ? (
              <ul className="list-disc pl-4">
                {problems.map((p, i) => (
                  <li key={i}>
                    {describePath(p.path)}: {p.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
        <div className="flex gap-3">
          <Button type="button" variant="secondary" disabled={submit.isPending} onClick={() => go("draft")}>
            Save as draft
          </Button>
          <Button type="button" disabled={submit.isPending} onClick={() => go("send")}>
            Send
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}

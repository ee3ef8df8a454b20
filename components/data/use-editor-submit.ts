"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { applyFailure, type FieldNamer, type FormAlert } from "./field-errors";

/** What an editor knows of itself, the same on every render: one constant beside each editor. */
export type EditorSpec<TValues, TResult> = {
  /** The list page: a new record opens at `${list}/${id}?created=1` (useForgetCreatedFlag drops the flag). */
  list: string;
  /** The form's values for the record the server stored: the form starts again from them. */
  values: (saved: TResult) => TValues;
  /** Where each server error path goes: a field, or the form-level alert. */
  fields: FieldNamer;
  /** The alert's title when the form's own validation fails. */
  invalidTitle?: string;
};

type Options<TValues, TResult> = EditorSpec<TValues, TResult> & {
  /** A create opens the new record's page; an update stays and says "Saved". */
  creating: boolean;
  /** The page opened right after a create says "Saved" until the next submit. */
  savedAtFirst?: boolean;
};

/**
 * The one submit flow of the editors: validate with the form's resolver, send `request` (the
 * caller's mutation: POST to create, PUT to update; it refreshes the react-query cache), then
 * reset the form to what the server stored and open the new record or say "Saved". A refusal
 * (an ApiError, or a server action's `{ ok: false, fieldErrors }` passed on as a rejection) puts
 * each problem under its field and the rest in `alert`.
 */
export function useEditorSubmit<TValues extends FieldValues, TOutput, TResult extends { id: string }>(
  form: UseFormReturn<TValues, unknown, TOutput>,
  request: (values: TOutput) => Promise<TResult>,
  {
    list,
    values,
    fields,
    invalidTitle = "Some fields need attention",
    creating,
    savedAtFirst = false,
  }: Options<TValues, TResult>,
) {
  const router = useRouter();
  const [alert, setAlert] = useState<FormAlert | null>(null);
  const [saved, setSaved] = useState<string | null>(savedAtFirst ? "Saved" : null);
  // Successful saves so far: a part of the form with state of its own takes it as its key.
  const [saves, setSaves] = useState(0);

  const onSubmit = form.handleSubmit(
    async (input) => {
      setAlert(null);
      setSaved(null);
      try {
        const result = await request(input);
        // The new record's page starts loading first; the form, saved, is clean meanwhile (no unsaved-changes prompt).
        if (creating) router.push(`${list}/${result.id}?created=1`);
        form.reset(values(result));
        setSaves((n) => n + 1);
        if (!creating) setSaved("Saved");
      } catch (err) {
        setAlert(applyFailure(err, form.setError, fields));
      }
    },
    () => setAlert({ title: invalidTitle, details: [], fieldErrors: true }),
  );

  const { isDirty: dirty, isSubmitting: saving } = form.formState;
  return { onSubmit, alert, setAlert, saves, footer: { dirty, saving, saved } };
}

"use client";

import { get, useFormState } from "react-hook-form";

/** The problem a refused save left on one designer field (set from the API's or the schema's path). */
export function FieldProblem({ name }: { name: string }) {
  const { errors } = useFormState();
  const message = (get(errors, name) as { message?: string } | undefined)?.message;
  return message ? (
    <span role="alert" className="block text-xs font-normal text-red-700">
      {message}
    </span>
  ) : null;
}

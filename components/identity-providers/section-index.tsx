"use client";

import { useFormState } from "react-hook-form";
import type { ProviderFormValues } from "./form-values";

// The provider editor is one long page (issue 16: 4,400 pixels): an index of its sections that
// stays in view, each a link to its section, marked when a field in it holds an error.

export const EDITOR_SECTIONS = [
  { id: "general", label: "General" },
  { id: "client-authentication", label: "Client authentication" },
  { id: "jwt", label: "JWT" },
  { id: "jwt-mappings", label: "Mappings" },
  { id: "resource-uris", label: "Resource URIs" },
  { id: "mapping-preview", label: "Preview" },
  { id: "binding", label: "Binding" },
  { id: "usage", label: "Usage" },
] as const;
export type EditorSectionId = (typeof EDITOR_SECTIONS)[number]["id"];

const BY_FIELD: Partial<Record<keyof ProviderFormValues, EditorSectionId>> = {
  tokenEndpointAuthMethod: "client-authentication",
  pkce: "client-authentication",
  resourceUris: "resource-uris",
  subjectPath: "binding",
  usedForSignerAuthentication: "usage",
  usedForUserAuthentication: "usage",
  enabled: "usage",
};

/** The sections holding an error, from the form's errors (the JWT's mappings apart from the rest of the JWT). */
export function sectionsWithErrors(errors: Record<string, unknown>): Set<EditorSectionId> {
  const out = new Set<EditorSectionId>();
  for (const key of Object.keys(errors)) {
    if (key === "root") continue;
    if (key === "jwt") {
      const jwt = (errors.jwt ?? {}) as Record<string, unknown>;
      if ("mappings" in jwt) out.add("jwt-mappings");
      if (Object.keys(jwt).some((k) => k !== "mappings")) out.add("jwt");
      continue;
    }
    out.add(BY_FIELD[key as keyof ProviderFormValues] ?? "general");
  }
  return out;
}

export function SectionIndex({ hasJwt }: { hasJwt: boolean }) {
  const { errors } = useFormState<ProviderFormValues>();
  const marked = sectionsWithErrors(errors as Record<string, unknown>);
  return (
    <nav aria-label="Sections of this provider" className="lg:sticky lg:top-4">
      <p className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">On this page</p>
      <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm lg:flex-col">
        {EDITOR_SECTIONS.filter((s) => hasJwt || s.id !== "jwt-mappings").map((s) => (
          <li key={s.id}>
            <a
              href={`#${s.id}`}
              className={`flex items-center gap-1.5 rounded px-1 py-0.5 hover:bg-slate-100 ${
                marked.has(s.id) ? "font-semibold text-red-700" : "text-slate-700"
              }`}
            >
              {s.label}
              {marked.has(s.id) ? (
                <>
                  <span aria-hidden className="inline-block h-2 w-2 rounded-full bg-red-600" />
                  <span className="sr-only">(has an error)</span>
                </>
              ) : null}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

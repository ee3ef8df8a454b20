import { describe, expect, it } from "vitest";
import { EDITOR_SECTIONS, sectionsWithErrors } from "./section-index";

describe("the provider editor's section index", () => {
  it("names the sections issue 16 lists, in page order", () => {
    expect(EDITOR_SECTIONS.map((s) => s.label)).toEqual([
      "General",
      "Client authentication",
      "JWT",
      "Mappings",
      "Resource URIs",
      "Preview",
      "Binding",
      "Usage",
    ]);
  });

  it("marks the sections whose fields hold an error", () => {
    const err = { message: "x" };
    expect([...sectionsWithErrors({ name: err, clientSecret: err })]).toEqual(["general"]);
    expect([...sectionsWithErrors({ pkce: err, enabled: err })].sort()).toEqual(["client-authentication", "usage"]);
    expect([...sectionsWithErrors({ jwt: { mappings: [{ path: err }] } })]).toEqual(["jwt-mappings"]);
    expect([...sectionsWithErrors({ jwt: { issuer: err } })]).toEqual(["jwt"]);
    expect([...sectionsWithErrors({ resourceUris: [{ uri: err }], subjectPath: err })].sort()).toEqual([
      "binding",
      "resource-uris",
    ]);
    expect(sectionsWithErrors({}).size).toBe(0);
    expect(sectionsWithErrors({ root: err }).size).toBe(0);
  });
});

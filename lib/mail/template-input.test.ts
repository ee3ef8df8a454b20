import fc from "fast-check";
import { describe, it } from "vitest";
import { checkBodySchema } from "@/lib/testing/schema-properties";
import { ZTemplateInput } from "./save-template";
import { TEMPLATE_KEYS } from "./templates";

// Issue 8, hostile input: the form body of Settings → Notification Templates (saveTemplateAction).

const text = (max: number) =>
  fc
    .string({ unit: "binary", minLength: 1, maxLength: max })
    .filter((s) => s.trim().length > 0 && s.trim().length <= max);

describe("notification template body: properties", () => {
  it("ZTemplateInput", () => {
    checkBodySchema(
      ZTemplateInput,
      fc.record({ key: fc.constantFrom(...TEMPLATE_KEYS), subject: text(300), body: text(2000) }),
    );
  });
});

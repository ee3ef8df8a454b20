import fc from "fast-check";
import { describe, it } from "vitest";
import { checkBodySchema } from "@/lib/testing/schema-properties";
import { ZLoginInput } from "./schema";

// Issue 8, hostile input: what the login form's server action parses.

describe("login body: properties", () => {
  it("ZLoginInput", () => {
    const email = fc
      .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/))
      .map(([l, d]) => `${l}@${d}.test`);
    checkBodySchema(
      ZLoginInput,
      fc.record({ email, password: fc.string({ unit: "binary", minLength: 1, maxLength: 200 }) }),
    );
  });
});

import { describe, expect, it } from "vitest";
import { addableProviders } from "./addable-providers";

describe("addableProviders", () => {
  const providers = [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }, { id: "e" }];
  it("leaves out a provider already invited, expired (waiting for Resend) or bound; offers a removed one again", () => {
    expect(
      addableProviders(providers, [
        { providerId: "a", state: "invited" },
        { providerId: "b", state: "expired" },
        { providerId: "c", state: "bound" },
        { providerId: "d", state: "invalidated" },
      ]).map((p) => p.id),
    ).toEqual(["d", "e"]);
  });
});

import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { instanceSettings, type LocalizedText, type RecipientAgreement, type RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit } from "@/lib/audit/emit-audit";
import type { Ctx } from "@/lib/context";

// The agreement a signer accepts before signing (seed: the "Agreements" task, Texts/Headings by
// Language, and UseDefaultAgreements). The step's own texts when it has them, else the default
// one from Settings → Agreements Configuration (instance_settings "default_agreement"), in the
// signer's language, falling back to "*". AgreementAccepted records the sha256 of what was shown.

export const DEFAULT_AGREEMENT_KEY = "default_agreement";
const KEY = DEFAULT_AGREEMENT_KEY;
export const BUILT_IN_AGREEMENT = {
  heading: "Signature Disclosure",
  text: "By signing electronically you agree that your electronic signature on this document is as binding as your handwritten one.",
};

/** Settings → Agreements Configuration: the default heading and text (for every language). */
export const ZDefaultAgreement = z.object({
  Heading: z.string().trim().min(1, "Enter a heading").max(200, "At most 200 characters"),
  Text: z.string().trim().min(1, "Enter the agreement text").max(20_000, "At most 20000 characters"),
});
export type TDefaultAgreement = z.infer<typeof ZDefaultAgreement>;

export async function loadDefaultAgreement(db: Db | Tx): Promise<TDefaultAgreement> {
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, KEY));
  return (
    (row?.value as TDefaultAgreement | undefined) ?? {
      Heading: BUILT_IN_AGREEMENT.heading,
      Text: BUILT_IN_AGREEMENT.text,
    }
  );
}

export async function saveDefaultAgreement(ctx: Ctx, input: TDefaultAgreement): Promise<void> {
  const value = ZDefaultAgreement.parse(input);
  await ctx.db.transaction(async (tx) => {
    const before = await loadDefaultAgreement(tx);
    await tx
      .insert(instanceSettings)
      .values({ key: KEY, value })
      .onConflictDoUpdate({ target: instanceSettings.key, set: { value, updatedAt: sql`now()` } });
    await emitAudit(tx, ctx, {
      action: "InstanceSettingChanged",
      data: {
        key: KEY,
        changes: [
          { field: "heading", from: before.Heading, to: value.Heading },
          { field: "text", from: before.Text.slice(0, 2000), to: value.Text.slice(0, 2000) },
        ].filter((c) => c.from !== c.to),
      },
    });
  });
}

/** The entry for `language`: exact, then its primary subtag (de for de-AT), then "*", then the first. */
export function pickLanguage(list: LocalizedText[], language: string): LocalizedText | undefined {
  const lang = language.toLowerCase();
  return (
    list.find((x) => x.Language.toLowerCase() === lang) ??
    list.find((x) => x.Language.toLowerCase() === lang.split("-")[0]) ??
    list.find((x) => x.Language === "*") ??
    list[0]
  );
}

export type ShownAgreement = { heading: string; text: string; language: string; sha256: string };

/** What this signer is shown (and accepts): heading, text, the language chosen, the sha256 of heading and text. */
export async function agreementFor(
  db: Db | Tx,
  r: Pick<RecipientRow, "agreement" | "languageCode">,
): Promise<ShownAgreement> {
  return shownAgreement(r, r.agreement ? null : await loadDefaultAgreement(db));
}

/** The same from a default agreement already read (null: none saved, the built-in one). */
export function shownAgreement(
  r: Pick<RecipientRow, "agreement" | "languageCode">,
  defaultAgreement: TDefaultAgreement | null,
): ShownAgreement {
  let shown: { heading: string; text: string; language: string };
  if (r.agreement) {
    const a: RecipientAgreement = r.agreement;
    const text = pickLanguage(a.texts, r.languageCode);
    const heading = pickLanguage(a.headings, r.languageCode);
    shown = {
      heading: heading?.Value || BUILT_IN_AGREEMENT.heading,
      text: text?.Value ?? "",
      language: text?.Language ?? "*",
    };
  } else {
    const d = defaultAgreement ?? { Heading: BUILT_IN_AGREEMENT.heading, Text: BUILT_IN_AGREEMENT.text };
    shown = { heading: d.Heading, text: d.Text, language: "*" };
  }
  const sha256 = createHash("sha256").update(`${shown.heading}\n${shown.text}`).digest("hex");
  return { ...shown, sha256 };
}

import { and, eq, sql } from "drizzle-orm";
import { queueStatusCallback } from "@/lib/callbacks/enqueue";
import { envelopes, identityProviders, recipients, type EnvelopeRow, type RecipientRow } from "@/db/schema";
import type { Db, Tx } from "@/db/client";
import { emitAudit, emitAuditBatch, type AuditInput } from "@/lib/audit/emit-audit";
import type { ConsumedTransaction } from "@/lib/flows/consume-transaction";
import type { PurposeHandler } from "@/lib/flows/purposes";
import type { ProviderCtx } from "@/lib/identity-providers/context";
import { checkFilters, proposedUpdates, type FilterOperation } from "@/lib/oauth/mappings";
import type { FlowOutcome } from "@/lib/oauth/run-flow";
import type { MappingContext, ReportStep } from "@/lib/oauth/types";
import { applyRecipientUpdates } from "./apply-updates";
import { certificateByField } from "./disposable-certificate";
import { isExpired } from "./expiry";
import { fullName } from "./mail";
import { identityFacts, identityValues, presentedIdentity } from "./identity-values";

/** Where the signer's browser goes after the callback: /sign/resume finds the link again from its cookie. */
export const resumePath = (auth: "ok" | "failed" | "gone") => `/sign/resume?auth=${auth}`;

async function loadRecipient(db: Db | Tx, recipientId: string | null) {
  if (!recipientId) return null;
  const [row] = await db
    .select({ r: recipients, status: envelopes.status, expiresAt: envelopes.expiresAt })
    .from(recipients)
    .innerJoin(envelopes, eq(envelopes.id, recipients.envelopeId))
    .where(eq(recipients.id, recipientId));
  return row ?? null;
}

/** Expected values for Validate mappings: the recipient's own fields and the sender's values for Custom fields of this provider. */
export async function signerMappingContext(db: Db | Tx, consumed: ConsumedTransaction): Promise<MappingContext | null> {
  const row = await loadRecipient(db, consumed.row.subjectRef);
  if (!row) return null;
  const r = row.r;
  const custom = r.auth.providers.find((p) => p.providerId === consumed.row.providerId)?.customValues ?? {};
  return {
    recipient: {
      ...certificateByField(r.certificate),
      email: r.email,
      firstName: r.firstName,
      lastName: r.lastName,
      phone: r.phone,
    },
    custom,
    skipValidate: Boolean(r.options.skipExternalDataValidation),
  };
}

// Back from the provider after the envelope expired (or was finished meanwhile): nothing to authenticate for.
const gone = (r: RecipientRow | undefined, e: { status: EnvelopeRow["status"]; expiresAt: Date | null } | null) =>
  !r || !e || e.status !== "sent" || isExpired(e) || r.status !== "invited";

/**
 * The signer purpose's completion: the engine's outcome, then the sender's filters, then the
 * Update mappings (applied to every recipient of the envelope with the same email address),
 * and the recipient is authenticated for this envelope in this browser only. Any refusal is an
 * AuthenticationFailed row naming the step and the reason; the signer sees one plain message.
 */
export async function completeSigner(
  ctx: ProviderCtx,
  consumed: ConsumedTransaction,
  outcome: FlowOutcome,
): Promise<string> {
  const providerId = consumed.row.providerId;
  return ctx.db.transaction(async (tx) => {
    // The recipient locked, with its envelope's state and the provider, in one statement.
    const [row] = consumed.row.subjectRef
      ? await tx
          .select({
            r: recipients,
            status: envelopes.status,
            expiresAt: envelopes.expiresAt,
            callbackUrls: { status: envelopes.statusCallbackUrl, completion: envelopes.completionCallbackUrl },
            provider: identityProviders,
          })
          .from(recipients)
          .innerJoin(envelopes, eq(envelopes.id, recipients.envelopeId))
          .leftJoin(identityProviders, eq(identityProviders.id, providerId))
          .where(eq(recipients.id, consumed.row.subjectRef))
          .for("update", { of: recipients })
      : [];
    const recipient = row?.r;
    if (!recipient || gone(recipient, row ?? null)) return resumePath("gone");
    const provider = row.provider;
    const allowed = recipient.auth.providers.find((p) => p.providerId === providerId);
    const audit = {
      envelopeId: recipient.envelopeId,
      recipientId: recipient.id,
      actorLabel: fullName(recipient) || recipient.email,
    };
    const providerName = provider?.name ?? "";
    // Who signed in at the provider: the trail keeps it, and the refused browser (only) is shown it.
    const presented = presentedIdentity(outcome);
    const fail = async (step: string, reason: string, mappings: FailedMapping[] = []) => {
      await emitAudit(tx, ctx, {
        ...audit,
        action: "AuthenticationFailed",
        data: {
          providerId,
          providerName,
          step,
          reason,
          ...(presented ? { presented } : {}),
          ...(mappings.length ? { mappings } : {}),
        },
      });
      await tx
        .update(recipients)
        .set({
          lastAuthError: `${step}: ${reason}`.slice(0, 2000),
          lastRefusal: { providerId, presented, browserHash: consumed.row.browserHash },
        })
        .where(eq(recipients.id, recipient.id));
      return resumePath("failed");
    };
    if (!provider || !allowed) return fail("callback", "this provider is not allowed for this recipient");
    if (!outcome.ok) return fail(outcome.error.step, outcome.error.reason, failedMappings(outcome.report));
    const filters = checkFilters(
      allowed.filters.map((f) => ({ field: f.field, operation: f.operation as FilterOperation, value: f.value })),
      identityValues(outcome),
      identityFacts(outcome),
    );
    if (!filters.ok)
      return fail(
        "filter",
        filters.results
          .filter((r) => !r.passed)
          .map((r) => r.reason ?? "failed")
          .join("; "),
      );

    const changes = await applyRecipientUpdates(tx, recipient, proposedUpdates(outcome.mappings));
    await tx
      .update(recipients)
      .set({
        authMethod: "oauth",
        authProviderId: providerId,
        authSubject: outcome.subject,
        authenticatedAt: sql`now()`,
        authBrowserHash: consumed.row.browserHash,
        lastAuthError: null,
        lastRefusal: null,
      })
      .where(and(eq(recipients.id, recipient.id), eq(recipients.status, "invited")));
    const events: AuditInput[] = [
      {
        ...audit,
        action: "AuthenticationSuccess",
        data: {
          providerId,
          providerName,
          subject: outcome.subject,
          authorizationUri: provider.authorizationUri,
          tokenUri: provider.tokenUri,
          claims: (outcome.claims ?? {}) as Record<string, never>,
          resources: outcome.resources.map((r) => ({ name: resourceName(r.uri), uri: r.uri, data: r.data as never })),
        },
      },
      ...changes.map((c) => ({
        ...audit,
        recipientId: c.recipientId,
        action: "RecipientDataUpdated" as const,
        data: { providerName, changes: c.changes },
      })),
    ];
    // SkipExternalDataValidation: the trail says the Validate mappings were not checked.
    if (recipient.options.skipExternalDataValidation)
      events.push({ ...audit, action: "ExternalDataValidationSkipped", data: { providerName } });
    await emitAuditBatch(tx, ctx, events);
    await queueStatusCallback(tx, recipient.envelopeId, "recipient_authenticated", recipient, row.callbackUrls);
    return resumePath("ok");
  });
}

type FailedMapping = { source: string; path: string; field: string; mode: string; reason: string };

/** The refused mappings, from the engine's report (values included only as the reason states them). */
function failedMappings(report: ReportStep[]): FailedMapping[] {
  const step = report.find((r) => r.step === "mapping" && !r.ok);
  const outcomes = (step?.details.outcomes ?? []) as {
    source: string;
    path: string;
    field: string;
    mode: string;
    outcome: string;
    reason: string | null;
  }[];
  return outcomes
    .filter((o) => o.outcome === "invalid")
    .map((o) => ({ source: o.source, path: o.path, field: o.field, mode: o.mode, reason: o.reason ?? "invalid" }));
}

/** The seed's trail names a resource by its last path segment ("license: {...}"). */
function resourceName(uri: string): string {
  try {
    return new URL(uri).pathname.split("/").filter(Boolean).at(-1) ?? uri;
  } catch {
    return uri;
  }
}

/** The signer purpose, registered with the callback by lib/wiring/register-purposes.ts. */
export const signerPurpose: PurposeHandler = { complete: completeSigner, mappingContext: signerMappingContext };

import { z } from "zod";
import { redactSecrets } from "./redact";

// Every audit event, with the only fields it may carry: zod objects drop unknown keys, so a
// token passed by mistake never reaches a row (allow-list by construction).

const Json = z.json();
// Free-form answers of the IdP: keys naming credentials are removed on the way in.
const FreeJson = Json.transform((v) => redactSecrets(v) as z.infer<typeof Json>);
const FreeObject = z
  .record(z.string(), Json)
  .transform((v) => redactSecrets(v) as Record<string, z.infer<typeof Json>>);
const Resource = z.object({ name: z.string().max(200), uri: z.string().max(2000), data: FreeJson });
const Change = z.object({
  field: z.string().max(100),
  from: z.string().max(2000).nullable(),
  to: z.string().max(2000).nullable(),
});
const Id = z.string().uuid();

const envelope = <A extends string, S extends z.ZodRawShape>(action: A, data: S) =>
  z.object({ action: z.literal(action), envelopeId: Id, recipientId: Id.optional(), data: z.object(data) });
/** What a "… and N more refused" row adds to its subject (lib/audit/capped-refusals.ts). */
const REFUSAL_COUNTS = {
  count: z.number().int(),
  from: z.string().max(40),
  to: z.string().max(40),
  lastReason: z.string().max(2000).nullable(),
  lastIp: z.string().max(100).nullable(),
};

const org = <A extends string, S extends z.ZodRawShape>(action: A, data: S) =>
  z.object({ action: z.literal(action), providerId: Id.optional(), data: z.object(data) });

export const ZAuditEvent = z.discriminatedUnion("action", [
  envelope("WorkstepCreated", {}),
  envelope("EnvelopeSent", { name: z.string(), recipients: z.number().int() }),
  envelope("CalledPage", { page: z.string().max(200), language: z.string().max(20) }),
  envelope("AuthenticationSuccess", {
    providerId: Id,
    providerName: z.string(),
    subject: z.string().max(500),
    authorizationUri: z.string().max(2000),
    tokenUri: z.string().max(2000),
    claims: FreeObject.default({}),
    resources: z.array(Resource).default([]),
  }),
  envelope("AuthenticationFailed", {
    providerId: Id.optional(),
    providerName: z.string().optional(),
    method: z.enum(["oauth", "accessCode", "sms"]).optional(),
    step: z.string().max(100),
    reason: z.string().max(2000),
    // The identity the provider presented (its email, else its subject), when it got that far.
    presented: z.string().max(500).optional(),
    // Access / SMS code: wrong codes so far, and whether the recipient is now locked.
    attempts: z.number().int().min(0).optional(),
    locked: z.boolean().optional(),
    // The refused field mappings (path, field, reason), when the mapping step failed.
    mappings: z
      .array(
        z.object({
          source: z.string().max(2000),
          path: z.string().max(500),
          field: z.string().max(100),
          mode: z.string().max(20),
          reason: z.string().max(1000),
        }),
      )
      .max(100)
      .optional(),
  }),
  envelope("CodeAuthenticationSuccess", { method: z.enum(["accessCode", "sms"]) }),
  envelope("RecipientDataUpdated", { providerName: z.string(), changes: z.array(Change) }),
  envelope("AgreementAccepted", {}),
  envelope("PageViewChanged", { page: z.number().int().min(1) }),
  envelope("SignWorkstepDocument", {
    field: z.string().max(200),
    signatureType: z.enum(["Click2Sign", "Draw", "Type"]).optional(),
  }),
  envelope("WorkstepFinished", {}),
  envelope("EnvelopeCompleted", {}),
  // The sealed PDF of one envelope document (docRef ≥ 1) or the certificate of completion (docRef 0).
  envelope("DocumentSealed", {
    docRef: z.number().int().min(0),
    name: z.string().max(300),
    sha256: z.string().length(64),
    originalSha256: z.string().length(64).nullable(),
  }),
  envelope("EnvelopeExpired", { expiredAt: z.string().max(40) }),
  // The sender's actions (lib/envelopes/sender-actions.ts): never the new link or a code.
  envelope("InvitationResent", { recipientId: Id, email: z.string().max(320) }),
  envelope("RecipientUnlocked", { recipientId: Id, email: z.string().max(320), attempts: z.number().int() }),
  envelope("EnvelopeExtended", { from: z.string().max(40).nullable(), to: z.string().max(40), revived: z.boolean() }),
  // settings come from auditSettings(), which drops the secret by construction.
  org("ProviderCreated", { name: z.string(), settings: z.record(z.string(), Json) }),
  org("ProviderChanged", { name: z.string(), changes: z.array(Change), warnings: z.array(z.string()).default([]) }),
  org("ProviderDeleted", { name: z.string() }),
  org("AssignmentInvited", { userId: Id, email: z.string(), providerName: z.string() }),
  org("AssignmentBound", { userId: Id, email: z.string(), providerName: z.string(), subject: z.string().max(500) }),
  org("AssignmentBindingFailed", {
    userId: Id.optional(),
    providerName: z.string(),
    step: z.string().max(100),
    reason: z.string().max(2000),
  }),
  org("AssignmentInvalidated", {
    userId: Id,
    email: z.string(),
    providerName: z.string(),
    reason: z.string().max(500),
  }),
  org("LoginSucceeded", {
    userId: Id,
    email: z.string(),
    method: z.enum(["password", "oauth"]),
    providerName: z.string().optional(),
  }),
  org("LoginFailed", {
    email: z.string().max(320).optional(),
    method: z.enum(["password", "oauth"]),
    reason: z.string().max(500),
    providerName: z.string().optional(),
  }),
  org("UserCreated", { userId: Id, email: z.string() }),
  org("UserChanged", { userId: Id, email: z.string(), changes: z.array(Change) }),
  org("RoleChanged", { roleId: Id, name: z.string(), changes: z.array(Change) }),
  // A user or role write refused because it would give or take a permission the caller does not hold (lib/users/privilege-checks.ts).
  org("PrivilegeEscalationRefused", {
    operation: z.enum(["createUser", "changeUser", "actOnUser", "createRole", "changeRole", "deleteRole"]),
    permissions: z.array(z.string().max(100)).max(50),
    userId: Id.optional(),
    roleId: Id.optional(),
    roleName: z.string().max(200).optional(),
    reason: z.string().max(2000),
  }),
  org("TemplateChanged", { key: z.string().max(100), name: z.string(), changes: z.array(Change) }),
  org("InstanceSettingChanged", { key: z.string().max(100), changes: z.array(Change) }),
  org("SessionRevoked", { userId: Id, reason: z.string().max(200), count: z.number().int() }),
  org("LogoutSucceeded", {
    userId: Id,
    email: z.string(),
    method: z.enum(["password", "oauth"]),
    providerName: z.string().optional(),
    atProvider: z.boolean(),
  }),
  // Back-channel logout (the provider's server called): who it named, how many sessions ended.
  org("BackchannelLogout", {
    providerName: z.string(),
    subject: z.string().max(500).nullable(),
    sidGiven: z.boolean(),
    count: z.number().int(),
  }),
  org("BackchannelLogoutRefused", { providerName: z.string().optional(), reason: z.string().max(2000) }),
  // Refusals past the per-minute cap (lib/audit/capped-refusals.ts), counted and summed up in one row.
  org("BackchannelLogoutRefusedMore", { providerName: z.string(), ...REFUSAL_COUNTS }),
  org("LoginFailedMore", { email: z.string().max(320).nullable(), method: z.literal("password"), ...REFUSAL_COUNTS }),
]);

export type TAuditEvent = z.input<typeof ZAuditEvent>;
export type AuditEvent = z.output<typeof ZAuditEvent>;
export type AuditAction = AuditEvent["action"];
export const AUDIT_ACTIONS = ZAuditEvent.options.map((o) => o.shape.action.value) as AuditAction[];

export const ORG_STREAM = "org";
export const envelopeStream = (envelopeId: string) => `envelope:${envelopeId}`;
export const streamOf = (event: AuditEvent) => ("envelopeId" in event ? envelopeStream(event.envelopeId) : ORG_STREAM);

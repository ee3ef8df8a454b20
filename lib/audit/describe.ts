import type { AuditEvent } from "./events";

const json = (v: unknown) => JSON.stringify(v, null, 1).replace(/\s*\n\s*/g, " ");
const changes = (list: { field: string; from: string | null; to: string | null }[]) =>
  list.map((c) => `${c.field}: '${c.from ?? ""}' → '${c.to ?? ""}'`).join(", ");

const moreRefused = (d: { count: number; from: string; to: string; lastReason: string | null }) =>
  `… and ${d.count} more refused between ${d.from} and ${d.to}, counted but not recorded one by one${d.lastReason ? ` (last reason: ${d.lastReason})` : ""}`;

/** The human sentence of the audit trail table's Description column (the seed's wording where it has one). */
export function describeEvent(e: AuditEvent): string {
  switch (e.action) {
    case "WorkstepCreated":
      return "Workstep created";
    case "EnvelopeSent":
      return `Envelope '${e.data.name}' sent to ${e.data.recipients} recipient(s)`;
    case "CalledPage":
      return `${e.data.page} with language code '${e.data.language}' loaded`;
    case "AuthenticationSuccess": {
      const base = `Authenticated with provider '${e.data.providerName}' and id '${e.data.subject}' Authorization URI: ${e.data.authorizationUri} Token URI: ${e.data.tokenUri}`;
      if (e.data.resources.length === 0) return base;
      return `${base} The following additional resources have been acquired: ${e.data.resources.map((r) => `${r.name}: ${json(r.data)}`).join(" ")}`;
    }
    case "AuthenticationFailed":
      return `Authentication${e.data.providerName ? ` with provider '${e.data.providerName}'` : e.data.method === "sms" ? " with an SMS code" : e.data.method === "accessCode" ? " with the access code" : ""}${e.data.presented ? ` as '${e.data.presented}'` : ""} failed at step '${e.data.step}': ${e.data.reason}${e.data.locked ? " (locked: no more attempts)" : ""}`;
    case "CodeAuthenticationSuccess":
      return `Authenticated with ${e.data.method === "sms" ? "an SMS code" : "the access code"}`;
    case "RecipientDataUpdated":
      return `Recipient data updated from provider '${e.data.providerName}': ${changes(e.data.changes)}`;
    case "AgreementAccepted":
      return "Agreement has been accepted by the user";
    case "PageViewChanged":
      return `Page ${e.data.page} shown`;
    case "SignWorkstepDocument":
      return `Signature (${e.data.field})${e.data.signatureType === "Draw" ? ": drawn" : e.data.signatureType === "Type" ? ": typed" : ""}`;
    case "DocumentSealed":
      return `${e.data.docRef === 0 ? "Certificate of completion" : `Document '${e.data.name}'`} sealed: SHA-256 ${e.data.sha256}`;
    case "WorkstepFinished":
      return "Workstep finished";
    case "EnvelopeExpired":
      return `Envelope expired at ${e.data.expiredAt}: its signing links no longer work`;
    case "InvitationResent":
      return `Invitation sent again to ${e.data.email}: a new signing link, the previous one no longer works`;
    case "RecipientUnlocked":
      return `Recipient ${e.data.email} unlocked after ${e.data.attempts} wrong code(s): attempts reset`;
    case "EnvelopeExtended":
      return `Envelope expiry extended${e.data.from ? ` from ${e.data.from}` : ""} to ${e.data.to}${e.data.revived ? ": the expired envelope can be signed again" : ""}`;
    case "EnvelopeCompleted":
      return "Envelope completed: all recipients have finished";
    case "ProviderCreated":
      return `Identity provider '${e.data.name}' created`;
    case "ProviderChanged":
      return `Identity provider '${e.data.name}' changed: ${e.data.changes.map((c) => c.field).join(", ")}${e.data.warnings.length ? ` (warning: ${e.data.warnings.join("; ")})` : ""}`;
    case "ProviderDeleted":
      return `Identity provider '${e.data.name}' deleted`;
    case "AssignmentInvited":
      return `${e.data.email} invited to bind an identity of provider '${e.data.providerName}'`;
    case "AssignmentBound":
      return `${e.data.email} bound to provider '${e.data.providerName}' identity '${e.data.subject}'`;
    case "AssignmentBindingFailed":
      return `Binding with provider '${e.data.providerName}' failed at step '${e.data.step}': ${e.data.reason}`;
    case "AssignmentInvalidated":
      return `Assignment of ${e.data.email} to provider '${e.data.providerName}' invalidated: ${e.data.reason}`;
    case "LoginSucceeded":
      return `${e.data.email} signed in with ${e.data.method === "oauth" ? `provider '${e.data.providerName ?? ""}'` : "a password"}`;
    case "LoginFailed":
      return `Sign-in${e.data.email ? ` as ${e.data.email}` : ""} with ${e.data.method === "oauth" ? `provider '${e.data.providerName ?? ""}'` : "a password"} refused: ${e.data.reason}`;
    case "UserCreated":
      return `User ${e.data.email} created`;
    case "UserChanged":
      return `User ${e.data.email} changed: ${changes(e.data.changes)}`;
    case "RoleChanged":
      return `Role '${e.data.name}' changed: ${changes(e.data.changes)}`;
    case "PrivilegeEscalationRefused":
      return `Refused: ${e.data.reason}`;
    case "TemplateChanged":
      return `Notification template '${e.data.name}' changed: ${e.data.changes.map((c) => c.field).join(", ")}`;
    case "InstanceSettingChanged":
      return `Instance setting changed: ${changes(e.data.changes)}`;
    case "SessionRevoked":
      return `${e.data.count} session(s) of a user ended: ${e.data.reason}`;
    case "LogoutSucceeded":
      return `${e.data.email} signed out${e.data.method === "oauth" ? ` (session from provider '${e.data.providerName ?? ""}'; ${e.data.atProvider ? "sent to the provider's end-session endpoint" : "signed out here only"})` : ""}`;
    case "BackchannelLogout":
      return `Provider '${e.data.providerName}' signed out ${e.data.subject ? `identity '${e.data.subject}'` : "a session"}${e.data.sidGiven ? " (by session id)" : ""}: ${e.data.count} session(s) ended`;
    case "BackchannelLogoutRefused":
      return `Back-channel logout${e.data.providerName ? ` from provider '${e.data.providerName}'` : ""} refused: ${e.data.reason}`;
    case "BackchannelLogoutRefusedMore":
      return `Back-channel logout from provider '${e.data.providerName}': ${moreRefused(e.data)}`;
    case "LoginFailedMore":
      return `Sign-in ${e.data.email ? `as ${e.data.email}` : "to unknown accounts"} with a password: ${moreRefused(e.data)}`;
  }
}

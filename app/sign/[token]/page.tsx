import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AuthWindow } from "@/components/signing/auth-window";
import { DelegateButton } from "@/components/signing/delegate-button";
import { RejectButton } from "@/components/signing/reject-button";
import { SigningPanel } from "@/components/signing/signing-panel";
import { Alert } from "@/components/ui/alert";
import { expireIfDue } from "@/lib/envelopes/expiry";
import { findSigning } from "@/lib/envelopes/find-signing";
import { recordPageCall } from "@/lib/envelopes/record-page-call";
import { SIGNER_COOKIE } from "@/lib/envelopes/signer-cookies";
import { pageCtx } from "@/lib/http/page-ctx";
import { When } from "@/components/ui/when";

export const metadata: Metadata = { title: "Sign", referrer: "same-origin" };
export const dynamic = "force-dynamic";

const REASONS = {
  unknown: "This signing link is not valid. Use the newest link the sender mailed you.",
  not_sent: "This envelope is not open for signing.",
} as const;

/** The signing link's page: authentication first where required, then the rendered document with the fields, the agreement, signing. */
export default async function SignPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ auth?: string }>;
}) {
  const { token } = await params;
  const { auth } = await searchParams;
  const ctx = await pageCtx();
  const view = await findSigning(ctx.db, token, (await cookies()).get(SIGNER_COOKIE)?.value);
  // The first signer access after the expiry records it in the envelope's trail.
  if (!view.ok && view.reason === "expired") await expireIfDue(ctx, view.envelopeId);
  if (view.ok && view.recipient.status === "invited") await recordPageCall(ctx, view.recipient);
  return (
    <main className="mx-auto max-w-4xl px-4 py-10">
      {!view.ok && view.reason === "expired" ? (
        <Alert tone="error" title="This envelope has expired">
          It could be signed until <When value={view.expiredAt} />. Ask the sender to send it again.
        </Alert>
      ) : !view.ok && (view.reason === "canceled" || view.reason === "rejected") ? (
        <Alert
          tone="error"
          title={
            view.reason === "canceled"
              ? "The sender canceled this envelope"
              : view.byYou
                ? "You rejected this envelope"
                : "A signer rejected this envelope"
          }
        >
          It can no longer be signed
          {view.endedAt ? (
            <>
              {" "}
              (since <When value={view.endedAt} />)
            </>
          ) : null}
          .{view.reason === "canceled" || view.byYou ? ` Reason: ${view.endReason}` : ""}
        </Alert>
      ) : !view.ok ? (
        <Alert tone="error">{REASONS[view.reason as keyof typeof REASONS]}</Alert>
      ) : (
        <>
          <header className="mb-6">
            <h1 className="text-2xl font-semibold [overflow-wrap:anywhere] text-brand-900">{view.envelope.name}</h1>
            <p className="text-sm text-slate-600">
              From {view.envelope.senderName || view.envelope.senderEmail} to{" "}
              {`${view.recipient.firstName} ${view.recipient.lastName}`.trim() || view.recipient.email}
            </p>
          </header>
          {view.recipient.status === "signed" ? (
            <Alert tone="success" title="You have signed this document">
              Thank you. The sender is told when everyone has signed.
            </Alert>
          ) : view.envelope.status !== "sent" ? (
            <Alert tone="info">This envelope is no longer open for signing.</Alert>
          ) : !view.authenticated ? (
            <AuthWindow
              token={token}
              providers={view.providers}
              accessCode={Boolean(view.recipient.auth.accessCodeHash)}
              sms={view.recipient.auth.sms}
              failed={auth === "failed"}
              refusal={view.refusal}
            />
          ) : (
            <>
              {auth === "ok" ? (
                <Alert tone="success" className="mb-4">
                  You are authenticated. Read the document, accept the agreement and sign.
                </Alert>
              ) : null}
              <SigningPanel
                token={token}
                documents={view.documents}
                agreementAccepted={Boolean(view.recipient.agreementAcceptedAt)}
                agreement={view.agreement ?? undefined}
                signerName={`${view.recipient.firstName} ${view.recipient.lastName}`.trim()}
                fields={view.fields.map((f) => ({
                  id: f.id,
                  docRef: f.docRef,
                  page: f.page,
                  x: f.x,
                  y: f.y,
                  width: f.width,
                  height: f.height,
                  label: f.label,
                  signed: Boolean(f.signedAt),
                  allowed: f.allowedTypes,
                }))}
              />
              <RejectButton token={token} />
              {view.recipient.options.allowDelegation ? <DelegateButton token={token} /> : null}
            </>
          )}
        </>
      )}
    </main>
  );
}

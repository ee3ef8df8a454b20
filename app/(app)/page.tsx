import { EnvelopeList, HomeSection, Quiet, SetupChecklist, ToSignList } from "@/components/home/home-sections";
import { PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { requireUserPage } from "@/lib/auth/current-user";
import { hasPagePermission } from "@/lib/auth/page-permission";
import { getConfig } from "@/lib/config";
import { listHome } from "@/lib/envelopes/list-home";
import { pageCtx } from "@/lib/http/page-ctx";
import { getSetupChecklist } from "@/lib/identity-providers/get-setup-checklist";

export const metadata = { title: "Home" };

/** Home: what this person must do (sign, finish drafts, follow what they sent) and, for an administrator, the setup. */
export default async function HomePage() {
  const user = await requireUserPage();
  const [{ db }, canSend, isAdmin] = await Promise.all([
    pageCtx(user),
    hasPagePermission("send_envelopes"),
    hasPagePermission("configure_identity_providers"),
  ]);
  const [lists, checklist] = await Promise.all([
    listHome(db, { userId: user.id, email: user.email }),
    isAdmin ? getSetupChecklist(db, { smtpConfigured: Boolean(getConfig().smtpUrl) }) : null,
  ]);
  return (
    <>
      <PageHeader title={`Welcome${user.name ? `, ${user.name}` : ""}`}>
        {canSend ? <LinkButton href="/documents/new">Create envelope</LinkButton> : null}
      </PageHeader>
      <div className="space-y-8">
        {checklist ? (
          <HomeSection title="Setup checklist">
            <SetupChecklist items={checklist} />
          </HomeSection>
        ) : null}
        <HomeSection title="Waiting for your signature">
          {lists.toSign.length ? (
            <ToSignList items={lists.toSign} email={user.email} />
          ) : (
            <Quiet>Nothing is waiting for your signature.</Quiet>
          )}
        </HomeSection>
        {canSend || lists.drafts.length ? (
          <HomeSection title="Drafts">
            {lists.drafts.length ? (
              <EnvelopeList items={lists.drafts} label="Drafts" />
            ) : (
              <Quiet>No drafts. Envelopes you save as a draft appear here until you send them.</Quiet>
            )}
          </HomeSection>
        ) : null}
        {canSend || lists.sent.length ? (
          <HomeSection title="Recently sent">
            {lists.sent.length ? (
              <EnvelopeList items={lists.sent} label="Recently sent" />
            ) : (
              <Quiet>You have not sent an envelope yet.</Quiet>
            )}
          </HomeSection>
        ) : null}
      </div>
    </>
  );
}

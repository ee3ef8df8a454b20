import { AgreementForm } from "@/components/agreements/agreement-form";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/empty-state";
import { requireUserPage } from "@/lib/auth/current-user";
import { canOpenPage } from "@/lib/auth/page-permission";
import { loadDefaultAgreement } from "@/lib/envelopes/agreements";
import { pageCtx } from "@/lib/http/page-ctx";
import { saveAgreementAction } from "./actions";

/** Settings → Agreements Configuration: the default agreement signers accept before signing. */
export default async function AgreementsPage() {
  if (!(await canOpenPage("/settings/agreements"))) return <Forbidden />;
  const user = await requireUserPage();
  const current = await loadDefaultAgreement((await pageCtx(user)).db);
  return (
    <>
      <PageHeader title="Agreements Configuration" />
      <p className="mb-4 max-w-3xl text-sm text-slate-500">
        Signers accept this agreement before they sign, unless the envelope&apos;s step brings its own (an
        &quot;Agreements&quot; task with texts by language) and does not set UseDefaultAgreements. The trail records the
        hash of the text each signer accepted.
      </p>
      <AgreementForm action={saveAgreementAction} heading={current.Heading} text={current.Text} />
    </>
  );
}

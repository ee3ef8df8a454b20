import { Plus } from "lucide-react";
import { LoginButtonsSetting } from "@/components/identity-providers/login-buttons-setting";
import { ProviderList } from "@/components/identity-providers/provider-list";
import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { PageHeader } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";
import { canOpenPage } from "@/lib/auth/page-permission";
import { pageCtx } from "@/lib/http/page-ctx";
import { loginButtonsShown } from "@/lib/identity-providers/login-providers";

export const metadata = { title: "Identity Providers" };

export default async function IdentityProvidersPage() {
  if (!(await canOpenPage("/settings/identity-providers"))) return <Forbidden />;
  return (
    <>
      <PageHeader title="Identity Providers">
        <LinkButton href="/settings/identity-providers/new">
          <Plus aria-hidden className="h-4 w-4" />
          ADD PROVIDER
        </LinkButton>
      </PageHeader>
      <p className="-mt-3 mb-6 max-w-3xl text-sm text-slate-500">
        External OAuth 2.0 and OpenID Connect providers through which signers authenticate before signing and users of
        the organisation sign in.
      </p>
      <LoginButtonsSetting shown={await loginButtonsShown((await pageCtx()).db)} />
      <QueryProvider>
        <ProviderList />
      </QueryProvider>
    </>
  );
}

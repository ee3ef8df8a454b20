import { ChangePasswordForm } from "@/components/account/change-password-form";
import { OAuthAssignments } from "@/components/bindings/oauth-assignments";
import { QueryProvider } from "@/components/providers/query-provider";
import { PageHeader } from "@/components/ui/empty-state";
import { UserSessions } from "@/components/users/user-sessions";
import { requireUserPage } from "@/lib/auth/current-user";
import { pageCtx } from "@/lib/http/page-ctx";
import { userAuthenticationProviders } from "@/lib/identity-providers/login-providers";
import { getAccount } from "@/lib/users/get-account";

export const metadata = { title: "Account" };

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="mb-6 rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-6 py-4">
        <h2 id={id} className="text-base font-semibold text-brand-900">
          {title}
        </h2>
        {description ? <p className="mt-1 text-sm text-slate-500">{description}</p> : null}
      </header>
      <div className="px-6 py-5">{children}</div>
    </section>
  );
}

export default async function AccountPage() {
  const current = await requireUserPage();
  const { db } = await pageCtx(current);
  const [user, providers] = await Promise.all([getAccount(db, current.id), userAuthenticationProviders(db)]);
  if (!user) return null;
  const rows: [string, string][] = [
    ["Email", user.email],
    ["First name", user.firstName],
    ["Last name", user.lastName],
    ["Username", user.username ?? ""],
    ["Interface language", user.language],
  ];
  return (
    <>
      <PageHeader title="Account" />
      <Section id="account-profile" title="Profile" description="Administrators change these on Settings → Users.">
        <dl className="grid max-w-xl grid-cols-[10rem_1fr] gap-x-4 gap-y-2 text-sm">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-slate-500">{k}</dt>
              <dd className="text-slate-900">{v || "—"}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section id="account-password" title="Password">
        <ChangePasswordForm hasPassword={user.hasPassword} />
      </Section>
      <Section
        id="account-oauth"
        title="OAuth - Choose One Authentication provider of your account"
        description="Choose a provider: we email you a link; open it and sign in at the provider to bind your account. Then you can sign in here through that provider."
      >
        <QueryProvider>
          <OAuthAssignments userId={user.id} providers={providers} canManage />
        </QueryProvider>
      </Section>
      <QueryProvider>
        <UserSessions userId={user.id} canManage self currentSessionRef={current.sessionRef ?? null} />
      </QueryProvider>
    </>
  );
}

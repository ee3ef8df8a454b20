// User authentication → OAuth assignments on a user's edit page: the providers they can be
// invited to and whether the viewer may change anything (manage_users); the page loads both.
import { OAuthAssignments } from "@/components/bindings/oauth-assignments";
import type { ProviderChoice } from "@/lib/identity-providers/login-providers";

export function OAuthAssignmentsSlot({
  userId,
  providers,
  canManage,
}: {
  userId: string;
  providers: ProviderChoice[];
  canManage: boolean;
}) {
  return (
    <section
      aria-labelledby="user-authentication-label oauth-assignments-heading"
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <header className="border-b border-slate-100 px-6 py-4">
        <p id="user-authentication-label" className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          User authentication
        </p>
        <h2 id="oauth-assignments-heading" className="text-base font-semibold text-brand-900">
          OAuth assignments
        </h2>
        <p className="mt-1 text-sm text-slate-500">
          Adding a provider emails the user a link; they confirm it by signing in at the provider, and can then sign in
          here through it.
        </p>
      </header>
      <div className="px-6 py-5">
        <OAuthAssignments userId={userId} providers={providers} canManage={canManage} />
      </div>
    </section>
  );
}

import { QueryProvider } from "@/components/providers/query-provider";
import { Forbidden } from "@/components/shell/forbidden";
import { EditUser } from "@/components/users/edit-user";
import { OAuthAssignmentsSlot } from "@/components/users/oauth-assignments-slot";
import { UserSessions } from "@/components/users/user-sessions";
import { requireUserPage } from "@/lib/auth/current-user";
import { canOpenPage, hasPagePermission } from "@/lib/auth/page-permission";
import { pageCtx } from "@/lib/http/page-ctx";
import { userAuthenticationProviders } from "@/lib/identity-providers/login-providers";

export const metadata = { title: "User" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// The permission is checked before the id is looked at: a guessed id tells nothing to someone without it.
export default async function UserPage({ params, searchParams }: Props) {
  const [me, canOpen, canManage] = await Promise.all([
    requireUserPage(),
    // Whoever may change users may see them too (lib/auth/pages.ts).
    canOpenPage("/settings/users"),
    hasPagePermission("manage_users"),
  ]);
  if (!canOpen) return <Forbidden />;
  const [{ id }, query, providers] = await Promise.all([
    params,
    searchParams,
    pageCtx(me).then((ctx) => userAuthenticationProviders(ctx.db)),
  ]);
  return (
    <QueryProvider>
      <EditUser
        id={id}
        readOnly={!canManage}
        justCreated={query.created === "1"}
        currentUserId={me.id}
        oauthSlot={
          <>
            <OAuthAssignmentsSlot userId={id} providers={providers} canManage={canManage} />
            <UserSessions userId={id} canManage={canManage} currentSessionRef={me.sessionRef ?? null} />
          </>
        }
      />
    </QueryProvider>
  );
}

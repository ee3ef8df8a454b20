import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { Forbidden } from "@/components/shell/forbidden";
import { EmptyState, PageHeader } from "@/components/ui/empty-state";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requireUserPage } from "@/lib/auth/current-user";
import { canOpenPage, hasPagePermission } from "@/lib/auth/page-permission";
import { callbackSecret } from "@/lib/callbacks/secret";
import { getConfig } from "@/lib/config";
import { CallbackSecret } from "@/components/api-tokens/callback-secret";
import { pageCtx } from "@/lib/http/page-ctx";
import { revokeTokenAction, rotateCallbackSecretAction } from "./actions";
import { ActionForm } from "@/components/ui/action-form";
import { When } from "@/components/ui/when";
import { TableHead } from "@/components/ui/table-frame";

const when = (d: Date | null) => <When value={d} fallback="never" />;

export default async function ApiTokensPage() {
  if (!(await canOpenPage("/settings/api-tokens"))) return <Forbidden />;
  const user = await requireUserPage();
  const { db } = await pageCtx(user);
  const tokens = await listApiTokens(db, user.id);
  // The status callbacks' signing secret (README "Status callbacks"): for who sends envelopes and so sets callback URLs.
  const secret = (await hasPagePermission("send_envelopes"))
    ? await callbackSecret(db, getConfig().encryptionKeys)
    : null;
  return (
    <>
      <PageHeader title="Api Tokens and Apps" />
      <p className="mb-4 max-w-3xl text-sm text-slate-500">
        Integrators call the REST API (<code>/api/v6</code>) with a token as <code>Authorization: Bearer</code>. A token
        acts as you, with your permissions (a read-only one only reads), until it expires (at most a year); only its
        fingerprint is stored.
      </p>
      <CreateTokenForm />
      {secret ? <CallbackSecret secret={secret} rotate={rotateCallbackSecretAction} /> : null}
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens">Create one above.</EmptyState>
      ) : (
        <table className="min-w-full divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white text-sm">
          <TableHead columns={["Name", "Token", "Access", "Created", "Expires", "Last used", "State", ""]} />
          <tbody className="divide-y divide-slate-100">
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className="px-3 py-2">{t.name}</td>
                <td className="px-3 py-2 font-mono text-xs">{t.prefix}…</td>
                <td className="px-3 py-2">{t.readOnly ? "read-only" : "read and write"}</td>
                <td className="px-3 py-2">{when(t.createdAt)}</td>
                <td className="px-3 py-2">{when(t.expiresAt)}</td>
                <td className="px-3 py-2">{when(t.lastUsedAt)}</td>
                <td className="px-3 py-2">{t.revokedAt ? "revoked" : t.expired ? "expired" : "active"}</td>
                <td className="px-3 py-2 text-right">
                  {t.revokedAt ? null : (
                    <ActionForm action={revokeTokenAction}>
                      <input type="hidden" name="id" value={t.id} />
                      <button
                        type="submit"
                        className="text-xs font-medium text-red-700 uppercase hover:underline"
                        aria-label={`Revoke ${t.name}`}
                      >
                        Revoke
                      </button>
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

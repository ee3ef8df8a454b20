import type { ProviderJson } from "@/lib/identity-providers/provider-json";

export const KIND_LABELS: Record<ProviderJson["kind"], string> = {
  oauth2: "OAuth 2.0 (resource URIs)",
  oidc: "OpenID Connect (JWT)",
  both: "Both",
};

export function KindBadge({ kind }: { kind: ProviderJson["kind"] }) {
  return (
    <span className="inline-flex rounded-full bg-brand-50 px-2.5 py-0.5 text-xs font-medium whitespace-nowrap text-brand-700">
      {KIND_LABELS[kind]}
    </span>
  );
}

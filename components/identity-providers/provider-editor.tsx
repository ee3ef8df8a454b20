"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { ApiError, errorMessage, type ApiErrorDetail } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { EditorFooter } from "@/components/ui/editor-footer";
import type { ProviderJson } from "@/lib/identity-providers/provider-json";
import { ZProviderInput, type ProviderInput } from "@/lib/identity-providers/schema";
import { BindingSection } from "./binding-section";
import { ClientAuthSection } from "./client-auth-section";
import { DiscoveryPanel } from "./discovery-panel";
import { EditorHeader } from "./editor-header";
import { mergeDiscovered, newProviderValues, toFormValues, type ProviderFormValues } from "./form-values";
import { GeneralSection } from "./general-section";
import { JwtSection } from "./jwt-section";
import { MappingPreview } from "./mapping-preview";
import { useSaveProvider } from "./queries";
import { ResourceUrisSection } from "./resource-uris-section";
import { applyServerErrors } from "./server-errors";
import { useUnsavedChangesGuard } from "./unsaved-changes";
import { UsageSection } from "./usage-section";
import { useForgetCreatedFlag } from "@/components/ui/use-forget-created-flag";

const LIST = "/settings/identity-providers";

type Banner = { title: string; details: ApiErrorDetail[]; fieldErrors: boolean };

/** Create (no provider) or edit one provider; validated with the schema the API parses with. */
export function ProviderEditor({ provider, justCreated = false }: { provider?: ProviderJson; justCreated?: boolean }) {
  const router = useRouter();
  const form = useForm<ProviderFormValues, unknown, ProviderInput>({
    resolver: zodResolver(ZProviderInput),
    defaultValues: provider ? toFormValues(provider) : newProviderValues(),
  });
  const save = useSaveProvider(provider?.id);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [saved, setSaved] = useState<string | null>(justCreated ? "Saved" : null);
  const [resetKey, setResetKey] = useState(0);
  const dirty = form.formState.isDirty;
  const guard = useUnsavedChangesGuard(dirty);

  useForgetCreatedFlag(justCreated);

  const onSubmit = form.handleSubmit(
    async (values) => {
      setBanner(null);
      setSaved(null);
      try {
        const result = await save.mutateAsync(values);
        form.reset(toFormValues(result));
        setResetKey((k) => k + 1);
        if (!provider) return router.push(`${LIST}/${result.id}?created=1`);
        setSaved("Saved");
      } catch (err) {
        if (!(err instanceof ApiError)) return setBanner({ title: errorMessage(err), details: [], fieldErrors: false });
        const unplaced = applyServerErrors(err.details, form.setError);
        setBanner({ title: err.message, details: unplaced, fieldErrors: unplaced.length < err.details.length });
      }
    },
    () => setBanner({ title: "Some settings need attention", details: [], fieldErrors: true }),
  );

  return (
    <div className="space-y-6">
      {/* The back link, like every in-app link, goes through the unsaved-changes guard. */}
      <EditorHeader provider={provider} />
      {justCreated && provider ? (
        <Alert tone="success" title="Provider created">
          Register the Redirect Uri below at the provider
          {provider.tokenEndpointAuthMethod === "private_key_jwt" ? ", together with this app's JWKS URL" : ""}.
        </Alert>
      ) : null}
      {provider ? null : (
        <DiscoveryPanel
          onDiscovered={(input) => {
            setBanner(null);
            form.reset(mergeDiscovered(form.getValues(), input), { keepDefaultValues: true });
          }}
        />
      )}
      <FormProvider {...form}>
        <form onSubmit={onSubmit} noValidate className="space-y-6">
          {banner ? (
            <Alert tone="error" title={banner.title}>
              {banner.fieldErrors ? <p>The fields concerned are marked below.</p> : null}
              {banner.details.length ? (
                <ul className="list-disc pl-5">
                  {banner.details.map((d) => (
                    <li key={`${d.path}:${d.message}`}>
                      <code className="font-mono text-xs">{d.path}</code>: {d.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </Alert>
          ) : null}
          <GeneralSection provider={provider} resetKey={resetKey} />
          <ClientAuthSection provider={provider} />
          <JwtSection />
          <ResourceUrisSection />
          <MappingPreview providerId={provider?.id} />
          <BindingSection />
          <UsageSection provider={provider} />
          <EditorFooter
            dirty={dirty}
            saving={form.formState.isSubmitting}
            saved={saved}
            onCancel={() => guard.leave(LIST)}
          />
        </form>
      </FormProvider>
      {guard.dialog}
    </div>
  );
}

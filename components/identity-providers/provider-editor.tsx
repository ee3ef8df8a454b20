"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { fieldNamer } from "@/components/data/field-errors";
import { useEditorSubmit } from "@/components/data/use-editor-submit";
import { Alert } from "@/components/ui/alert";
import { EditorFooter } from "@/components/ui/editor-footer";
import { SubmitAlert } from "@/components/ui/submit-alert";
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
import { SectionIndex } from "./section-index";
import { useUnsavedChangesGuard } from "./unsaved-changes";
import { UsageSection } from "./usage-section";
import { useForgetCreatedFlag } from "@/components/ui/use-forget-created-flag";

const LIST = "/settings/identity-providers";
const EDITOR = {
  list: LIST,
  values: toFormValues,
  // Errors about a list as a whole go to the field array's root, where the editor shows them.
  fields: fieldNamer(Object.keys(newProviderValues()), {
    lists: /^(resourceUris|jwt\.mappings|resourceUris\.\d+\.mappings)$/,
  }),
  invalidTitle: "Some settings need attention",
};

/** Create (no provider) or edit one provider; validated with the schema the API parses with. */
export function ProviderEditor({ provider, justCreated = false }: { provider?: ProviderJson; justCreated?: boolean }) {
  const form = useForm<ProviderFormValues, unknown, ProviderInput>({
    resolver: zodResolver(ZProviderInput),
    defaultValues: provider ? toFormValues(provider) : newProviderValues(),
  });
  const save = useSaveProvider(provider?.id);
  const submit = useEditorSubmit(form, save.mutateAsync, { ...EDITOR, creating: !provider, savedAtFirst: justCreated });
  const guard = useUnsavedChangesGuard(submit.footer.dirty);
  const hasJwt = Boolean(useWatch({ control: form.control, name: "jwt" }));

  useForgetCreatedFlag(justCreated);

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
            submit.setAlert(null);
            form.reset(mergeDiscovered(form.getValues(), input), { keepDefaultValues: true });
          }}
        />
      )}
      <FormProvider {...form}>
        <div className="gap-6 lg:grid lg:grid-cols-[11rem_minmax(0,1fr)]">
          <div className="mb-6 lg:mb-0">
            <SectionIndex hasJwt={hasJwt} />
          </div>
          <form onSubmit={submit.onSubmit} noValidate className="space-y-6">
            {submit.alert ? <SubmitAlert alert={submit.alert} show="paths" /> : null}
            <GeneralSection provider={provider} resetKey={submit.saves} />
            <ClientAuthSection provider={provider} />
            <JwtSection />
            <ResourceUrisSection />
            <MappingPreview providerId={provider?.id} />
            <BindingSection />
            <UsageSection provider={provider} />
            <EditorFooter {...submit.footer} onCancel={() => guard.leave(LIST)} />
          </form>
        </div>
      </FormProvider>
      {guard.dialog}
    </div>
  );
}

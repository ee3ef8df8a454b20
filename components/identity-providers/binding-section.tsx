"use client";

import { FormSection } from "@/components/ui/form-section";
import { TextInput } from "./text-input";

export function BindingSection() {
  return (
    <FormSection
      id="binding"
      title="Account binding"
      description="Which claim identifies the person when a user binds their account to this provider."
    >
      <TextInput
        name="subjectPath"
        label="Subject path"
        mono
        className="md:max-w-md"
        hint={
          <>
            Read from the ID token&apos;s claims (or, without a JWT, from the first resource URI&apos;s answer); it must
            be stable and unique per person at the provider. Default <code className="font-mono">sub</code>. Same path
            syntax as field mappings.
          </>
        }
      />
    </FormSection>
  );
}

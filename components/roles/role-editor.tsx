"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { FormProvider, useForm } from "react-hook-form";
import { fieldNamer } from "@/components/data/field-errors";
import { useEditorSubmit } from "@/components/data/use-editor-submit";
import { Alert } from "@/components/ui/alert";
import { EditorFooter } from "@/components/ui/editor-footer";
import { controlClass, FormField } from "@/components/ui/form-field";
import { FormSection } from "@/components/ui/form-section";
import { SubmitAlert } from "@/components/ui/submit-alert";
import { PERMISSION_KEYS } from "@/lib/users/permission-catalogue";
import type { RoleJson } from "@/lib/users/role-json";
import { ZRoleInput, type RoleInput, type TRoleInput } from "@/lib/users/schema";
import { PermissionGrid } from "./permission-grid";
import { useSaveRole } from "./queries";
import { RoleHeader } from "./role-header";
import { useForgetCreatedFlag } from "@/components/ui/use-forget-created-flag";

const LIST = "/settings/roles";
const toFormValues = (role?: RoleJson): TRoleInput => ({
  name: role?.name ?? "",
  description: role?.description ?? "",
  permissions: role?.permissions ?? Object.fromEntries(PERMISSION_KEYS.map((k) => [k, "FORBID"])),
});
// Name and Description show a message; a problem in the grid is said in the alert.
const EDITOR = { list: LIST, values: toFormValues, fields: fieldNamer(["name", "description"], { depth: "top" }) };

/** A new role (no role) or one role's name, description and permission grid. */
export function RoleEditor({ role, justCreated = false }: { role?: RoleJson; justCreated?: boolean }) {
  const router = useRouter();
  const form = useForm<TRoleInput, unknown, RoleInput>({
    resolver: zodResolver(ZRoleInput),
    defaultValues: toFormValues(role),
  });
  const save = useSaveRole(role?.id);
  const submit = useEditorSubmit(form, save.mutateAsync, { ...EDITOR, creating: !role });
  const { errors } = form.formState;

  useForgetCreatedFlag(justCreated);

  return (
    <div className="space-y-6">
      <RoleHeader role={role} />
      {justCreated && role ? (
        <Alert tone="success" title="Role created">
          Give it to users on their edit page under Roles.
        </Alert>
      ) : null}
      <FormProvider {...form}>
        <form onSubmit={submit.onSubmit} noValidate className="space-y-6">
          {submit.alert ? <SubmitAlert alert={submit.alert} show="title" /> : null}
          <FormSection title="Role" description="How the role appears on the users' edit page.">
            <FormField label="Name" error={errors.name?.message} hint="Unique, whatever the case.">
              {(control) => (
                <input {...control} {...form.register("name")} autoComplete="off" className={controlClass} />
              )}
            </FormField>
            <FormField label="Description" optional error={errors.description?.message}>
              {(control) => (
                <textarea {...control} {...form.register("description")} rows={2} className={controlClass} />
              )}
            </FormField>
          </FormSection>
          <PermissionGrid />
          <EditorFooter {...submit.footer} onCancel={() => router.push(LIST)} />
        </form>
      </FormProvider>
    </div>
  );
}

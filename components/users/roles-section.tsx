"use client";

import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { useRoles } from "@/components/roles/queries";
import { Button } from "@/components/ui/button";
import { FormSection } from "@/components/ui/form-section";
import { PreviewPermissionsDialog } from "./preview-permissions-dialog";
import { RoleCheckboxes } from "./role-checkboxes";
import type { UserFormValues } from "./user-form-fields";

export function RolesSection({ readOnly }: { readOnly: boolean }) {
  const { getValues, setValue } = useFormContext<UserFormValues>();
  const roles = useRoles();
  const [previewing, setPreviewing] = useState(false);
  return (
    <FormSection
      title="Roles"
      description="What the user may do: the permissions of all their roles together (any BLOCK wins, else any ALLOW, else FORBID)."
      actions={
        <Button
          type="button"
          variant="secondary"
          className="px-3 py-1.5 text-xs"
          disabled={!roles.data}
          onClick={() => setPreviewing(true)}
        >
          PREVIEW PERMISSIONS
        </Button>
      }
    >
      <RoleCheckboxes disabled={readOnly} />
      <PreviewPermissionsDialog
        open={previewing}
        onOpenChange={setPreviewing}
        roles={roles.data ?? []}
        initialRoleIds={previewing ? (getValues("roleIds") ?? []) : []}
        onApply={
          readOnly ? undefined : (roleIds) => setValue("roleIds", roleIds, { shouldDirty: true, shouldValidate: true })
        }
      />
    </FormSection>
  );
}

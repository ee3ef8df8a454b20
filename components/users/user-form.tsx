"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import { fieldNamer } from "@/components/data/field-errors";
import { useEditorSubmit } from "@/components/data/use-editor-submit";
import { Alert } from "@/components/ui/alert";
import { EditorFooter } from "@/components/ui/editor-footer";
import { SubmitAlert } from "@/components/ui/submit-alert";
import { ZCreateUserInput, ZUpdateUserInput, type CreateUserInput, type UpdateUserInput } from "@/lib/users/schema";
import type { UserJson } from "@/lib/users/user-json";
import { useSaveUser } from "./queries";
import { AccountSection } from "./account-section";
import { RolesSection } from "./roles-section";
import { UserHeader } from "./user-header";
import type { UserFormValues } from "./user-form-fields";
import { useForgetCreatedFlag } from "@/components/ui/use-forget-created-flag";

const LIST = "/settings/users";

const newUserValues = (): UserFormValues => ({
  email: "",
  firstName: "",
  lastName: "",
  username: "",
  language: "en",
  roleIds: [],
  enabled: true,
  password: "",
});
const toFormValues = (u: UserJson): UserFormValues => ({
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  username: u.username ?? "",
  language: u.language as UserFormValues["language"],
  roleIds: u.roles.map((r) => r.id),
  enabled: u.enabled,
  password: "",
});

// `$.email` → the Email field; `$.roleIds[1]` → the Roles list.
const EDITOR = { list: LIST, values: toFormValues, fields: fieldNamer(Object.keys(newUserValues()), { depth: "top" }) };

/** ADD NEW USER (no user) or the edit page; validated with the schema the API parses with. */
export function UserForm({
  user,
  readOnly = false,
  justCreated = false,
  isSelf = false,
  oauthSlot,
}: {
  user?: UserJson;
  readOnly?: boolean;
  justCreated?: boolean;
  isSelf?: boolean;
  oauthSlot?: ReactNode;
}) {
  const router = useRouter();
  // One form shape for both; the edit page parses with the update schema (no password there).
  const resolver = zodResolver(user ? ZUpdateUserInput : ZCreateUserInput) as unknown as Resolver<
    UserFormValues,
    unknown,
    CreateUserInput | UpdateUserInput
  >;
  const form = useForm<UserFormValues, unknown, CreateUserInput | UpdateUserInput>({
    resolver,
    defaultValues: user ? toFormValues(user) : newUserValues(),
  });
  const save = useSaveUser(user?.id);
  const submit = useEditorSubmit(form, save.mutateAsync, { ...EDITOR, creating: !user });

  useForgetCreatedFlag(justCreated);

  return (
    <div className="space-y-6">
      <UserHeader user={user} />
      {justCreated && user ? (
        <Alert tone="success" title="User created">
          Add OAuth assignments below to let them sign in through an identity provider.
        </Alert>
      ) : null}
      {readOnly ? (
        <Alert tone="info">
          You can view this user. Changing users needs the permission &ldquo;User can create, edit and delete
          users&rdquo;.
        </Alert>
      ) : null}
      <FormProvider {...form}>
        <form onSubmit={submit.onSubmit} noValidate className="space-y-6">
          {submit.alert ? <SubmitAlert alert={submit.alert} show="messages" /> : null}
          <fieldset disabled={readOnly} className="min-w-0">
            <AccountSection user={user} isSelf={isSelf} />
          </fieldset>
          {/* Outside the fieldset: a read-only viewer may still preview the permissions. */}
          <RolesSection readOnly={readOnly} />
          {readOnly ? null : <EditorFooter {...submit.footer} onCancel={() => router.push(LIST)} />}
        </form>
      </FormProvider>
      {oauthSlot}
    </div>
  );
}

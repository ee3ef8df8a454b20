"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import { ApiError, errorMessage, type ApiErrorDetail } from "@/components/data/api-client";
import { Alert } from "@/components/ui/alert";
import { EditorFooter } from "@/components/ui/editor-footer";
import { ZCreateUserInput, ZUpdateUserInput, type CreateUserInput, type UpdateUserInput } from "@/lib/users/schema";
import type { UserJson } from "@/lib/users/user-json";
import { useSaveUser } from "./queries";
import { applyUserServerErrors } from "./server-errors";
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

type Banner = { title: string; details: ApiErrorDetail[]; fieldErrors: boolean };

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
  const [banner, setBanner] = useState<Banner | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useForgetCreatedFlag(justCreated);

  const onSubmit = form.handleSubmit(
    async (values) => {
      setBanner(null);
      setSaved(null);
      try {
        const result = await save.mutateAsync(values);
        if (!user) return router.push(`${LIST}/${result.id}?created=1`);
        form.reset(toFormValues(result));
        setSaved("Saved");
      } catch (err) {
        if (!(err instanceof ApiError)) return setBanner({ title: errorMessage(err), details: [], fieldErrors: false });
        const unplaced = applyUserServerErrors(err.details, form.setError);
        setBanner({ title: err.message, details: unplaced, fieldErrors: unplaced.length < err.details.length });
      }
    },
    () => setBanner({ title: "Some fields need attention", details: [], fieldErrors: true }),
  );

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
        <form onSubmit={onSubmit} noValidate className="space-y-6">
          {banner ? (
            <Alert tone="error" title={banner.title}>
              {banner.fieldErrors ? <p>The fields concerned are marked below.</p> : null}
              {banner.details.map((d) => (
                <p key={`${d.path}:${d.message}`}>{d.message}</p>
              ))}
            </Alert>
          ) : null}
          <fieldset disabled={readOnly} className="min-w-0">
            <AccountSection user={user} isSelf={isSelf} />
          </fieldset>
          {/* Outside the fieldset: a read-only viewer may still preview the permissions. */}
          <RolesSection readOnly={readOnly} />
          {readOnly ? null : (
            <EditorFooter
              dirty={form.formState.isDirty}
              saving={form.formState.isSubmitting}
              saved={saved}
              onCancel={() => router.push(LIST)}
            />
          )}
        </form>
      </FormProvider>
      {oauthSlot}
    </div>
  );
}

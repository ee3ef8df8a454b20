import { setLoginButtonsAction } from "@/app/(app)/settings/identity-providers/actions";
import { Button } from "@/components/ui/button";
import { ActionForm } from "@/components/ui/action-form";

/** The instance setting "OAuth login on the login page": one form, one button that flips it. */
export function LoginButtonsSetting({ shown }: { shown: boolean }) {
  return (
    <ActionForm
      action={setLoginButtonsAction}
      className="mb-6 flex max-w-3xl flex-col items-start justify-between gap-4 rounded-lg border border-slate-200 bg-white px-5 py-4 text-sm sm:flex-row sm:items-center"
    >
      <input type="hidden" name="shown" value={String(!shown)} />
      <div>
        <p className="font-medium text-slate-800">
          OAuth login on the login page:{" "}
          <span className={shown ? "text-emerald-700" : "text-slate-600"}>{shown ? "shown" : "hidden"}</span>
        </p>
        <p className="text-slate-500">
          {shown
            ? "The login page shows a button for each enabled provider used for user authentication."
            : "The login page shows only the password form. Each provider's Logon URL still signs bound users in."}
        </p>
      </div>
      <Button type="submit" variant="secondary" className="shrink-0 whitespace-nowrap">
        {shown ? "Hide the provider buttons" : "Show the provider buttons"}
      </Button>
    </ActionForm>
  );
}

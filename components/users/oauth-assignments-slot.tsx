// PLACEHOLDER for the OAuth assignments feature (another engineer fills this in): the edit page
// renders this below the user form, outside it, and only for an existing user the viewer may see.
// Keep the export, its props and the section's accessible name "User authentication OAuth assignments".

export function OAuthAssignmentsSlot({ userId }: { userId: string }) {
  return (
    <section aria-labelledby="user-authentication-label oauth-assignments-heading" data-user-id={userId} className="rounded-lg border border-dashed border-slate-300 bg-white shadow-sm">
      <header className="border-b border-slate-100 px-6 py-4">
        <p id="user-authentication-label" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          User authentication
        </p>
        <h2 id="oauth-assignments-heading" className="text-base font-semibold text-brand-900">
          OAuth assignments
        </h2>
      </header>
      <p className="px-6 py-5 text-sm text-slate-500">OAuth assignments of this user will be shown and managed here.</p>
    </section>
  );
}

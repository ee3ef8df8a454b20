export function Forbidden() {
  return (
    <section role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-6 py-8">
      <h1 className="text-lg font-semibold text-amber-900">You do not have permission to view this page</h1>
      <p className="mt-1 text-sm text-amber-800">
        Ask an administrator to give one of your roles the permission it needs.
      </p>
    </section>
  );
}

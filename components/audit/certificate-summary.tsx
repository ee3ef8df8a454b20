import type { EnvelopeJson, RecipientJson } from "@/lib/envelopes/get-envelope";
import { When } from "@/components/ui/when";

// The head of an envelope's certificate page (issue 16): what was signed, by whom, and how each
// signer proved who they are; every time in the one format, to the second, with its zone.

function authentication(r: RecipientJson): string {
  if (r.AuthenticationMethod === "oauth") return `Identity provider ${r.AuthenticatedWith ?? ""}`.trim();
  if (r.AuthenticationMethod === "accessCode") return "Access code";
  if (r.AuthenticationMethod === "sms") return "SMS code";
  return { NotRequired: "Not required", Required: "Not yet authenticated", Failed: "Refused", Authenticated: "" }[
    r.AuthenticationState
  ];
}

const name = (r: RecipientJson) => `${r.FirstName} ${r.LastName}`.trim() || r.Email;

export function CertificateSummary({ envelope }: { envelope: EnvelopeJson }) {
  const people = envelope.Steps.flatMap((s) => s.Recipients.map((r) => ({ r, step: s })));
  return (
    <section aria-label="Envelope" className="mb-6 space-y-4 text-sm">
      <dl className="grid grid-cols-[9rem_1fr] gap-x-4 gap-y-1">
        <dt className="text-slate-600">Envelope</dt>
        <dd className="font-semibold">{envelope.Name}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>{envelope.Status}</dd>
        <dt className="text-slate-600">Sender</dt>
        <dd>{envelope.Sender.Name ? `${envelope.Sender.Name} <${envelope.Sender.Email}>` : envelope.Sender.Email}</dd>
        <dt className="text-slate-600">Sent</dt>
        <dd>
          <When value={envelope.SentAt} seconds zone fallback="not sent" />
        </dd>
        <dt className="text-slate-600">Completed</dt>
        <dd>
          <When value={envelope.CompletedAt} seconds zone fallback="not completed" />
        </dd>
      </dl>
      <div>
        <h2 className="mb-1 font-semibold">Documents</h2>
        <ul className="list-disc pl-5">
          {envelope.Documents.map((d) => (
            <li key={d.DocRefNumber}>
              {d.Name} ({d.Pages} {d.Pages === 1 ? "page" : "pages"})
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h2 className="mb-1 font-semibold">Signers and recipients</h2>
        <table className="min-w-full text-left text-sm" aria-label="Signers">
          <thead className="text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="py-1 pr-4">
                Step
              </th>
              <th scope="col" className="py-1 pr-4">
                Name
              </th>
              <th scope="col" className="py-1 pr-4">
                Email
              </th>
              <th scope="col" className="py-1 pr-4">
                Role
              </th>
              <th scope="col" className="py-1 pr-4">
                Authentication
              </th>
              <th scope="col" className="py-1">
                Signed
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map(({ r, step }) => (
              <tr key={r.RecipientId} className="border-t border-slate-200">
                <td className="py-1 pr-4">{step.OrderIndex}</td>
                <td className="py-1 pr-4">{name(r)}</td>
                <td className="py-1 pr-4">{r.Email}</td>
                <td className="py-1 pr-4">{step.RecipientType}</td>
                <td className="py-1 pr-4">{step.RecipientType === "Cc" ? "" : authentication(r)}</td>
                <td className="py-1">
                  <When value={r.SignedAt} seconds zone />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

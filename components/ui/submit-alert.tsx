import type { FormAlert } from "@/components/data/field-errors";
import { Alert } from "./alert";

/**
 * A refused save above its form. `show`: "paths" lists what no field could show with its JSON path
 * (for settings an integrator also reads in the API), "messages" with its message only, "title"
 * gives the server's message alone.
 */
export function SubmitAlert({ alert, show }: { alert: FormAlert; show: "paths" | "messages" | "title" }) {
  if (show === "title") return <Alert tone="error" title={alert.title} />;
  return (
    <Alert tone="error" title={alert.title}>
      {alert.fieldErrors ? <p>The fields concerned are marked below.</p> : null}
      {show === "messages"
        ? alert.details.map((d) => <p key={`${d.path}:${d.message}`}>{d.message}</p>)
        : alert.details.length > 0 && (
            <ul className="list-disc pl-5">
              {alert.details.map((d) => (
                <li key={`${d.path}:${d.message}`}>
                  <code className="font-mono text-xs">{d.path}</code>: {d.message}
                </li>
              ))}
            </ul>
          )}
    </Alert>
  );
}

import type { StreamVerification } from "@/lib/audit/verify-stream";

export function VerifyResult({ result }: { result: StreamVerification }) {
  if (result.valid) {
    return (
      <p
        role="status"
        className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900"
      >
        Integrity verified: all {result.count} events match their hashes and form one unbroken chain.
        {result.headHash ? (
          <span className="mt-1 block font-mono text-xs break-all">Final hash {result.headHash}</span>
        ) : null}
        {result.headSignature ? (
          <span className="mt-1 block font-mono text-xs break-all">
            Event #{result.headSignature.seq} signed (Ed25519) by key {result.headSignature.keyId}:{" "}
            {result.headSignature.signature}
          </span>
        ) : null}
      </p>
    );
  }
  return (
    <p role="status" className="mb-4 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
      Integrity check FAILED at event #{result.firstBroken?.seq}: {result.firstBroken?.reason}.
    </p>
  );
}

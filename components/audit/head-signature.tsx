import type { HeadSignature as THeadSignature } from "@/lib/audit/verify-signatures";

/** The chain head's signature, printed so anyone holding the public key can check it away from the app. */
export function HeadSignature({ signature }: { signature: THeadSignature | null }) {
  if (!signature) return <p className="mt-1">Signature of the last event: none.</p>;
  return (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-2 break-all">
      <dt>Signature of event #{signature.seq} (Ed25519):</dt>
      <dd className="font-mono text-xs">{signature.signature}</dd>
      <dt>Signing key fingerprint:</dt>
      <dd className="font-mono text-xs">{signature.keyId}</dd>
      <dt>Public key (raw Ed25519, base64):</dt>
      <dd className="font-mono text-xs">{signature.publicKey ?? "unknown to this instance"}</dd>
    </dl>
  );
}

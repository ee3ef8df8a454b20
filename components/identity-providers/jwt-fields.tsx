"use client";

import { TextInput } from "./text-input";
import { AlgorithmCheckboxes } from "./algorithm-checkboxes";
import { FieldMappings } from "./field-mappings";
import { JwtChecks } from "./jwt-checks";

export function JwtFields() {
  return (
    <div className="space-y-5 border-l-2 border-brand-100 pl-5">
      <TextInput
        name="jwt.jwksUri"
        label="JSON Web Key Set (JWKS) URI"
        type="url"
        mono
        placeholder="https://idp.example.com/.well-known/jwks.json"
        hint="Where the provider publishes its public signing keys (jwks_uri). The ID token's signature is verified against them; the set is cached and refetched when an unknown key id appears."
      />
      <TextInput
        name="jwt.issuer"
        label="Issuer"
        mono
        placeholder="https://idp.example.com"
        hint="Exactly the iss value of the provider's ID tokens (its issuer identifier)."
      />
      <JwtChecks />
      <TextInput
        name="jwt.clockSkewSeconds"
        label="Allowed clock skew (seconds)"
        type="number"
        className="md:max-w-md"
        hint="Tolerance between this server's clock and the provider's when checking exp, nbf and iat (0 to 600)."
      />
      <AlgorithmCheckboxes />
      <div id="jwt-mappings" className="scroll-mt-4">
        <FieldMappings
          name="jwt.mappings"
          source="the ID token's claims"
          description="Validate or update recipient data with claims of the ID token."
        />
      </div>
    </div>
  );
}

// Pure (the editor imports it): where an issuer's discovery document lives.

const WELL_KNOWN = "/.well-known/openid-configuration";

/** The URL a document must come from: its issuer plus the well-known path (OIDC Discovery 4.3). */
export const wellKnownUrl = (issuer: string) => `${issuer.replace(/\/+$/, "")}${WELL_KNOWN}`;

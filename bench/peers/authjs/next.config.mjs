// The Auth.js peer of bench/logins.ts: a separate minimal Next app, built with
// `npx next build bench/peers/authjs`; it uses the repository's node_modules.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const config = {
  turbopack: { root },
  outputFileTracingRoot: root,
  poweredByHeader: false,
};

export default config;

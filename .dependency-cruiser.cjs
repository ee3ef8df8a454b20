/**
 * The layer rules (README "Where things are"). `npm run lint` runs this; each rule says why in one line.
 * lib/http/layer-rules.test.ts shows each rule firing on a deliberate violation.
 *
 * The order of the layers: each imports only from those listed before it. Keep to it when adding an
 * import; the cycle rules refuse one that closes a loop.
 *   bottom   db/; lib/net, lib/validation, lib/crypto; lib/errors.ts, context.ts, config.ts, database.ts
 *   engine   lib/oauth (imports lib/net only)
 *   domains  lib/audit, sessions, mail, users, identity-providers
 *   flows    lib/flows, bindings, auth (its next-auth adapter redeems provider logins), envelopes, logout;
 *            lib/sealing after envelopes (it reads an envelope's evidence; envelopes only queue its job)
 *   top      lib/http (route and action wrappers), wiring (registers the flow purposes), maintenance, demo,
 *            lib/startup.ts: imported by app/, components/ and instrumentation.ts, never by the layers below.
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "A cycle makes two files one unit: neither can be read, tested or moved alone.",
      severity: "error",
      from: { path: "^(app|components|lib|db)/" },
      to: { circular: true },
    },
    {
      name: "no-cycles-between-lib-domains",
      comment:
        "A lib/ domain depends on another or is depended on, never both: that keeps each domain's order of layers.",
      severity: "error",
      scope: "folder",
      from: { path: "^lib/" },
      to: { path: "^lib/", circular: true },
    },
    {
      name: "oauth-engine-stands-alone",
      comment:
        "The OAuth engine is plain protocol code: no Next, no database, no other domain but the outbound guard (lib/net).",
      severity: "error",
      from: { path: "^lib/oauth/" },
      to: {
        path: [
          "^db/",
          "^app/",
          "^components/",
          "^lib/(?!oauth/|net/)",
          "node_modules/next/",
          "node_modules/next-auth/",
        ],
      },
    },
    {
      name: "components-never-touch-the-database",
      comment: "Components render what lib/ functions return; data access lives in lib/.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^db/" },
    },
    {
      name: "app-reaches-data-through-lib",
      comment:
        "Pages and routes stay thin: they call lib/ functions and the route wrapper's context, never the schema or the client.",
      severity: "error",
      from: { path: "^app/" },
      to: { path: "^db/" },
    },
    {
      name: "db-is-the-bottom-layer",
      comment:
        "The schema and the client know nothing of the domains above them, so lib/ can import db/ without a cycle.",
      severity: "error",
      from: { path: "^db/", pathNot: "^db/test/" },
      to: { path: "^(lib|app|components)/" },
    },
    {
      name: "lib-is-not-a-ui",
      comment: "lib/ holds the rules; it never imports a page or a component (the arrow points from the UI to lib/).",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|components)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["\\.test\\.tsx?$", "^lib/testing/", "^db/test/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};

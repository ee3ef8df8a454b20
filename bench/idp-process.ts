// The test OpenID Provider (e2e/fixtures/oidc-provider.ts) as a bench's child process, so that
// its CPU is counted apart from the app's; and a person's sign-in at it.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { signInAtProvider, type SignInOptions } from "../e2e/fixtures/oidc-login";
import { withTimeout } from "./lib";

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

export const stopChild = (c: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once("exit", () => resolve());
    c.kill("SIGTERM");
  });

export type IdpInfo = {
  issuer: string;
  port: number;
  clients: { basic: { clientId: string; clientSecret?: string } };
  people: Record<string, { username: string; password: string }>;
};

/** e2e/fixtures/oidc-provider.ts in its own process (its CPU is not the app's), redirecting to `redirectPrefix` (one or more). */
export async function startIdp(
  port: number,
  redirectPrefix: string | string[],
): Promise<{ info: IdpInfo; child: ChildProcess }> {
  if (!(await portFree(port))) throw new Error(`Port ${port} (OpenID Provider) is in use: set IDP_PORT`);
  const child = spawn(
    path.join("node_modules", ".bin", "tsx"),
    [
      "e2e/fixtures/run-oidc-provider.ts",
      "--port",
      String(port),
      ...[redirectPrefix].flat().flatMap((prefix) => ["--redirect-prefix", prefix]),
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production" },
    },
  );
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  const info = withTimeout(
    new Promise<IdpInfo>((resolve, reject) => {
      child.stdout!.on("data", (d) => {
        out += d;
        const line = out.split("\n").find((l) => l.startsWith("{") && l.endsWith("}"));
        if (line) resolve(JSON.parse(line) as IdpInfo);
      });
      child.once("exit", (code) => reject(new Error(`The OpenID Provider exited with code ${code}:\n${out}${err}`)));
    }),
    30_000,
    "starting the OpenID Provider",
  ).catch(async (e: unknown) => {
    await stopChild(child);
    throw e;
  });
  return { info: await info, child };
}

/**
 * A person's sign-in at the IdP up to its redirect back to the app, timed (the IdP's time, not the
 * app's). A timeout, or a page where the redirect should be, is thrown as `failure(message)`.
 */
export async function signInForRedirect(
  authorizationUrl: string | URL,
  login: SignInOptions,
  timeoutMs: number,
  failure: (message: string) => Error,
): Promise<{ location: URL; ms: number }> {
  const t = performance.now();
  const outcome = await withTimeout(
    signInAtProvider(authorizationUrl, login),
    timeoutMs,
    "the sign-in at the IdP",
  ).catch((e: unknown) => {
    throw failure(String(e));
  });
  const ms = performance.now() - t;
  if (outcome.kind !== "redirect")
    throw failure(`the IdP answered a page (HTTP ${outcome.status}) at ${outcome.url.pathname}`);
  return { location: outcome.location, ms };
}

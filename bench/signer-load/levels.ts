// One concurrency level of the signer load (each worker a person authenticating in a fresh
// browser, checked against what the database recorded), and the app's CPU per page render.
import os from "node:os";
import { CookieJar } from "../../e2e/fixtures/oidc-login";
import { hashLinkToken } from "../../lib/bindings/link-token";
import type { BenchRun } from "../harness";
import { pool, round, summarise, throughput } from "../lib";
import {
  authenticateSigner,
  getSigningPage,
  SignerFailure,
  type SignerPerson,
  type SignerPhase,
  type SignerTimings,
} from "../signer-flow";

const PHASES: SignerPhase[] = ["open", "start", "callback", "resume", "landing"];

export function signerLevels(run: BenchRun, appUrl: string, phaseTimeLimitMs: number) {
  const { meter } = run;
  /** The last level's authenticated signers: their links and browsers, for pageCpu. */
  const signedIn: { link: string; jar: CookieJar }[] = [];

  async function level(persons: SignerPerson[], links: string[], providerId: string) {
    const timings: SignerTimings[] = [];
    signedIn.length = 0;
    const errors: Record<string, number> = {};
    const examples: string[] = [];
    run.rssPeakKiB = 0;
    const before = await meter.snapshot();
    const { started, timedOut } = await pool(persons, links.length, phaseTimeLimitMs, async (person, i) => {
      try {
        const done = await authenticateSigner(person, { appUrl, providerId, link: links[i]! });
        timings.push(done.timings);
        signedIn.push({ link: links[i]!, jar: done.jar });
      } catch (e) {
        const phase = e instanceof SignerFailure ? e.phase : "other";
        errors[phase] = (errors[phase] ?? 0) + 1;
        if (examples.length < 5) examples.push(e instanceof Error ? e.message : String(e));
      }
    });
    const after = await meter.snapshot();
    const seconds = (after.at - before.at) / 1000;
    // What the database says: each completed flow left an authenticated recipient and its AuthenticationSuccess row.
    const tokens = links.map((l) => l.split("/").at(-1)!);
    const [db] = await run.check!<{ authenticated: number; success: number }[]>`
      with r as (select envelope_id, authenticated_at from recipients where role = 'signer' and link_token_hash = any(${tokens.map(hashLinkToken)}::text[]))
      select (select count(*) from r where authenticated_at is not null)::int authenticated,
        (select count(*) from audit_events a where a.action = 'AuthenticationSuccess' and a.envelope_id in (select envelope_id from r))::int success`;
    const phase = (p: SignerPhase) => summarise(timings.map((t) => t[p]));
    return {
      ...throughput(started, timings.length, timedOut, seconds),
      appLatencyMs: summarise(timings.map((t) => t.start + t.callback + t.resume + t.landing)),
      phasesMs: {
        ...Object.fromEntries(PHASES.map((p) => [p, phase(p)])),
        idpSignIn: summarise(timings.map((t) => t.idp)),
      },
      perFlow: meter.cpuPer(before, after, started),
      peakRssMiB: run.peakRssMiB(),
      loadAverage: os.loadavg().map((l) => round(l)),
      database: db,
      errors: { total: Object.values(errors).reduce((a, b) => a + b, 0), byPhase: errors, examples },
    };
  }

  /**
   * The app's CPU per request for the two page renders of a flow, one request at a time: the
   * signing link in a fresh browser (authentication window) and in the signer's (authenticated).
   */
  async function pageCpu(count: number) {
    const sample = signedIn.slice(0, count);
    const measure = async (get: (s: (typeof sample)[number]) => Promise<void>) => {
      const before = await meter.snapshot();
      for (const s of sample) await get(s);
      return meter.cpuPer(before, await meter.snapshot(), sample.length).appCpuMs;
    };
    return {
      requests: sample.length,
      openPageAppCpuMs: await measure((s) => getSigningPage(new CookieJar(), s.link, "Authenticate to sign")),
      authenticatedPageAppCpuMs: await measure((s) =>
        getSigningPage(s.jar, `${s.link}?auth=ok`, "You are authenticated."),
      ),
    };
  }

  return { level, pageCpu };
}

export type LevelResult = Awaited<ReturnType<ReturnType<typeof signerLevels>["level"]>>;
export type PagesResult = Awaited<ReturnType<ReturnType<typeof signerLevels>["pageCpu"]>>;

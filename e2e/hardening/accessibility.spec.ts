// Issue 16: an accessibility pass (axe-core, WCAG 2.1 A and AA rules) over every page of the
// hardening walk's list (read from app/, so a new page is checked without being listed), the
// sign-in page and the 404. No serious or critical violation may remain.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "../fixtures/session";
import { appPages, fill } from "./routes";
import { idFor, realIds, type RealIds } from "./surface";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const issuer = () => process.env.E2E_IDP_ISSUER!;
let ids: RealIds;

test.beforeAll(async ({ request }) => {
  ids = await realIds(request, {
    name: `Accessibility walk ${Date.now()}`,
    clientId: "client-basic",
    clientSecret: "accessibility-walk-secret",
    authorizationUri: `${issuer()}/auth`,
    tokenUri: `${issuer()}/token`,
    jwt: { jwksUri: `${issuer()}/jwks`, issuer: issuer() },
  });
});

async function expectNoSeriousViolation(page: Page, url: string) {
  await page.goto(url, { waitUntil: "load" });
  // The app's frames are sandboxed on purpose (a mail preview, a PDF) and hold no app UI; axe cannot
  // run inside a frame that forbids scripts and would wait for it forever, so they are left out.
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).exclude("iframe[sandbox]").analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(serious, url).toEqual([]);
}

test("axe: the sign-in page and the 404", async ({ page }) => {
  await expectNoSeriousViolation(page, "/login");
  await expectNoSeriousViolation(page, "/no-such-page");
});

for (const p of appPages()) {
  test(`axe: ${p.pattern}`, async ({ page }) => {
    await signIn(page);
    await expectNoSeriousViolation(page, fill(p.pattern, idFor(ids)));
  });
}

import { expect, test } from "@playwright/test";
import { signIn } from "../fixtures/session";

test("the favicon and the logo are served: no page asks for a file that is not there", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/icon/);
  expect((await icon.body()).readUInt16LE(2)).toBe(1); // an ICO container, not a page
  const logo = await request.get("/logo.svg");
  expect(logo.status()).toBe(200);
  expect(await logo.text()).toContain("<svg");

  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  await page.goto("/login");
  await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute("href", /favicon\.ico|logo\.svg/);
  await signIn(page);
  await expect(page.getByRole("banner").locator('img[src="/logo.svg"]')).toBeVisible();
  expect(missing).toEqual([]);
});

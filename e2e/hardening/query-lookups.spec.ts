// Issue 13 item 11: a query value is looked up only among a map's own keys, so a prototype name
// (`constructor`, `__proto__`, …) is an unknown value, not a 500; an unknown path gets the app's own 404 page.
import { expect, test } from "@playwright/test";

const PROTOTYPE_NAMES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"];

test("the pages that pick a message by a query value answer 200 with the generic message for prototype names", async ({
  request,
}) => {
  const pages = [
    { path: "/bind/result", param: "status", generic: "The sign-in at the provider did not succeed" },
    { path: "/oauth/error", param: "code", generic: "This sign-in can no longer be completed." },
    {
      path: "/login",
      param: "error",
      generic: "The sign-in at your identity provider did not succeed. Please try again.",
    },
    { path: "/login", param: "signedOut", generic: "You have been signed out." },
  ];
  for (const { path, param, generic } of pages) {
    for (const name of PROTOTYPE_NAMES) {
      for (const query of [`${param}=${name}`, `${param}=${name}&${param}=bound`]) {
        const res = await request.get(`${path}?${query}`, { maxRedirects: 0 });
        expect(res.status(), `${path}?${query}`).toBe(200);
        expect(await res.text(), `${path}?${query}`).toContain(generic);
      }
    }
  }
  // A known value still picks its own message.
  expect(await (await request.get("/bind/result?status=bound")).text()).toContain("Your account is connected");
});

test("an unknown path answers 404 with the app's branded page and a way home", async ({ page }) => {
  const res = await page.goto("/no-such-page-here");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the start" })).toHaveAttribute("href", "/");
  await expect(page.getByText("This page could not be found.")).toHaveCount(0);
});

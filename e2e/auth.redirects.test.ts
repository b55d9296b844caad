// Hostile `?from=` values through the real sign-in page in Chromium: after signing in, the browser
// must still be on the app's origin, whatever the link said.
import { expect, newPerson, signIn, signUp, test } from "./fixtures.ts";
import { WEB_URL } from "./stack.ts";

const hostile = [
  "/\t/evil.example",
  "/\\evil.example",
  "/.//evil.example",
  "https://evil.example/dashboard",
  "javascript:alert(1)",
];

for (const from of hostile) {
  test(`signing in from a link with ?from=${JSON.stringify(from)} stays on the app`, async ({ page }) => {
    const person = newPerson("Redirect Tester");
    await signUp(page, person);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto(`/signin?from=${encodeURIComponent(from)}`);
    await signIn(page, person);
    await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
    expect(new URL(page.url()).origin).toBe(WEB_URL);
  });
}

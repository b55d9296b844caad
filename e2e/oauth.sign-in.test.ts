// Sign-in with the run's dev OpenID provider (e2e/stack.ts), in Chromium, as a person clicks through
// it: sign up through the provider, sign out, sign in again; connect it to a password account from
// Settings and disconnect it; the refusal page for an existing account; a spent or forged callback.
import type { Page } from "@playwright/test";
import { actAsClient, expect, newPerson, signUp, test } from "./fixtures.ts";
import { WEB_URL } from "./stack.ts";

/** On the dev provider's own pages: sign in as `email` (verified or not), then allow. */
async function atDevProvider(page: Page, email: string, verified = true) {
  await expect(page.getByRole("heading", { name: /Sign in to continue to/ })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Name").fill("Dev Person");
  await page.getByLabel("This provider has verified the address").setChecked(verified);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Allow" }).click();
}

const newEmail = () => `dev-${crypto.randomUUID().slice(0, 8)}@dev-idp.test`;

test("signs up through the dev provider, signs out, and signs in again with it", async ({ page }) => {
  const email = newEmail();
  await page.goto("/signup");
  await page.getByRole("button", { name: "Continue with Dev OpenID" }).click();
  await atDevProvider(page, email);
  await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
  await page.goto("/settings");
  await expect(page.getByRole("region", { name: "Connected accounts" }).getByText("Dev OpenID")).toBeVisible();
  // No password to give: two-factor says it needs one and where to set it, and asks for none.
  const twoFactor = page.getByRole("region", { name: "Two-factor authentication" });
  await expect(twoFactor.getByRole("link", { name: "get a link by e-mail to set one" })).toHaveAttribute(
    "href",
    "/forgot-password",
  );
  await expect(twoFactor.getByLabel("Your password")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out", exact: true }).first().click();
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole("button", { name: "Continue with Dev OpenID" }).click();
  // The provider remembers the person (its own session) and the consent: straight back.
  await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
});

test("connects the provider to a password account from Settings, then disconnects it", async ({ page }) => {
  const person = newPerson("Grace Hopper");
  await signUp(page, person);
  await page.goto("/settings");
  const connected = page.getByRole("region", { name: "Connected accounts" });
  await connected.getByRole("button", { name: "Connect Dev OpenID" }).click();
  await atDevProvider(page, person.email);
  await expect(page).toHaveURL(`${WEB_URL}/settings`);
  await expect(connected.getByText("Dev OpenID")).toBeVisible();
  await connected.getByRole("button", { name: "Disconnect Dev OpenID" }).click();
  await expect(connected.getByRole("status")).toContainText("Dev OpenID is disconnected.");
  await expect(connected.getByRole("button", { name: "Connect Dev OpenID" })).toBeVisible();
});

test("refuses to join an existing account when the provider has not verified the address", async ({ page, browser }) => {
  const person = newPerson("Mallory Target");
  await signUp(page, person);
  const stranger = await browser.newContext();
  await actAsClient(stranger, "198.51.100.250");
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(`${WEB_URL}/signin`);
  await strangerPage.getByRole("button", { name: "Continue with Dev OpenID" }).click();
  await atDevProvider(strangerPage, person.email, false);
  await expect(strangerPage).toHaveURL(/\/sign-in-problem\?error=account_not_linked/);
  await expect(strangerPage.getByRole("heading", { name: "An account with this e-mail already exists" })).toBeVisible();
  await expect(strangerPage.getByRole("link", { name: "Go to sign in" })).toBeVisible();
  await stranger.close();
});

test("a spent or forged callback shows the problem page, and signs nobody in", async ({ page }) => {
  let callbackUrl = "";
  page.on("request", (request) => {
    if (request.url().startsWith(`${WEB_URL}/api/auth/callback/oidc`)) callbackUrl = request.url();
  });
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with Dev OpenID" }).click();
  await atDevProvider(page, newEmail());
  await expect(page).toHaveURL(`${WEB_URL}/dashboard`);
  await page.context().clearCookies();
  // The same callback again: its state cookie is gone (spent), its code too.
  await page.goto(callbackUrl);
  await expect(page).toHaveURL(/\/sign-in-problem\?error=state_mismatch/);
  await expect(page.getByRole("heading", { name: "This sign-in link is no longer valid" })).toBeVisible();
  const forged = new URL(callbackUrl);
  forged.searchParams.set("state", "forged");
  await page.goto(forged.toString());
  await expect(page).toHaveURL(/\/sign-in-problem/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

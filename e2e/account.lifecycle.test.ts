// The account's life as a person lives it, on the production build with verification on, each
// link read from the dev mailbox in the browser: sign up and verify, forget and reset the
// password, change the e-mail, sign a device out from another, delete the account.
import { resolve } from "node:path";
import type { Page } from "@playwright/test";
import {
  actAsClient,
  addTask,
  expect,
  mailLink,
  mailTo,
  newPerson,
  openMailAndClick,
  sessionOf,
  signIn,
  signUp,
  test,
  watchCsp,
  withoutLiveUpdates,
} from "./fixtures.ts";
import { API_URL } from "./stack.ts";

const SHOTS = resolve(import.meta.dirname, "../docs/screenshots");
const shoot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

test("sign up, open the link from the mailbox, land signed in on the dashboard", async ({ page }) => {
  const ada = newPerson("Ada Lovelace");
  await page.goto("/signup");
  await page.getByLabel("Name").fill(ada.name);
  await page.getByLabel("Email").fill(ada.email);
  await page.getByLabel("Password", { exact: true }).fill(ada.password);
  await page.getByLabel("Confirm password").fill(ada.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeFocused();
  await expect(page.getByText(ada.email)).toBeVisible();

  // Not yet: signing in says to verify, and offers the link again.
  const other = await page.context().browser()?.newContext({ baseURL: page.url() });
  if (!other) throw new Error("no browser");
  await actAsClient(other, "198.51.100.240");
  const elsewhere = await other.newPage();
  await elsewhere.goto("/signin");
  await signIn(elsewhere, ada);
  await expect(elsewhere.getByRole("alert").filter({ hasText: "Verify your email address before signing in" })).toBeVisible();
  await elsewhere.getByRole("button", { name: "Send me the link again" }).click();
  await expect(elsewhere.getByRole("status")).toContainText(`We sent a new link to ${ada.email}`);
  await other.close();
  await expect.poll(async () => (await mailTo(ada.email)).length).toBe(2);

  await openMailAndClick(page, ada.email, /^Verify your e-mail/, "Verify my e-mail");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("forgot password: the link from the mailbox, a new password, the old session thrown out", async ({ page, browser }) => {
  test.slow(); // two browsers, four mails and three sign-ins: the longest journey here
  const grace = newPerson("Grace Hopper");
  await signUp(page, grace);
  await page.goto("/tasks");
  await withoutLiveUpdates(page); // this path is the API's refusal; live: tasks.live.test.ts
  await page.reload();
  await addTask(page, "Before the reset"); // this browser now holds a JWT in memory

  const phone = await browser.newContext({ baseURL: page.url() });
  await actAsClient(phone, "198.51.100.241");
  const other = await phone.newPage();
  const otherViolations = watchCsp(other);
  await other.goto("/signin");
  await other.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(other).toHaveURL(/\/forgot-password$/);
  await other.getByLabel("Email").fill(grace.email);
  await other.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(other.getByRole("status")).toContainText(`If an account exists for ${grace.email}`);
  await openMailAndClick(other, grace.email, /^Reset your/, "Choose a new password");
  // The token came in the link's fragment; the page read it and took it out of the address bar.
  await expect(other.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expect(other).toHaveURL(/\/reset-password$/);
  await other.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
  await other.getByLabel("Confirm new password").fill("a brand new passphrase");
  await other.getByRole("button", { name: "Set new password" }).click();
  await expect(other).toHaveURL(/\/signin\?reason=password-reset$/);
  await expect(other.getByRole("status")).toContainText("Your password was changed");
  await signIn(other, { email: grace.email, password: "a brand new passphrase" });
  await expect(other).toHaveURL(/\/dashboard$/);
  expect(otherViolations).toEqual([]);
  await phone.close();

  // The first browser's session ended with the reset: its next action sends it to sign-in.
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("After the reset");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(page).toHaveURL(/\/signin\?from=%2Ftasks&reason=session-ended$/);
  await signIn(page, grace);
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect
    .poll(async () => (await mailTo(grace.email)).some((mail) => /password was changed$/.test(mail.subject)))
    .toBe(true);

  // The link works once: the spent token is refused when a new password is sent with it.
  await openMailAndClick(page, grace.email, /^Reset your/, "Choose a new password");
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel("New password", { exact: true }).fill("yet another passphrase");
  await page.getByLabel("Confirm new password").fill("yet another passphrase");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This link is not valid any more" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
});

test("change e-mail: the password, then the old address confirms, then the new address's link changes it", async ({ page }) => {
  const katherine = newPerson("Katherine Johnson");
  const newEmail = `katherine-new-${crypto.randomUUID().slice(0, 8)}@example.test`;
  await signUp(page, katherine);
  await page.goto("/settings");
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByLabel("Your current password").fill(katherine.password);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByRole("status")).toContainText(`Open the link we sent to ${katherine.email} to confirm the change`);

  // The old address first: its link opens a page that acts only on a button.
  await openMailAndClick(page, katherine.email, /^Confirm the change of your/, "Confirm the change");
  await expect(page.getByRole("heading", { name: "Confirm the change of your email address" })).toBeVisible();
  await expect(page).toHaveURL(/\/email-change$/);
  expect(await mailTo(newEmail)).toEqual([]);
  await page.getByRole("button", { name: "Yes, change it" }).click();
  await expect(page).toHaveURL(/\/email-change\?result=confirmed$/);
  await expect(page.getByRole("heading", { name: "One more step" })).toBeVisible();

  await openMailAndClick(page, newEmail, /^Confirm your new e-mail/, "Confirm my new e-mail");
  await expect(page).toHaveURL(/\/verify-email\?flow=change-email$/);
  await expect(page.getByRole("heading", { name: "Your email address is changed" })).toBeVisible();
  await expect(page.getByText(`You now sign in with ${newEmail}.`)).toBeVisible();

  await page.getByRole("link", { name: "Back to settings" }).click();
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, { email: newEmail, password: katherine.password });
  await expect(page).toHaveURL(/\/dashboard$/);
  // Mail goes through a queue: a message sent to the new address with the request would have
  // arrived long before the one sent after the old address confirmed. Only that one came.
  expect((await mailTo(newEmail)).map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Confirm your new e-mail/)]);
});

test("change e-mail: 'this wasn't me' from the old address cancels it and signs every device out", async ({ page }) => {
  const dorothy = newPerson("Dorothy Vaughan");
  const newEmail = `dorothy-new-${crypto.randomUUID().slice(0, 8)}@example.test`;
  await signUp(page, dorothy);
  await page.goto("/settings");
  await page.getByLabel("New email address").fill(newEmail);
  await page.getByLabel("Your current password").fill(dorothy.password);
  await page.getByRole("button", { name: "Change email" }).click();
  await expect(page.getByRole("status")).toContainText(`Open the link we sent to ${dorothy.email}`);

  await openMailAndClick(
    page,
    dorothy.email,
    /^Confirm the change of your/,
    "This wasn't me: cancel it and sign out every device",
  );
  await expect(page).toHaveURL(/\/email-change$/);
  await page.getByRole("button", { name: "This wasn't me: cancel it and sign out every device" }).click();
  await expect(page.getByRole("heading", { name: "The change is cancelled" })).toBeVisible();
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/signin/);
  // Mail goes through a queue, so an absence means something only once a later mail has come:
  // a reset link asked for now arrives after anything the change request queued.
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(dorothy.email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await mailLink(dorothy.email, /^Reset your/);
  expect(await mailTo(newEmail)).toEqual([]);
});

test("devices: one signs the other out, whose next action goes to sign-in", async ({ page, browser }) => {
  const margaret = newPerson("Margaret Hamilton");
  await signUp(page, margaret);

  const laptop = await browser.newContext({
    baseURL: page.url(),
    userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  });
  await actAsClient(laptop, "198.51.100.242");
  const other = await laptop.newPage();
  await withoutLiveUpdates(other); // this path is the API's refusal; live: tasks.live.test.ts
  await other.goto("/signin");
  await signIn(other, margaret);
  await expect(other).toHaveURL(/\/dashboard$/);
  await other.goto("/tasks");
  await addTask(other, "Written on the laptop");

  await page.goto("/settings");
  const devices = page.getByRole("region", { name: "Devices" });
  await expect(devices.getByRole("listitem")).toHaveCount(2);
  await expect(devices.getByRole("listitem").filter({ hasText: "This device" })).toHaveCount(1);
  await expect(devices.getByText("Firefox 133 on Linux")).toBeVisible();
  await expect(devices.getByText("198.51.100.242")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await devices.scrollIntoViewIfNeeded();
  await shoot(page, "devices-phone");
  await page.setViewportSize({ width: 1280, height: 800 });
  await devices.getByRole("button", { name: "Sign out Firefox 133 on Linux" }).click();
  await expect(devices.getByRole("status")).toContainText("Firefox 133 on Linux is signed out.");
  await expect(devices.getByRole("listitem")).toHaveCount(1);

  const form = other.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("Written after being signed out");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(other).toHaveURL(/\/signin\?from=%2Ftasks&reason=session-ended$/);
  await laptop.close();
});

test("delete account: the password confirms it; signed out, sign-in fails, the API refuses the old token", async ({
  page,
  request,
}) => {
  const alan = newPerson("Alan Turing");
  await signUp(page, alan);
  await page.goto("/tasks");
  await addTask(page, "Soon gone");
  const { userId, token } = await sessionOf(page);

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Delete account" });
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByText("Enter your password.")).toBeVisible();
  await section.getByLabel("Your password, to confirm").fill("not my password");
  await section.getByRole("button", { name: "Delete my account" }).click();
  await expect(section.getByRole("alert").filter({ hasText: "That password is incorrect." })).toBeVisible();
  await section.getByLabel("Your password, to confirm").fill(alan.password);
  await section.getByRole("button", { name: "Delete my account" }).click();

  await expect(page).toHaveURL(/\/signin\?reason=account-deleted$/);
  await expect(page.getByRole("status")).toContainText("Your account and all of its tasks were deleted");
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/signin\?from=%2Ftasks$/);
  await signIn(page, alan);
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();

  const refused = await request.get(`${API_URL}/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "session_revoked" });
  await expect.poll(async () => (await mailTo(alan.email)).some((mail) => /account was deleted$/.test(mail.subject))).toBe(true);
});

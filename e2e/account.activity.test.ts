// Fresh sign-in and account activity in Chromium against the production build: a session signed
// in more than 10 minutes ago asks "Confirm it's you" before signing the other devices out, then
// does it; Settings → Activity lists what the test did, at the person's local time, and passes axe at
// desktop and phone width (its screenshots are the README's, docs/screenshots/).
import { neon } from "@neondatabase/serverless";
import { pointNeonAtLocalEndpoint } from "../drizzle/neon-local.ts";
import { actAsClient, expect, expectAxeClean, newPerson, SHOTS, signIn, signUp, test, VIEWPORTS } from "./fixtures.ts";
import { WEB_URL } from "./stack.ts";

const PHONE_ADDRESS = "198.51.100.250";
// Not the server's UTC: the pages write every moment in the person's zone, and name it.
test.use({ timezoneId: "Europe/Paris" });

test("a sensitive action asks for a fresh sign-in, then completes; the activity page lists it", async ({
  page,
  browser,
  stack,
}) => {
  test.slow(); // a sign-up, a second browser, then a page at two widths with an axe pass each
  const person = newPerson("Emmy Noether");
  await signUp(page, person);

  // Another device signs in.
  const phone = await browser.newContext({ baseURL: WEB_URL });
  await actAsClient(phone, PHONE_ADDRESS);
  const phonePage = await phone.newPage();
  await phonePage.goto("/signin");
  await signIn(phonePage, person);
  await expect(phonePage).toHaveURL(/\/dashboard$/);

  // This browser's sign-in is now 11 minutes old, as its session row and (once the 5-minute cookie
  // cache is renewed) its cookie say.
  const database = stack.database;
  if (!database) throw new Error("the stack has no database");
  pointNeonAtLocalEndpoint(database.endpointUrl);
  const sql = neon(database.databaseUrl);
  await sql.query(
    `update session set created_at = now() - interval '11 minutes'
     where user_id = (select id from "user" where email = $1) and ip_address is distinct from $2`,
    [person.email, PHONE_ADDRESS],
  );
  await page.context().clearCookies({ name: /session_data/ });

  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out of other sessions" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Your password").fill(person.password);
  await dialog.getByRole("button", { name: "Confirm and continue" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "You are now signed out everywhere else." })).toBeVisible();

  // The other device is signed out: it gets no API token any more (its page may show from the
  // 5-minute cookie cache until then, but the API refuses it at once).
  expect(await phonePage.evaluate(async () => (await fetch("/api/auth/token")).status)).toBe(401);
  await phone.close();

  await page.goto("/settings");
  await page.getByRole("link", { name: "See your account activity" }).click();
  await expect(page).toHaveURL(/\/settings\/activity$/);
  const events = page.getByRole("list", { name: "Account activity" }).getByRole("listitem");
  // Newest first: the fresh sign-in's confirmation came before the sign-out it allowed.
  await expect(events.nth(0)).toContainText("Device signed out");
  await expect(events.nth(1)).toContainText("Signed in with password");
  await expect(events.nth(2)).toContainText("Signed in with password");
  await expect(events.nth(2)).toContainText(PHONE_ADDRESS);
  await expect(events).toHaveCount(3);
  await expect(events.nth(0).locator("time")).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CET$/);

  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    await page.goto("/settings/activity");
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${SHOTS}/activity-${label}.png`, fullPage: true });
    await expectAxeClean(page, `activity at ${label}`);
  }
});

// Two-factor authentication in Chromium: turned on from Settings with a code computed here (as an
// authenticator app would from the key shown), then sign-in asks for a code: a wrong one is
// refused, a code from the app signs in, and so does a recovery code. The new pages at desktop
// and phone width: a screenshot (docs/screenshots/) and an axe pass with no serious or critical
// violations. The fixtures fail the test on any CSP violation (the QR code is inline SVG).
import * as OTPAuth from "otpauth";
import { checkAtBothWidths, expect, newPerson, signIn, signUp, test } from "./fixtures.ts";

/** A 6-digit code that is not the app's now, nor a period either side. */
function wrongCode(totp: OTPAuth.TOTP): string {
  const near = new Set([-1, 0, 1].map((periods) => totp.generate({ timestamp: Date.now() + periods * 30_000 })));
  let code = 123456;
  while (near.has(String(code))) code++;
  return String(code);
}

test("two-factor: turned on with a first code; sign-in refuses a wrong code, takes an app code and a recovery code", async ({
  page,
}) => {
  test.slow(); // a sign-up, the setup, three sign-ins and four pages at two widths with axe
  const person = newPerson("Hedy Lamarr");
  await signUp(page, person);

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Two-factor authentication" });
  await section.getByLabel("Your password").fill(person.password);
  await section.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(section.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await checkAtBothWidths(page, "settings-two-factor-setup", section);

  // What a person types into their app by hand: the key shown as text.
  const key = ((await section.locator("code").textContent()) ?? "").replace(/\s/g, "");
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) });
  const code = section.getByLabel("The 6-digit code from the app");
  await code.fill(wrongCode(totp));
  await section.getByRole("button", { name: "Turn on" }).click();
  await expect(section.getByRole("alert")).toHaveText("That code is not right. Check it and try again.");
  await code.fill(totp.generate());
  await section.getByRole("button", { name: "Turn on" }).click();

  const list = section.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allTextContents();
  await expect(section.getByRole("link", { name: "Download codes" })).toHaveAttribute("download", /recovery-codes/);
  await checkAtBothWidths(page, "settings-two-factor-codes", section);
  await section.getByRole("button", { name: "I have saved them" }).click();
  await expect(section.getByText("On. Signing in asks for a code")).toBeVisible();
  await checkAtBothWidths(page, "settings-two-factor-on", section);

  // Signed out, the password alone no longer signs in: the code step comes next.
  await page.context().clearCookies();
  await page.goto("/signin");
  await signIn(page, person);
  await expect(page).toHaveURL(/\/two-factor$/);
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await checkAtBothWidths(page, "two-factor");
  await page.getByLabel("Code").fill(wrongCode(totp));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("That code is not right. Check it and try again.");
  await expect(page).toHaveURL(/\/two-factor$/);
  await page.getByLabel("Code").fill(totp.generate());
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // Again, with a recovery code instead of the app.
  await page.context().clearCookies();
  await page.goto("/signin");
  await signIn(page, person);
  await expect(page).toHaveURL(/\/two-factor$/);
  await page.getByLabel("Code").fill(recoveryCodes[0] as string);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

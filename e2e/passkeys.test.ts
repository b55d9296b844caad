// Passkeys in Chromium, with its virtual WebAuthn authenticator (the DevTools protocol's WebAuthn
// domain: a platform authenticator that holds discoverable credentials and verifies the user):
// a passkey added in Settings under its name and renamed, used to sign in from the sign-in page (the browser's
// autofill, then the button), shown with when it was last used, then removed (an old sign-in asks
// "Confirm it's you", answered with the passkey), after which it signs no one in. The activity
// page lists it all. Settings → Passkeys and the confirmation at desktop and phone width: a
// screenshot (docs/screenshots/) and axe with nothing serious or critical. The fixtures fail the test on any
// CSP violation.
import { neon } from "@neondatabase/serverless";
import type { CDPSession, Page } from "@playwright/test";
import { pointNeonAtLocalEndpoint } from "../drizzle/neon-local.ts";
import { checkAtBothWidths, expect, newPerson, signUp, test } from "./fixtures.ts";

/** A virtual authenticator in this page's browser, as a phone's or laptop's own (internal, with a PIN or fingerprint). */
async function virtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      // It answers at once, as a person touching the sensor would.
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

test("passkeys: added in Settings, signs in from the sign-in page, confirms a removal, removed; the activity page lists them", async ({
  page,
  stack,
}) => {
  test.slow(); // a sign-up, three passkey ceremonies, and a section and a dialog at two widths with axe
  const { cdp, authenticatorId } = await virtualAuthenticator(page);
  const person = newPerson("Grace Hopper");
  await signUp(page, person);

  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Passkeys" });
  await expect(section.getByText("No passkeys yet.")).toBeVisible();
  await section.getByLabel("Name for the new passkey").fill("Work laptop");
  await section.getByRole("button", { name: "Add a passkey" }).click();
  await expect(section.getByRole("status")).toHaveText("Passkey “Work laptop” added. You can sign in with it now.");
  const passkeys = section.getByRole("list", { name: "Your passkeys" }).getByRole("listitem");
  await expect(passkeys).toHaveCount(1);
  await expect(passkeys.first()).toContainText("Work laptop");
  await expect(passkeys.first()).toContainText("Not used yet");
  // Renamed in place.
  await section.getByRole("button", { name: "Rename passkey Work laptop" }).click();
  await section.getByLabel("New name for Work laptop").fill("Laptop");
  await section.getByRole("button", { name: "Save name" }).click();
  await expect(passkeys.first()).toContainText("Laptop");
  await expect(section.getByRole("button", { name: "Remove passkey Laptop" })).toBeVisible();
  // The authenticator holds it as a discoverable credential for this site.
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials.map((credential) => [credential.rpId, credential.isResidentCredential])).toEqual([["localhost", true]]);

  // Signed out, the sign-in page signs in with it: no address, no password, no code. First through
  // the browser's autofill (conditional UI), which the virtual authenticator answers by itself as
  // soon as the page asks.
  await page.context().clearCookies();
  await page.goto("/signin");
  await expect(page).toHaveURL(/\/dashboard$/);
  // Then with the button, in a browser that has no such autofill.
  await page.addInitScript(() => {
    PublicKeyCredential.isConditionalMediationAvailable = async () => false;
  });
  await page.context().clearCookies();
  await page.goto("/signin");
  // The e-mail field is the one the autofill offers passkeys in.
  await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "username webauthn");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/settings");
  await expect(passkeys.first()).toContainText("Last used");
  await checkAtBothWidths(page, "settings-passkeys", section);

  // Removing it is sensitive: with this sign-in 11 minutes old (the session row, and the cookie
  // cache renewed from it), the page asks "Confirm it's you", and the passkey itself confirms.
  const database = stack.database;
  if (!database) throw new Error("the stack has no database");
  pointNeonAtLocalEndpoint(database.endpointUrl);
  await neon(database.databaseUrl).query(
    `update session set created_at = now() - interval '11 minutes' where user_id = (select id from "user" where email = $1)`,
    [person.email],
  );
  await page.context().clearCookies({ name: /session_data/ });
  await page.goto("/settings");
  await section.getByRole("button", { name: "Remove passkey Laptop" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(dialog.getByLabel("Your password")).toBeVisible();
  await checkAtBothWidths(page, "confirm-its-you", dialog);
  await dialog.getByRole("button", { name: "Use a passkey" }).click();
  await expect(dialog).toBeHidden();
  // Then the removal runs again, and it signs no one in any more.
  await expect(section.getByRole("status")).toHaveText("Passkey “Laptop” removed. It can no longer sign you in.");
  await expect(section.getByText("No passkeys yet.")).toBeVisible();

  await page.goto("/settings/activity");
  const events = page.getByRole("list", { name: "Account activity" }).getByRole("listitem");
  await expect(events.nth(0)).toContainText("Passkey removed");
  await expect(events.nth(1)).toContainText("Signed in with a passkey"); // the confirmation
  await expect(events.nth(2)).toContainText("Signed in with a passkey");
  await expect(events.nth(3)).toContainText("Signed in with a passkey");
  await expect(events.nth(4)).toContainText("Passkey added");

  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That passkey did not sign you in." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
});

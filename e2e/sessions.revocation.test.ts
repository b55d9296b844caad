// Revocation as a person meets it, on the production build: a session signed out from another
// device loses its API access at its very next action, and lands on sign-in with a word about
// why; a browser that comes back to it after its cookie cache lapsed lands there too, once, with
// its cookies cleared (it used to bounce between /dashboard and /signin for ever); a token taken
// before signing out is refused by the API when replayed.
import {
  actAsClient,
  addTask,
  expect,
  newPerson,
  sessionOf,
  signIn,
  signUp,
  test,
  watchCsp,
  withoutLiveUpdates,
} from "./fixtures.ts";
import { API_URL } from "./stack.ts";

test("signing out the other sessions sends the other device to sign-in at its next task action", async ({ page, browser }) => {
  const ada = newPerson("Ada Lovelace");
  await signUp(page, ada);

  const laptop = await browser.newContext({ baseURL: page.url() });
  await actAsClient(laptop, "198.51.100.250");
  const other = await laptop.newPage();
  await withoutLiveUpdates(other); // this path is the API's refusal; live: tasks.live.test.ts
  const otherViolations = watchCsp(other);
  await other.goto("/signin");
  await signIn(other, ada);
  await expect(other).toHaveURL(/\/dashboard$/);
  await other.goto("/tasks");
  await addTask(other, "Written on the laptop"); // the laptop now holds a valid JWT in memory

  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out of other sessions" }).click();
  await expect(page.getByRole("status")).toContainText("You are now signed out everywhere else.");

  // The laptop's cached JWT is still unexpired: only the API's session check can refuse it.
  const form = other.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill("Written after being signed out");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(other).toHaveURL(/\/signin\?from=%2Ftasks&reason=session-ended$/);
  await expect(other.getByRole("status")).toHaveText("Your session has ended. Sign in again to continue.");

  // Signing in again returns the laptop to its page; the refused task was never written.
  await signIn(other, ada);
  await expect(other).toHaveURL(/\/tasks$/);
  await expect(other.getByRole("listitem").filter({ hasText: "Written on the laptop" })).toBeVisible();
  await expect(other.getByRole("listitem").filter({ hasText: "Written after being signed out" })).toHaveCount(0);
  expect(otherViolations).toEqual([]);
  await laptop.close();
});

test("a revoked browser opening /dashboard after its cookie cache lapsed lands on sign-in once, its cookies cleared", async ({
  page,
  browser,
}) => {
  const grace = newPerson("Grace Hopper");
  await signUp(page, grace);

  const laptop = await browser.newContext({ baseURL: page.url() });
  await actAsClient(laptop, "198.51.100.251");
  const other = await laptop.newPage();
  await withoutLiveUpdates(other); // this path is the API's refusal; live: tasks.live.test.ts
  const otherViolations = watchCsp(other);
  await other.goto("/signin");
  await signIn(other, grace);
  await expect(other).toHaveURL(/\/dashboard$/);

  await page.goto("/settings");
  await page.getByRole("button", { name: "Sign out of other sessions" }).click();
  await expect(page.getByRole("status")).toContainText("You are now signed out everywhere else.");

  // Five minutes later the laptop's browser has dropped the cookie cache (its Max-Age): only the
  // session cookie is left, naming a session that no longer exists.
  const authCookies = async () =>
    (await laptop.cookies()).filter((cookie) => cookie.name.includes("better-auth")).map((c) => c.name);
  expect(await authCookies()).toEqual(expect.arrayContaining(["better-auth.session_token", "better-auth.session_data"]));
  await laptop.clearCookies({ name: "better-auth.session_data" });

  const navigations: string[] = [];
  other.on("response", (response) => {
    if (response.request().isNavigationRequest() && response.request().frame() === other.mainFrame()) {
      navigations.push(`${response.status()} ${new URL(response.url()).pathname}`);
    }
  });
  await other.goto("/dashboard");
  await expect(other).toHaveURL(/\/signin\?from=%2Fdashboard&reason=session-ended$/);
  await expect(other.getByRole("status")).toHaveText("Your session has ended. Sign in again to continue.");
  // Through the response that clears the cookie, once: on main it was /dashboard ↔ /signin until the
  // browser gave up (ERR_TOO_MANY_REDIRECTS).
  expect(navigations.filter((each) => each.endsWith(" /dashboard"))).toHaveLength(1);
  expect(navigations).toContain("302 /api/auth/session-ended");
  expect(navigations.at(-1)).toBe("200 /signin");
  expect(navigations.length).toBeLessThanOrEqual(3);
  // The sign-in page's passkey autofill holds a challenge of its own (better-auth-passkey): not the
  // ended session's, and it names no one.
  expect((await authCookies()).filter((name) => name !== "better-auth.better-auth-passkey")).toEqual([]);

  // Sign-in stays served (signing in again is the test above's last step).
  await other.reload();
  await expect(other).toHaveURL(/\/signin\?from=%2Fdashboard&reason=session-ended$/);
  expect(otherViolations).toEqual([]);
  await laptop.close();
});

test("a token taken before signing out is refused by the API when replayed", async ({ page, request }) => {
  await signUp(page, newPerson("Grace Hopper"));
  const { userId, token } = await sessionOf(page);
  const replay = () => request.get(`${API_URL}/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  expect((await replay()).status()).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  const refused = await replay();
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: "session_revoked" });
  expect(refused.headers()["www-authenticate"]).toContain('error="invalid_token"');
});

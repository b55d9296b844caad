// Revocation as a person meets it, on the production build: a session signed out from another
// device loses its API access at its very next action, and lands on sign-in with a word about
// why; a token taken before signing out is refused by the API when replayed.
import { actAsClient, addTask, expect, newPerson, sessionOf, signIn, signUp, test, watchCsp } from "./fixtures.ts";
import { API_URL } from "./stack.ts";

test("signing out the other sessions sends the other device to sign-in at its next task action", async ({ page, browser }) => {
  const ada = newPerson("Ada Lovelace");
  await signUp(page, ada);

  const laptop = await browser.newContext({ baseURL: page.url() });
  await actAsClient(laptop, "198.51.100.250");
  const other = await laptop.newPage();
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

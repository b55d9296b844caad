// What goes wrong at the door, and what one person can never see of another's.
import { actAsClient, addTask, expect, newPerson, revealed, sessionOf, signIn, signUp, test } from "./fixtures.ts";
import { API_URL, WEB_URL } from "./stack.ts";

test("a wrong password shows an error and keeps the person on the sign-in page", async ({ page }) => {
  const bob = newPerson("Bob Builder");
  await signUp(page, bob);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, { email: bob.email, password: "not the password" });
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match" })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByLabel("Email")).toHaveValue(bob.email);
});

// With verification on (as deployed), Better Auth answers a taken address exactly as a new one, so
// that the sign-up form cannot be used to find out who has an account; nothing is created.
test("an email that is already taken answers like a new one, and creates nothing", async ({ page, browser }) => {
  const carol = newPerson("Carol Danvers");
  const first = await browser.newContext();
  await actAsClient(first, "203.0.113.7");
  await signUp(await first.newPage(), carol);
  await first.close();

  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(carol.email);
  await page.getByLabel("Password", { exact: true }).fill("another good password");
  await page.getByLabel("Confirm password").fill("another good password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);
  // Not signed in as anyone: the app still sends this browser to sign-in.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?from=%2Fdashboard$/);
  // Carol's password still works, and "Someone Else"'s does not.
  await signIn(page, { email: carol.email, password: "another good password" });
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await page.getByLabel("Email").fill("");
  await signIn(page, carol);
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("a second person sees none of the first one's tasks, and the first one's token is refused on their path", async ({
  page,
  browser,
  request,
}) => {
  const dana = newPerson("Dana Scully");
  await signUp(page, dana);
  await page.goto("/tasks");
  await addTask(page, "Dana's secret plan");
  const danaSession = await sessionOf(page);

  const other = await browser.newContext();
  await actAsClient(other, "203.0.113.8");
  const fox = await other.newPage();
  await signUp(fox, newPerson("Fox Mulder"));
  await fox.goto("/tasks");
  // In the main region (streamed content: see `revealed` in fixtures.ts); the absence anywhere.
  await expect(revealed(fox).getByText("No tasks yet")).toBeVisible();
  await expect(fox.getByText("Dana's secret plan")).toHaveCount(0);
  const foxSession = await sessionOf(fox);
  await other.close();

  const intrusion = await request.get(`${API_URL}/api/${foxSession.userId}/tasks`, {
    headers: { Authorization: `Bearer ${danaSession.token}`, Origin: WEB_URL },
  });
  expect(intrusion.status()).toBe(403);
  expect(await intrusion.json()).toMatchObject({ code: "forbidden" });
});

// Faults: what a person sees when a part of the system fails, and that nothing is lost or
// half-written once it is back.
import { addTask, expect, newPerson, sessionOf, signUp, test } from "./fixtures.ts";
import { API_URL } from "./stack.ts";

test("API worker down: the page shows an error with a retry, and the typed text is kept", async ({ page, stack }) => {
  await signUp(page, newPerson("Grace Hopper"));
  await page.goto("/tasks");
  await addTask(page, "Before the outage");

  await stack.stopApi();
  try {
    const form = page.getByRole("region", { name: "Add a task" });
    await form.getByLabel("Title").fill("Typed during the outage");
    await form.getByLabel("Description (optional)").fill("must not be lost");
    await form.getByRole("button", { name: "Add task" }).click();
    await expect(form.getByRole("alert")).toContainText("Cannot reach the tasks API");
    await expect(form.getByLabel("Title")).toHaveValue("Typed during the outage");
    await expect(form.getByLabel("Description (optional)")).toHaveValue("must not be lost");

    await page.reload();
    const listError = page.getByRole("alert").filter({ hasText: "Cannot reach the tasks API" });
    await expect(listError).toBeVisible();
    await form.getByLabel("Title").fill("Typed during the outage");
  } finally {
    await stack.startApi();
  }
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Before the outage" })).toBeVisible();
  const form = page.getByRole("region", { name: "Add a task" });
  await expect(form.getByLabel("Title")).toHaveValue("Typed during the outage");
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Typed during the outage" })).toBeVisible();
});

test("the token expires during a session: it is renewed without a sign-in prompt", async ({ page }) => {
  await page.clock.install();
  await signUp(page, newPerson("Alan Turing"));
  await page.goto("/tasks");
  await addTask(page, "First, with the first token");

  const tokenRequests: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/auth/token") tokenRequests.push(request.url());
  });
  await page.clock.fastForward("16:00"); // past the token's 15 minutes
  await addTask(page, "Then, with a renewed token");
  expect(tokenRequests.length).toBe(1);
  await expect(page).toHaveURL(/\/tasks$/);
});

test("JWKS origin down after warm-up: the API keeps serving", async ({ page, stack, request }) => {
  await signUp(page, newPerson("Katherine Johnson"));
  const { userId, token } = await sessionOf(page);
  const headers = { Authorization: `Bearer ${token}` };
  expect((await request.get(`${API_URL}/api/${userId}/tasks`, { headers })).status()).toBe(200); // warm-up

  await stack.stopWeb(); // the JWKS lives in the web worker
  try {
    const created = await request.post(`${API_URL}/api/${userId}/tasks`, { headers, data: { title: "while the JWKS is down" } });
    expect(created.status()).toBe(201);
    const list = await request.get(`${API_URL}/api/${userId}/tasks`, { headers });
    expect(list.status()).toBe(200);
    expect(JSON.stringify(await list.json())).toContain("while the JWKS is down");
  } finally {
    await stack.startWeb();
  }
});

test("database down: clear 503s, no half-written rows, and the app recovers without a restart", async ({
  page,
  stack,
  request,
}) => {
  await signUp(page, newPerson("Margaret Hamilton"));
  await page.goto("/tasks");
  await addTask(page, "Saved before the outage");
  const { userId, token } = await sessionOf(page);
  const headers = { Authorization: `Bearer ${token}` };

  await stack.stopDatabase();
  try {
    const refused = await request.post(`${API_URL}/api/${userId}/tasks`, { headers, data: { title: "Lost in the outage" } });
    expect(refused.status()).toBe(503);
    expect(await refused.json()).toEqual({
      code: "database_unavailable",
      message: "The database is unreachable; try again shortly.",
    });

    const form = page.getByRole("region", { name: "Add a task" });
    await form.getByLabel("Title").fill("Typed while the database is down");
    await form.getByRole("button", { name: "Add task" }).click();
    await expect(form.getByRole("alert")).toContainText("database is unreachable");
    await expect(form.getByLabel("Title")).toHaveValue("Typed while the database is down");
  } finally {
    await stack.startDatabase();
  }

  const list = await request.get(`${API_URL}/api/${userId}/tasks`, { headers });
  expect(list.status()).toBe(200);
  const titles = ((await list.json()) as { tasks: { title: string }[] }).tasks.map((task) => task.title);
  expect(titles).toEqual(["Saved before the outage"]);

  await page.getByRole("region", { name: "Add a task" }).getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Typed while the database is down" })).toBeVisible();
});

test("sign-in attempts beyond the rate limit get a clear message", async ({ page }) => {
  const eve = newPerson("Eve Attacker");
  await signUp(page, eve);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  // Next's route announcer is an alert too: match the form's message by its text.
  const alert = (text: string) => page.getByRole("alert").filter({ hasText: text });
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email").fill(eve.email);
    await page.getByLabel("Password", { exact: true }).fill(`wrong password ${attempt}`);
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/auth/sign-in/email"));
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect((await answered).status()).toBe(401);
    await expect(alert("do not match")).toBeVisible();
  }
  await page.getByLabel("Password", { exact: true }).fill(eve.password); // even the right one, now
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(alert("Too many attempts. Wait a minute, then try again.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

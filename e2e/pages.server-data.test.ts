// The signed-in pages arrive with the person's data in their first HTML (read on the server,
// through the API worker) and a live ticket for their socket, the browser asks for no token until
// the person acts, and a down API gives the page's error state, never a 500.
import { addTask, expect, newPerson, revealed, signUp, test, untilLive } from "./fixtures.ts";

test("tasks and dashboard carry the tasks in the first HTML; no token is asked for until the person acts", async ({ page }) => {
  await signUp(page, newPerson("Mary Somerville"));
  await page.goto("/tasks");
  await addTask(page, "Read on the server");
  await addTask(page, "Also in the HTML");

  for (const path of ["/tasks", "/dashboard"]) {
    const html = await (await page.request.get(path)).text();
    expect(html, path).toContain("Read on the server");
    expect(html, path).toContain("Also in the HTML");
  }

  const tokenRequests: string[] = [];
  const apiRequests: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname === "/api/auth/token") tokenRequests.push(url.pathname);
    if (/^\/api\/[^/]+\/tasks/.test(url.pathname)) apiRequests.push(url.pathname);
  });
  for (const path of ["/dashboard", "/tasks"]) {
    // The page's live socket is in on the ticket the page arrived with.
    await untilLive(page, () => page.goto(path, { waitUntil: "commit" }));
    await expect(page.getByRole("listitem").filter({ hasText: "Read on the server" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(tokenRequests, path).toEqual([]);
  }
  expect(apiRequests).toEqual([]);

  // The first action asks for a token, once.
  await page.getByRole("checkbox", { name: "Mark “Read on the server” as completed" }).check();
  await expect(page.getByRole("listitem").filter({ hasText: "Read on the server" })).toContainText("Completed");
  expect(tokenRequests).toHaveLength(1);
});

test("the filter in the URL is rendered on the server", async ({ page }) => {
  await signUp(page, newPerson("Emmy Noether"));
  await page.goto("/tasks");
  await addTask(page, "Still to do");
  await addTask(page, "Already done");
  await page.getByRole("checkbox", { name: "Mark “Already done” as completed" }).check();
  await expect(page.getByRole("listitem").filter({ hasText: "Already done" })).toContainText("Completed");

  const html = await (await page.request.get("/tasks?status=completed")).text();
  expect(html).toContain("Already done");
  expect(html).not.toContain("Still to do");
});

test("API worker down on a first load: the pages render with the error state, not a 500", async ({ page, stack }) => {
  await signUp(page, newPerson("Sophie Germain"));
  await stack.stopApi();
  try {
    for (const path of ["/tasks", "/dashboard"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("alert").filter({ hasText: "Cannot reach the tasks API" }).first()).toBeVisible();
      await expect(page.getByRole("region", { name: "Add a task" })).toBeVisible();
    }
  } finally {
    await stack.startApi();
  }
  await page.goto("/tasks");
  await expect(revealed(page).getByText("No tasks yet")).toBeVisible();
});

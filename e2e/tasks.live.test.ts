// Live updates as people meet them, on the production build: two devices of one person see each
// other's create, complete, edit and delete without a reload, and another person sees none of it;
// signing out in one tab ends the other tab's socket and shows the sign-in prompt there at once;
// a change made between the page's render and its socket's hello is caught up on; with the live
// connection failing, the page works as before and says nothing.
import type { BrowserContext, Page } from "@playwright/test";
import {
  actAsClient,
  addTask,
  expect,
  newPerson,
  revealed,
  signIn,
  signUp,
  spokenAlerts,
  test,
  untilLive,
  watchCsp,
} from "./fixtures.ts";

async function secondDevice(page: Page, browser: { newContext(options: object): Promise<BrowserContext> }, address: string) {
  const context = await browser.newContext({ baseURL: page.url() });
  await actAsClient(context, address);
  return context;
}

/** Opens `path` and waits until its live socket is in. */
const gotoLive = (page: Page, path: string) => untilLive(page, () => page.goto(path, { waitUntil: "commit" }));

const item = (page: Page, title: string) => page.getByRole("listitem").filter({ hasText: title });

/** Counts the `change` messages that reach any live socket of `page` from now on. */
function changesReaching(page: Page): { count: number } {
  const received = { count: 0 };
  page.on("websocket", (socket) => {
    if (!socket.url().endsWith("/live")) return;
    socket.on("framereceived", ({ payload }) => {
      if (typeof payload !== "string") return;
      try {
        if ((JSON.parse(payload) as { type?: unknown }).type === "change") received.count++;
      } catch {
        // Not JSON: not a change.
      }
    });
  });
  return received;
}

test("two devices of one person see each other's changes without a reload; another person sees none", async ({
  page,
  browser,
}) => {
  const ada = newPerson("Ada Lovelace");
  await signUp(page, ada);
  const laptop = await secondDevice(page, browser, "198.51.100.240");
  const other = await laptop.newPage();
  const violations = watchCsp(other);
  await other.goto("/signin");
  await signIn(other, ada);
  await expect(other).toHaveURL(/\/dashboard$/);
  const toOther = changesReaching(other);
  await gotoLive(other, "/tasks");
  await gotoLive(page, "/tasks");

  const stranger = await secondDevice(page, browser, "198.51.100.241");
  const strangerPage = await stranger.newPage();
  const toStranger = changesReaching(strangerPage);
  await signUp(strangerPage, newPerson("Grace Hopper"));
  await gotoLive(strangerPage, "/tasks");

  await addTask(page, "Written on the phone");
  await expect(item(other, "Written on the phone")).toBeVisible();
  // The other person's socket heard nothing of it (checked as soon as Ada's other device has it).
  expect(toStranger.count).toBe(0);
  await expect(strangerPage.getByText("on the phone")).toHaveCount(0);

  await other.getByRole("checkbox", { name: "Mark “Written on the phone” as completed" }).check();
  await expect(page.getByRole("checkbox", { name: "Mark “Written on the phone” as completed" })).toBeChecked();

  await page.getByRole("button", { name: "Edit “Written on the phone”" }).click();
  const editor = page.getByRole("form", { name: "Edit “Written on the phone”" });
  await editor.getByLabel("Title").fill("Edited on the phone");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(item(other, "Edited on the phone")).toBeVisible();
  expect(toStranger.count).toBe(0);
  await expect(strangerPage.getByText("on the phone")).toHaveCount(0);

  await other.getByRole("button", { name: "Delete “Edited on the phone”" }).click();
  await other
    .getByRole("group", { name: "Confirm deleting “Edited on the phone”" })
    .getByRole("button", { name: "Delete" })
    .click();
  await expect(item(page, "Edited on the phone")).toHaveCount(0);

  // Each change showed once on the other device: never twice, never flickering back.
  await expect(item(other, "Edited on the phone")).toHaveCount(0);
  // The other person's page never heard of any of it, while Ada's other device heard every change
  // (at least the create and the edit made on the phone: the count counts what arrives).
  await expect(strangerPage.getByText("on the phone")).toHaveCount(0);
  expect(toOther.count).toBeGreaterThanOrEqual(2);
  expect(toStranger.count).toBe(0);
  expect(violations).toEqual([]);
  await laptop.close();
  await stranger.close();
});

test("a task written on another device after the page was rendered, before its socket said hello, appears without a reload", async ({
  page,
  browser,
}) => {
  const ada = newPerson("Ada Byron");
  await signUp(page, ada);
  const laptop = await secondDevice(page, browser, "198.51.100.242");
  const other = await laptop.newPage();
  await other.goto("/signin");
  await signIn(other, ada);
  await expect(other).toHaveURL(/\/dashboard$/);
  await other.goto("/tasks");

  // The page's socket is held back (a slow network, a cold object) until the other device has written.
  let tried: () => void = () => {};
  const socketTried = new Promise<void>((resolve) => (tried = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/live$/, async (socket) => {
    tried();
    await released;
    socket.connectToServer();
  });
  await page.goto("/tasks");
  await expect(revealed(page).getByText("No tasks yet")).toBeVisible();
  // Rendered and hydrated: the page has asked for its socket.
  await socketTried;

  await addTask(other, "Written while the page connected");
  release();
  await expect(item(page, "Written while the page connected")).toBeVisible();
  await laptop.close();
});

test("signing out in one tab closes the other tab's socket and shows the sign-in prompt there", async ({ page, context }) => {
  await signUp(page, newPerson("Alan Turing"));
  await page.goto("/tasks");
  const tab = await context.newPage();
  await gotoLive(tab, "/dashboard");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  // The other tab did nothing: the server closed its socket, and it went to sign-in by itself.
  await expect(tab).toHaveURL(/\/signin\?from=%2Fdashboard&reason=session-ended$/, { timeout: 5_000 });
  await expect(tab.getByRole("status")).toHaveText("Your session has ended. Sign in again to continue.");
});

test("with live updates unavailable, the page works as before and says nothing", async ({ page }) => {
  await page.routeWebSocket(/\/live$/, (socket) => socket.close({ code: 1011, reason: "down" }));
  await signUp(page, newPerson("Katherine Johnson"));
  await page.goto("/tasks");
  await addTask(page, "Saved without live updates");
  // The reload waits for the toggle's answer: a reload while it is in flight would abort it.
  const saved = page.waitForResponse((response) => response.request().method() === "PUT" && response.ok());
  await page.getByRole("checkbox", { name: "Mark “Saved without live updates” as completed" }).check();
  await saved;
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Mark “Saved without live updates” as completed" })).toBeChecked();
  await expect(spokenAlerts(page)).toHaveCount(0);
});

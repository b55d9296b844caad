/**
 * Playwright fixtures: the running stack (once per worker) and helpers that act as a person
 * would, through the pages. Each browser context gets a client address of its own, so Better
 * Auth's per-IP rate limits count each simulated person separately, as on Cloudflare.
 */
import { resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type BrowserContext, test as base, expect, type Locator, type Page } from "@playwright/test";
import { Stack, WEB_URL } from "./stack.ts";

export { expect };

export const PASSWORD = "correct horse battery";

export type Person = { name: string; email: string; password: string };

export function newPerson(name = "Ada Lovelace"): Person {
  return {
    name,
    email: `${name.split(" ")[0]?.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.test`,
    password: PASSWORD,
  };
}

let nextAddress = 1;

/** The running stack's dev mailbox, for the helpers below (one stack per Playwright worker). */
let mailboxUrl = "";

export const test = base.extend<{ clientAddress: string }, { stack: Stack }>({
  stack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => {
      const stack = new Stack();
      await stack.start();
      mailboxUrl = stack.mailboxUrl;
      await use(stack);
      await stack.close();
    },
    { scope: "worker", timeout: 180_000 },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: see above.
  clientAddress: async ({}, use) => {
    await use(`198.51.100.${nextAddress++}`);
  },
  context: async ({ context, clientAddress, stack }, use) => {
    void stack; // the stack must be up before any page opens
    await actAsClient(context, clientAddress);
    await use(context);
  },
  // Every page of every test reports Content-Security-Policy violations; there must be none.
  page: async ({ page }, use) => {
    const violations = watchCsp(page);
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});

/**
 * Collects the page's CSP violations: `securitypolicyviolation` events (from an init script, in
 * every document it loads) and the browser's console reports. A frame-ancestors refusal is the
 * app's policy stopping another site from framing it, not a violation by the app.
 */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    const text = message.text();
    if (/CSP violation|Content Security Policy/i.test(text) && !/frame-ancestors/.test(text)) violations.push(text);
  });
  return violations;
}

/**
 * Requests from `context` to the web worker carry `CF-Connecting-IP: address`, as Cloudflare's
 * edge would set it. Only to the web origin: on cross-origin API calls the extra header would
 * fail the CORS preflight, as it would for a real browser.
 */
export async function actAsClient(context: BrowserContext, address: string) {
  await context.route(`${WEB_URL}/**`, (route) =>
    route.continue({ headers: { ...route.request().headers(), "cf-connecting-ip": address } }),
  );
}

/**
 * Signs up and verifies the address (verification is on, as deployed): the form's "check your
 * inbox", then the link from the dev mailbox, which signs in and lands on the dashboard.
 */
export async function signUp(page: Page, person: Person) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByLabel("Confirm password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await page.goto(await mailLink(person.email, /^Verify your e-mail/));
  await expect(page).toHaveURL(/\/dashboard$/);
}

type Mail = { subject: string; links: string[]; receivedAt: string };

/** Every message to `email`, newest first, from the mailbox's JSON (what a test reads quickly). */
export async function mailTo(email: string): Promise<Mail[]> {
  const response = await fetch(`${mailboxUrl}/api/messages?to=${encodeURIComponent(email)}`);
  return ((await response.json()) as { messages: Mail[] }).messages;
}

/** The action link of the newest message to `email` whose subject matches, waiting for it to arrive. */
export async function mailLink(email: string, subject: RegExp): Promise<string> {
  let found: Mail | undefined;
  await expect
    .poll(async () => {
      found = (await mailTo(email)).find((mail) => subject.test(mail.subject));
      return Boolean(found);
    })
    .toBe(true);
  const link = found?.links.find((each) => new URL(each).pathname !== "/");
  if (!link) throw new Error(`no action link in the mail to ${email}`);
  return link;
}

/**
 * As a person: opens the dev mailbox in the browser, the newest message to `email` with that
 * subject, and clicks its button (`action`); the page follows the link into the app.
 */
export async function openMailAndClick(page: Page, email: string, subject: RegExp, action: string) {
  await mailLink(email, subject); // it has arrived
  await page.goto(mailboxUrl);
  await page.getByRole("row").filter({ hasText: email }).getByRole("link", { name: subject }).first().click();
  await page.getByRole("link", { name: action }).click();
}

export async function signIn(page: Page, person: Pick<Person, "email" | "password">) {
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** The signed-in user's id and a fresh API token, fetched as the page's own code would. */
export async function sessionOf(page: Page): Promise<{ userId: string; token: string }> {
  return page.evaluate(async () => {
    const session = await (await fetch("/api/auth/get-session")).json();
    const { token } = await (await fetch("/api/auth/token")).json();
    return { userId: session.user.id as string, token: token as string };
  });
}

/**
 * Where streamed content is seen: the page's main region. The task list and the dashboard arrive
 * under Suspense, and React streams such content into a hidden element at the end of <body> before
 * revealing it in place, so for a moment the document holds it twice. Role locators skip hidden
 * elements; text and label locators do not, and under load they matched both copies. So: reach
 * streamed content by role (getByRole("checkbox", { name })), or by text inside `revealed(page)`;
 * and check that something is absent on the whole page, hidden copies included.
 */
export const revealed = (page: Page) => page.getByRole("main");

/**
 * The page's live-updates socket opens and hears nothing: no change and no revocation is pushed,
 * so a session ended elsewhere shows itself at the page's next action (the API's refusal), which
 * tests of that path need. With the socket up the page would go to sign-in at once
 * (e2e/tasks.live.test.ts); a socket that failed instead would retry with a fresh token, whose
 * request also finds the ended session, at a moment the test does not control.
 */
export async function withoutLiveUpdates(page: Page) {
  await page.routeWebSocket(/\/live$/, () => {});
}

/**
 * Navigates with `go` and waits until the new document's live socket is in (the server's hello has
 * arrived). `go` must resolve at the navigation's commit (`waitUntil: "commit"`): the page left
 * behind may still be opening a socket of its own, and only sockets created after the commit are
 * the new document's.
 */
export async function untilLive(page: Page, go: () => Promise<unknown>) {
  await go();
  const socket = await page.waitForEvent("websocket", (ws) => ws.url().endsWith("/live"));
  await socket.waitForEvent("framereceived");
}

/**
 * The alerts that say something: Next.js keeps an empty `role="alert"` of its own on every page
 * (the route announcer, which reads out the new title after a client-side navigation).
 */
export const spokenAlerts = (page: Page) => page.getByRole("alert").filter({ hasText: /\S/ });

export async function addTask(page: Page, title: string, description = "") {
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill(title);
  if (description) await form.getByLabel("Description (optional)").fill(description);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: title })).toBeVisible();
}

export const SHOTS = resolve(import.meta.dirname, "../docs/screenshots");
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

/** Axe over the whole page finds nothing serious or critical; `what` names the page in the failure. */
export async function expectAxeClean(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    what,
  ).toEqual([]);
}

/**
 * The page as it is now, at both widths: a screenshot (of `part` only, when given: a section of
 * the long Settings page), and axe over the whole page with nothing serious or critical.
 */
export async function checkAtBothWidths(page: Page, name: string, part?: Locator) {
  for (const [label, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(viewport);
    const path = `${SHOTS}/${name}-${label}.png`;
    await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
    await expectAxeClean(page, `${name} at ${label}`);
  }
  await page.setViewportSize(VIEWPORTS.desktop);
}

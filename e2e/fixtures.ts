/**
 * Playwright fixtures: the running stack (once per worker) and helpers that act as a person
 * would, through the pages. Each browser context gets a client address of its own, so Better
 * Auth's per-IP rate limits count each simulated person separately, as on Cloudflare.
 */
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
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

export const test = base.extend<{ clientAddress: string }, { stack: Stack }>({
  stack: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies by destructuring.
    async ({}, use) => {
      const stack = new Stack();
      await stack.start();
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

export async function signUp(page: Page, person: Person) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByLabel("Confirm password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

export async function signIn(page: Page, person: Pick<Person, "email" | "password">) {
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The signed-in user's id and a fresh API token, fetched as the page's own code would. */
export async function sessionOf(page: Page): Promise<{ userId: string; token: string }> {
  return page.evaluate(async () => {
    const session = await (await fetch("/api/auth/get-session")).json();
    const { token } = await (await fetch("/api/auth/token")).json();
    return { userId: session.user.id as string, token: token as string };
  });
}

export async function addTask(page: Page, title: string, description = "") {
  const form = page.getByRole("region", { name: "Add a task" });
  await form.getByLabel("Title").fill(title);
  if (description) await form.getByLabel("Description (optional)").fill(description);
  await form.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: title })).toBeVisible();
}

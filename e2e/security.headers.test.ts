// The web worker's security headers on its pages and route handlers, as the production build
// serves them, and the settings page refusing to be framed by another site.
import { expect, test } from "./fixtures.ts";

// The jwks loads the auth route: the token and session calls after it are answered before OpenNext (web/lib/auth/direct-auth-route.ts).
const PATHS = [
  "/",
  "/signin",
  "/signup",
  "/settings",
  "/tasks",
  "/api/auth/jwks",
  "/api/auth/get-session",
  "/api/auth/token",
  "/no-such-page",
];

test("every page and route handler sends the security headers", async ({ request, stack }) => {
  void stack; // the stack must be up before the first request
  const missing: string[] = [];
  for (const path of PATHS) {
    const headers = (await request.get(path, { maxRedirects: 0 })).headers();
    const csp = headers["content-security-policy"] ?? "";
    const expected: [string, boolean][] = [
      ["csp frame-ancestors", csp.includes("frame-ancestors 'none'")],
      ["csp object-src", csp.includes("object-src 'none'")],
      ["csp base-uri", csp.includes("base-uri 'self'")],
      ["csp form-action", csp.includes("form-action 'self'")],
      ["x-frame-options", headers["x-frame-options"] === "DENY"],
      ["nosniff", headers["x-content-type-options"] === "nosniff"],
      ["referrer-policy", headers["referrer-policy"] === "strict-origin-when-cross-origin"],
      ["permissions-policy", (headers["permissions-policy"] ?? "").includes("camera=()")],
      ["hsts", (headers["strict-transport-security"] ?? "").includes("max-age=")],
    ];
    for (const [name, ok] of expected) if (!ok) missing.push(`${path}: ${name}`);
  }
  expect(missing).toEqual([]);
});

test("the built scripts and stylesheets are kept by the browser for a year, and sent with nosniff", async ({
  request,
  stack,
}) => {
  void stack;
  const html = await (await request.get("/signin")).text();
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/_next\/static\/[^"?]+)"/g)].map((match) => match[1] as string))];
  expect(assets.some((path) => path.endsWith(".css"))).toBe(true);
  expect(assets.some((path) => path.endsWith(".js"))).toBe(true);
  const wrong: string[] = [];
  for (const path of assets) {
    const response = await request.get(path);
    const headers = response.headers();
    if (response.status() !== 200) wrong.push(`${path}: ${response.status()}`);
    if (headers["cache-control"] !== "public, max-age=31536000, immutable") wrong.push(`${path}: ${headers["cache-control"]}`);
    if (headers["x-content-type-options"] !== "nosniff") wrong.push(`${path}: no nosniff`);
  }
  expect(wrong).toEqual([]);
});

test("pages restrict scripts to the app, with a nonce of their own on every load", async ({ request, stack }) => {
  void stack;
  const nonces = new Set<string>();
  for (const path of ["/", "/signin", "/signup", "/signin"]) {
    const csp = (await request.get(path, { maxRedirects: 0 })).headers()["content-security-policy"] ?? "";
    const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp, path).not.toContain("unsafe-eval");
    expect(csp, path).toMatch(/connect-src 'self' http:\/\/localhost:\d+/);
    nonces.add(nonce as string);
  }
  expect(nonces.size).toBe(4);
});

test("another site cannot frame the settings page", async ({ page, baseURL }) => {
  const refusals: string[] = [];
  page.on("console", (message) => {
    if (/frame-ancestors/i.test(message.text())) refusals.push(message.text());
  });
  // A page of another origin that frames the app's settings page (or the sign-in page it leads to).
  await page.setContent(`<iframe src="${new URL("/settings", baseURL).href}"></iframe>`);
  await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThan(0);
});

// Without an icon of its own, a browser asks for /favicon.ico, a 404 in the console (headless
// Chromium makes that request outside Playwright's sight, hence the check on the declared icon).
test("the landing page declares an icon that loads, and no request of it fails", async ({ page, request, stack }) => {
  void stack;
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(failed).toEqual([]);
  const icon = await page.evaluate(() => document.querySelector('link[rel="icon"]')?.getAttribute("href") ?? null);
  expect(icon).toMatch(/^\/icon\.svg/);
  expect((await request.get(icon ?? "/favicon.ico")).status()).toBe(200);
});

/**
 * The tasks page as a person sees it, for `npm run bench:web`: one user with 12 tasks, warm loads
 * of `/tasks` in Chromium (the production build under `wrangler dev`).
 * - `tasks_in_html`, `dashboard_in_html`: the first HTML response already carries the task titles;
 * - `html_ms`: navigation start to the end of the HTML response (the whole document, including
 *   anything streamed into it); `ttfb_ms`: to its first byte;
 * - `tasks_visible_ms`: navigation start to the moment all 12 titles are rendered text on screen
 *   (a MutationObserver reading `innerText`, which leaves out hidden elements such as React's
 *   not-yet-revealed Suspense content);
 * - `token_requests_before_visible`: `/api/auth/token` requests the page started before that.
 */
import { chromium } from "@playwright/test";
import { median } from "./median.ts";

const TASK_COUNT = 12;
/** The dashboard lists the most recent five. */
const DASHBOARD_RECENT = 5;
const LOADS = 7;
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"];

export type PageLoadFigures = {
  tasks_in_html: boolean;
  dashboard_in_html: boolean;
  ttfb_ms: number;
  html_ms: number;
  tasks_visible_ms: number;
  visible_to_html_ratio: number;
  token_requests_before_visible: number;
};

type Sample = { ttfb: number; html: number; visible: number; tokenRequests: number };

/** Signs a person up and gives them 12 tasks through the API; returns their cookies and titles. */
async function userWithTasks(webOrigin: string, apiOrigin: string) {
  const email = `page-load-${crypto.randomUUID()}@bench.test`;
  const signUp = await fetch(`${webOrigin}/api/auth/sign-up/email`, {
    method: "POST",
    // An address of its own: the rest of the bench has used this minute's sign-ups.
    headers: { "Content-Type": "application/json", Origin: webOrigin, "cf-connecting-ip": "198.51.100.77" },
    body: JSON.stringify({ name: "Bench", email, password: "correct horse battery" }),
  });
  if (!signUp.ok) throw new Error(`sign-up answered ${signUp.status}: ${await signUp.text()}`);
  const cookies = signUp.headers.getSetCookie().map((cookie) => {
    const [pair = ""] = cookie.split(";");
    const at = pair.indexOf("=");
    return { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  const cookieHeader = cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
  const session = (await (await fetch(`${webOrigin}/api/auth/get-session`, { headers: { Cookie: cookieHeader } })).json()) as {
    user: { id: string };
  };
  const { token } = (await (await fetch(`${webOrigin}/api/auth/token`, { headers: { Cookie: cookieHeader } })).json()) as {
    token: string;
  };
  const titles: string[] = [];
  for (let index = 1; index <= TASK_COUNT; index++) {
    const title = `Bench task ${String(index).padStart(2, "0")}`;
    const created = await fetch(`${apiOrigin}/api/${session.user.id}/tasks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title }),
    });
    if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
    titles.push(title);
  }
  return { cookies, cookieHeader, titles };
}

async function htmlContains(url: string, cookieHeader: string, titles: string[]): Promise<boolean> {
  const html = await (await fetch(url, { headers: { Cookie: cookieHeader } })).text();
  return titles.every((title) => html.includes(title));
}

/** Runs in the page before its own scripts: marks when every title is on screen. */
function watchForTitles(titles: string[]) {
  const marks = window as unknown as { __tasksVisibleAt?: number };
  const check = () => {
    if (marks.__tasksVisibleAt || !document.body) return;
    // biome-ignore lint/performance/useDomNodeTextContent: innerText, unlike textContent, leaves out hidden content.
    const text = document.body.innerText;
    if (titles.every((title) => text.includes(title))) marks.__tasksVisibleAt = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

export async function measurePageLoads(
  webOrigin: string,
  apiOrigin: string,
  chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
): Promise<PageLoadFigures> {
  const user = await userWithTasks(webOrigin, apiOrigin);
  const tasksInHtml = await htmlContains(`${webOrigin}/tasks`, user.cookieHeader, user.titles);
  const dashboardInHtml = await htmlContains(`${webOrigin}/dashboard`, user.cookieHeader, user.titles.slice(-DASHBOARD_RECENT));

  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const samples: Sample[] = [];
  try {
    const context = await browser.newContext();
    await context.addCookies(user.cookies.map((cookie) => ({ ...cookie, url: webOrigin })));
    await context.addInitScript(watchForTitles, user.titles);
    const page = await context.newPage();
    // The first load warms the isolates and the browser's cache of the app's scripts.
    for (let load = 0; load <= LOADS; load++) {
      await page.goto(`${webOrigin}/tasks`);
      await page.waitForFunction(() => (window as unknown as { __tasksVisibleAt?: number }).__tasksVisibleAt, null, {
        timeout: 30_000,
      });
      const sample = await page.evaluate(() => {
        const visible = (window as unknown as { __tasksVisibleAt: number }).__tasksVisibleAt;
        const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        const tokenRequests = performance
          .getEntriesByType("resource")
          .filter((entry) => new URL(entry.name).pathname === "/api/auth/token" && entry.startTime < visible).length;
        return { ttfb: navigation?.responseStart ?? 0, html: navigation?.responseEnd ?? 0, visible, tokenRequests };
      });
      if (load > 0) samples.push(sample);
    }
  } finally {
    await browser.close();
  }

  const html = median(samples.map((sample) => sample.html));
  const visible = median(samples.map((sample) => sample.visible));
  return {
    tasks_in_html: tasksInHtml,
    dashboard_in_html: dashboardInHtml,
    ttfb_ms: median(samples.map((sample) => sample.ttfb)),
    html_ms: html,
    tasks_visible_ms: visible,
    visible_to_html_ratio: Number((visible / html).toFixed(2)),
    token_requests_before_visible: Math.max(...samples.map((sample) => sample.tokenRequests)),
  };
}

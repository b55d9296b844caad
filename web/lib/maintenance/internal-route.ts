/**
 * The clean-up (and the mail queue's sending, lib/email/mail-route.ts) runs inside the Next.js bundle (which already carries Drizzle and the Neon driver;
 * a second copy in web/worker.js would put the web worker over its 1.5 MiB gzip budget), at a
 * route that only the worker's own Cron Trigger may reach: web/worker.js hands the scheduled event
 * to OpenNext as a request to CLEAN_UP_PATH, and answers 404 to any request from outside whose
 * path, however spelled, reaches under /api/internal.
 */

export const CLEAN_UP_PATH = "/api/internal/clean-up";
/** The mail queue's consumer (web/worker.js `queue()`) sends each job through this route (lib/email/mail-route.ts). */
export const MAIL_DELIVERY_PATH = "/api/internal/mail";
const INTERNAL = "/api/internal";

/** Whether an outside request's URL names an internal route, in any spelling a router might accept. */
export function isInternalPath(url: string): boolean {
  let path = new URL(url).pathname;
  for (let round = 0; round < 3; round++) {
    try {
      const decoded = decodeURIComponent(path);
      if (decoded === path) break;
      path = decoded;
    } catch {
      // Malformed escapes: judge the text as it stands.
      break;
    }
  }
  const normalised = path
    .replace(/\\/g, "/")
    .replace(/\/{2,}/g, "/")
    .toLowerCase();
  return normalised === INTERNAL || normalised.includes(`${INTERNAL}/`);
}

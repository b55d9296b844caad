/** Database requests counted at the local Neon endpoint: each HTTP request there is one round trip. */
import { env } from "cloudflare:workers";

export const databaseRequests = async () =>
  ((await (await fetch(`${env.NEON_LOCAL_ENDPOINT}/stats`)).json()) as { httpRequests: number }).httpRequests;

/** What `action` asked of the database, background work (`ctx.waitUntil`) included. */
export async function counted<T>(action: () => Promise<T>): Promise<{ requests: number; result: T }> {
  const before = await databaseRequests();
  const result = await action();
  return { requests: (await databaseRequests()) - before, result };
}

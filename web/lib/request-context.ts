/**
 * This request's worker context in server components and route handlers: its bindings, their
 * reading (web/lib/env.ts) and `waitUntil`, looked up once per render (React's `cache`), however
 * many of the layout, the page and the tasks API ask for them.
 */
import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { cache } from "react";
import { readEnv } from "./env.ts";

export const requestContext = cache(async () => {
  const { env: bindings, ctx } = await getCloudflareContext({ async: true });
  return { bindings, env: readEnv(bindings), ctx };
});

/**
 * Whether Better Auth serves a request, decided before its handler runs. The handler counts every
 * request against the rate limit before it routes: a made-up path under /api/auth (or a known path
 * with a method it does not answer) cost a new `rate_limit` row and two database round trips, only
 * to be answered 404.
 *
 * The table is the instance's own (`auth.api`: core endpoints and every plugin's, less the
 * server-only ones and `disabledPaths`), matched with rou3 as better-call's router matches it
 * (same trailing-slash and empty-segment rules), so it follows Better Auth and the plugin list
 * without a hand-kept list.
 */
import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { addRoute, createRouter, findRoute } from "rou3";

type Endpoint = {
  path?: string;
  options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: boolean } };
};

/** The parts of a Better Auth instance the table is read from. */
export type RoutedAuth = {
  api: object;
  options: Pick<BetterAuthOptions, "basePath" | "disabledPaths" | "advanced">;
};

/**
 * The matcher for one instance. Built per request, like the instance (about 60 routes: far below
 * a millisecond), so it can never disagree with the options that instance was made with.
 */
export function servedRoutes(auth: RoutedAuth): (method: string, pathname: string) => boolean {
  const router = createRouter<Endpoint>();
  const disabled = new Set(auth.options.disabledPaths ?? []);
  for (const endpoint of Object.values(auth.api) as Endpoint[]) {
    if (!endpoint.path || !endpoint.options || endpoint.options.metadata?.SERVER_ONLY) continue;
    if (disabled.has(endpoint.path)) continue;
    const methods = [endpoint.options.method ?? ""].flat();
    for (const method of methods) addRoute(router, method, endpoint.path, endpoint);
  }
  const basePath = (auth.options.basePath ?? "/api/auth").replace(/\/+$/, "");
  const skipTrailingSlashes = auth.options.advanced?.skipTrailingSlashes ?? false;
  return (method, pathname) => {
    if (!pathname.startsWith(`${basePath}/`)) return false;
    const path = pathname.slice(basePath.length);
    // better-call's own refusals (router.ts): `//` anywhere, and a trailing slash the route lacks.
    if (/\/{2,}/.test(path)) return false;
    const route = findRoute(router, method, path);
    if (!route?.data) return false;
    return skipTrailingSlashes || path.endsWith("/") === Boolean(route.data.path?.endsWith("/"));
  };
}

/** Whether `auth.handler` would route `request` to one of its endpoints. */
export function servesRequest(auth: RoutedAuth, request: Request): boolean {
  return servedRoutes(auth)(request.method, new URL(request.url).pathname);
}

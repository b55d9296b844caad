/**
 * A browser for the workerd tests: its own client address and cookie jar, sending requests
 * through Better Auth's handler as a person's browser would (cookies kept, replaced and expired
 * from each response's Set-Cookie).
 */
import type { WebBindings } from "../lib/env.ts";
import { authRequest, newClientAddress, ORIGIN, verifyingAuthEnv } from "./workers-helpers.ts";

export type Browser = ReturnType<typeof newBrowser>;

export function newBrowser(env: WebBindings = verifyingAuthEnv, address = newClientAddress()) {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  function keep(response: Response): Response {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((each) => /^\s*max-age=0\s*$/i.test(each)) || value === "";
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  const send = async (path: string, init: RequestInit) =>
    keep(
      await authRequest(
        path,
        { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: cookie(), "cf-connecting-ip": address } },
        env,
      ),
    );

  return {
    address,
    cookie,
    /** The names of the cookies it holds. */
    cookieNames: () => [...jar.keys()],
    post: (path: string, body: unknown) =>
      send(path, { method: "POST", headers: { "Content-Type": "application/json", Origin: ORIGIN }, body: JSON.stringify(body) }),
    /** A GET, as following a link: the response's Set-Cookie is kept, its redirect not followed. */
    open: (path: string) => send(path, {}),
    /** Who this browser is signed in as, read from the session's row (never the cookie cache). */
    async signedInAs(): Promise<string | null> {
      const response = await send("/get-session?disableCookieCache=true", {});
      const body = (await response.json()) as { user?: { email: string } } | null;
      return body?.user?.email ?? null;
    },
  };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * OAuth sign-ins inside workerd, the test playing the browser: it starts the sign-in at Better
 * Auth, follows the provider's redirects and pages (the dev OpenID provider, scripts/dev-oidc,
 * started by test/global-setup.ts), and brings the code back to the callback with the state
 * cookie, as a browser would.
 */
import { env } from "cloudflare:workers";
import type { WebBindings } from "../lib/env.ts";
import { authEnv, authRequest, cookieHeader, newClientAddress, ORIGIN } from "./workers-helpers.ts";

/** authEnv with the dev OpenID provider switched on. */
export const oauthEnv = {
  ...authEnv,
  OIDC_ISSUER: env.TEST_OIDC.issuer,
  OIDC_CLIENT_ID: env.TEST_OIDC.clientId,
  OIDC_CLIENT_SECRET: env.TEST_OIDC.clientSecret,
  OIDC_NAME: "Dev OpenID",
} as WebBindings;

/** Cookies as a browser keeps them: name → value, for one site. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  constructor(initial = "") {
    this.add(initial);
  }
  /** `a=1; b=2`, or each Set-Cookie of `response` (an expired one is dropped). */
  add(source: string | Response) {
    const pairs =
      typeof source === "string"
        ? source.split(";").filter((pair) => pair.includes("="))
        : source.headers.getSetCookie().map((cookie) => {
            const [pair = ""] = cookie.split(";");
            return /max-age=0\b/i.test(cookie) ? `${pair.split("=")[0]}=` : pair;
          });
    for (const pair of pairs) {
      const at = pair.indexOf("=");
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value) this.cookies.set(name, value);
      else this.cookies.delete(name);
    }
    return this;
  }
  get header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  has(name: string) {
    return [...this.cookies.keys()].some((key) => key.includes(name));
  }
}

export type Started = { authorizeUrl: URL; app: CookieJar; response: Response };

/** POST /sign-in/social (or /link-social with a session in `app`): where the provider is, and the state cookie. */
export async function startSignIn(
  provider: string,
  options: { app?: CookieJar; link?: boolean; callbackURL?: string; bindings?: WebBindings } = {},
): Promise<Started> {
  const app = options.app ?? new CookieJar();
  const response = await authRequest(
    options.link ? "/link-social" : "/sign-in/social",
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: app.header, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify({ provider, callbackURL: options.callbackURL ?? "/dashboard" }),
    },
    options.bindings ?? oauthEnv,
  );
  if (response.status !== 200) throw new Error(`sign-in start failed: ${response.status} ${await response.clone().text()}`);
  app.add(response);
  const { url } = (await response.clone().json()) as { url: string };
  return { authorizeUrl: new URL(url), app, response };
}

export type Identity = { email: string; name?: string; verified: boolean };

/** At the dev provider: signs in as `identity` and allows; returns the redirect back to the app. */
export async function atDevProvider(authorizeUrl: URL, identity: Identity, decision: "allow" | "deny" = "allow"): Promise<URL> {
  const idp = new CookieJar();
  const get = async (url: URL | string) => {
    const response = await fetch(url, { redirect: "manual", headers: { Cookie: idp.header } });
    idp.add(response);
    return response;
  };
  const post = async (url: URL | string, form: Record<string, string>) => {
    const response = await fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: idp.header, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    });
    idp.add(response);
    return response;
  };
  let response = await get(authorizeUrl);
  for (let step = 0; step < 10; step++) {
    const location = response.headers.get("Location");
    if (!location) throw new Error(`dev provider stopped at ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const next = new URL(location, authorizeUrl);
    if (next.origin !== authorizeUrl.origin) return next;
    await response.body?.cancel();
    if (!next.pathname.startsWith("/interaction/")) {
      response = await get(next);
      continue;
    }
    const page = await (await get(next)).text();
    const base = new URL(next.pathname, next);
    if (page.includes("/login")) {
      const form: Record<string, string> = { email: identity.email, name: identity.name ?? "OAuth Person" };
      if (identity.verified) form.verified = "on";
      response = await post(decision === "deny" ? `${base}/abort` : `${base}/login`, form);
    } else response = await post(`${base}/${decision === "allow" ? "confirm" : "abort"}`, {});
  }
  throw new Error("dev provider: too many steps");
}

/** The provider's redirect arriving at the app's callback, with the browser's cookies. */
export async function callback(returned: URL, app: CookieJar, bindings: WebBindings = oauthEnv): Promise<Response> {
  if (returned.origin !== ORIGIN) throw new Error(`provider sent the browser to ${returned}`);
  const response = await authRequest(
    `${returned.pathname.slice("/api/auth".length)}${returned.search}`,
    { headers: { Cookie: app.header }, redirect: "manual" },
    bindings,
  );
  app.add(response);
  return response;
}

/** The whole sign-in through the dev provider as `identity`. */
export async function signInWithDevProvider(identity: Identity, app = new CookieJar()) {
  const started = await startSignIn("oidc", { app });
  const returned = await atDevProvider(started.authorizeUrl, identity);
  const response = await callback(returned, started.app);
  return { response, app: started.app, location: new URL(response.headers.get("Location") ?? "", ORIGIN) };
}

export const sessionOf = async (app: CookieJar, bindings: WebBindings = oauthEnv) => {
  const response = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: app.header } }, bindings);
  return (await response.json()) as { user: { id: string; email: string; emailVerified: boolean } } | null;
};

export { cookieHeader };

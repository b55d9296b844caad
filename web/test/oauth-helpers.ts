/**
 * OAuth sign-ins inside workerd, the test playing the browser: it starts the sign-in at Better
 * Auth, follows the provider's redirects and pages (the dev OpenID provider, scripts/dev-oidc,
 * started by test/global-setup.ts), and brings the code back to the callback with the state
 * cookie, as a browser would.
 */
import { env } from "cloudflare:workers";
import { atDevProvider, CookieJar, type DevIdentity } from "../../scripts/dev-oidc/browser.ts";
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

export type Identity = DevIdentity;

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

export { atDevProvider, CookieJar, cookieHeader };

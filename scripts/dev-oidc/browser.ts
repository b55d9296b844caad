/**
 * A browser's part in a sign-in at the dev OpenID provider, for the tests and the benchmarks (any
 * runtime with `fetch`): follow its redirects, sign in on its login page as someone, answer its
 * consent page, and return where it sends the browser back to.
 */

/** Cookies as a browser keeps them for one site: name → value. */
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

export type DevIdentity = { email: string; name?: string; verified: boolean };

/** From the app's redirect to the provider until the provider sends the browser back (its URL). */
export async function atDevProvider(
  authorizeUrl: URL,
  identity: DevIdentity,
  decision: "allow" | "deny" = "allow",
): Promise<URL> {
  const idp = new CookieJar();
  const send = async (url: URL | string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { Cookie: idp.header, ...(form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}) },
      body: form ? new URLSearchParams(form) : undefined,
    });
    idp.add(response);
    return response;
  };
  let response = await send(authorizeUrl);
  for (let step = 0; step < 10; step++) {
    const location = response.headers.get("Location");
    if (!location) throw new Error(`dev provider stopped at ${response.status}: ${(await response.text()).slice(0, 300)}`);
    const next = new URL(location, authorizeUrl);
    if (next.origin !== authorizeUrl.origin) return next;
    await response.body?.cancel();
    if (!next.pathname.startsWith("/interaction/")) {
      response = await send(next);
      continue;
    }
    const page = await (await send(next)).text();
    const base = new URL(next.pathname, next).toString();
    if (page.includes(`${next.pathname}/login`)) {
      const form: Record<string, string> = { email: identity.email, name: identity.name ?? "OAuth Person" };
      if (identity.verified) form.verified = "on";
      response = await send(decision === "deny" ? `${base}/abort` : `${base}/login`, form);
    } else response = await send(`${base}/${decision === "allow" ? "confirm" : "abort"}`, {});
  }
  throw new Error("dev provider: too many steps");
}

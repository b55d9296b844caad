/**
 * GitHub and Google as the app meets them, answered inside workerd: the test's `fetch` sends their
 * hosts here. Each stand-in checks every request the app sends as the real provider would (client
 * id and secret, redirect_uri, scopes, state, PKCE S256 with a verifier that matches the challenge,
 * a code used once) and answers in the provider's own shapes: GitHub's private profile e-mail and
 * its /user/emails list with unverified entries, Google's signed ID token with `email_verified`.
 */
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { vi } from "vitest";
import type { WebBindings } from "../lib/env.ts";
import { authEnv, ORIGIN } from "./workers-helpers.ts";

export const GITHUB = { clientId: "github-test-client", clientSecret: "github-test-secret" };
export const GOOGLE = { clientId: "google-test-client.apps.googleusercontent.com", clientSecret: "google-test-secret" };

/** The web worker's bindings with GitHub and Google switched on against these stand-ins. */
export const socialEnv = (extra: Partial<WebBindings> = {}) =>
  ({
    ...authEnv,
    GITHUB_CLIENT_ID: GITHUB.clientId,
    GITHUB_CLIENT_SECRET: GITHUB.clientSecret,
    GOOGLE_CLIENT_ID: GOOGLE.clientId,
    GOOGLE_CLIENT_SECRET: GOOGLE.clientSecret,
    ...extra,
  }) as WebBindings;

type Pending = { challenge: string; redirectUri: string; person: unknown; used: boolean };

const s256 = async (verifier: string) =>
  btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** What both providers check at their authorize endpoint; returns the redirect back to the app. */
function authorize(
  url: URL,
  expected: { clientId: string; provider: string; scopes: string[] },
  codes: Map<string, Pending>,
  person: unknown,
): URL {
  const params = url.searchParams;
  const redirectUri = `${ORIGIN}/api/auth/callback/${expected.provider}`;
  const scopes = (params.get("scope") ?? "").split(/[ ,]+/);
  const problems = [
    params.get("client_id") !== expected.clientId && "client_id",
    params.get("redirect_uri") !== redirectUri && "redirect_uri",
    params.get("response_type") !== "code" && "response_type",
    !expected.scopes.every((scope) => scopes.includes(scope)) && "scope",
    !params.get("state") && "state",
    params.get("code_challenge_method") !== "S256" && "code_challenge_method",
    !/^[\w-]{43}$/.test(params.get("code_challenge") ?? "") && "code_challenge",
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`${expected.provider} stand-in: bad authorize request (${problems.join(", ")})`);
  const code = crypto.randomUUID();
  codes.set(code, { challenge: params.get("code_challenge") ?? "", redirectUri, person, used: false });
  const back = new URL(redirectUri);
  back.searchParams.set("code", code);
  back.searchParams.set("state", params.get("state") ?? "");
  return back;
}

/** The token request's checks: the client's secret, the code once, the same redirect_uri, the verifier. */
async function redeem(form: URLSearchParams, client: { clientId: string; clientSecret: string }, codes: Map<string, Pending>) {
  const pending = codes.get(form.get("code") ?? "");
  if (form.get("client_id") !== client.clientId || form.get("client_secret") !== client.clientSecret) return "invalid_client";
  if (!pending || pending.used) return "bad_verification_code";
  pending.used = true;
  if (form.get("redirect_uri") !== pending.redirectUri) return "redirect_uri_mismatch";
  if ((await s256(form.get("code_verifier") ?? "")) !== pending.challenge) return "invalid_grant";
  return pending;
}

export type GitHubPerson = {
  id: number;
  login: string;
  name: string | null;
  /** The public profile e-mail: null when the person keeps it private. */
  email: string | null;
  emails: { email: string; primary: boolean; verified: boolean; visibility: "public" | "private" | null }[];
};

export type GooglePerson = { sub: string; email: string; email_verified: boolean; name: string };

/**
 * How a provider endpoint can fail: never answering (a fetch with no time limit waits forever),
 * answering only after `lateMs`, refusing the connection, a 5xx, an HTML page where JSON belongs.
 * A silent or late endpoint honours the request's signal as the network would: the fetch rejects
 * with the signal's reason when it aborts.
 */
export type Outage = { kind: "silent" } | { kind: "late"; lateMs: number } | { kind: "refused" | "503" | "html" };

async function outageAnswer(outage: Outage, request: Request, answer: () => Promise<Response>): Promise<Response> {
  if (outage.kind === "refused") throw new TypeError("Network connection lost.");
  if (outage.kind === "503") return new Response("Service Unavailable", { status: 503 });
  if (outage.kind === "html")
    return new Response("<!doctype html><title>Maintenance</title><p>Back soon", { headers: { "Content-Type": "text/html" } });
  return new Promise((resolve, reject) => {
    const aborted = () => reject(request.signal.reason);
    if (request.signal.aborted) return aborted();
    request.signal.addEventListener("abort", aborted);
    if (outage.kind === "late") setTimeout(() => resolve(answer()), outage.lateMs);
  });
}

export class ProviderStandIns {
  private readonly github = new Map<string, Pending>();
  private readonly google = new Map<string, Pending>();
  private readonly tokens = new Map<string, GitHubPerson>();
  private readonly keys = generateKeyPair("RS256", { extractable: true });
  /** Every request the app sent to a provider, to assert on. */
  readonly requests: { url: string; form?: URLSearchParams }[] = [];
  /** Endpoints (`METHOD url`) that fail, and how, until removed. */
  readonly outages = new Map<string, Outage>();

  /** Sends GitHub's and Google's hosts to these stand-ins for the rest of the test file. */
  install() {
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      const request = new Request(input, init);
      const host = new URL(request.url).host;
      if (!["github.com", "api.github.com", "oauth2.googleapis.com", "www.googleapis.com"].includes(host)) {
        return realFetch(input, init);
      }
      return this.answer(request);
    });
  }

  authorizeGitHub(url: URL, person: GitHubPerson): URL {
    if (url.origin + url.pathname !== "https://github.com/login/oauth/authorize") throw new Error(`not GitHub: ${url}`);
    return authorize(
      url,
      { clientId: GITHUB.clientId, provider: "github", scopes: ["read:user", "user:email"] },
      this.github,
      person,
    );
  }

  authorizeGoogle(url: URL, person: GooglePerson): URL {
    if (url.origin + url.pathname !== "https://accounts.google.com/o/oauth2/v2/auth") throw new Error(`not Google: ${url}`);
    return authorize(
      url,
      { clientId: GOOGLE.clientId, provider: "google", scopes: ["openid", "email", "profile"] },
      this.google,
      person,
    );
  }

  private async answer(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const form = request.method === "POST" ? new URLSearchParams(await request.text()) : undefined;
    this.requests.push({ url: request.url, form });
    const route = `${request.method} ${url.origin}${url.pathname}`;
    const outage = this.outages.get(route);
    if (outage) return outageAnswer(outage, request, () => this.route(route, request, form));
    return this.route(route, request, form);
  }

  private async route(route: string, request: Request, form: URLSearchParams | undefined): Promise<Response> {
    if (route === "POST https://github.com/login/oauth/access_token" && form) return this.githubToken(form);
    if (route === "GET https://api.github.com/user") return this.githubApi(request, "profile");
    if (route === "GET https://api.github.com/user/emails") return this.githubApi(request, "emails");
    if (route === "POST https://oauth2.googleapis.com/token" && form) return this.googleToken(form);
    if (route === "GET https://www.googleapis.com/oauth2/v3/certs") {
      const jwk = await exportJWK((await this.keys).publicKey);
      return Response.json({ keys: [{ ...jwk, kid: "stand-in", alg: "RS256", use: "sig" }] });
    }
    return Response.json({ message: "Not Found" }, { status: 404 });
  }

  private async githubToken(form: URLSearchParams): Promise<Response> {
    const pending = await redeem(form, GITHUB, this.github);
    // GitHub answers 200 with an error field for a bad code.
    if (typeof pending === "string") return Response.json({ error: pending, error_description: pending });
    const token = `gho_${crypto.randomUUID().replaceAll("-", "")}`;
    this.tokens.set(token, pending.person as GitHubPerson);
    return Response.json({ access_token: token, token_type: "bearer", scope: "read:user,user:email" });
  }

  /** GET /user (the profile, e-mail null when private) or /user/emails (every address, verified or not). */
  private githubApi(request: Request, part: "profile" | "emails"): Response {
    const person = this.tokens.get((request.headers.get("Authorization") ?? "").replace(/^Bearer /i, ""));
    if (!person) return Response.json({ message: "Bad credentials" }, { status: 401 });
    const { emails, ...profile } = person;
    return Response.json(part === "emails" ? emails : { ...profile, avatar_url: `https://avatars.example/${person.id}` });
  }

  private async googleToken(form: URLSearchParams): Promise<Response> {
    const pending = await redeem(form, GOOGLE, this.google);
    if (typeof pending === "string")
      return Response.json({ error: "invalid_grant", error_description: pending }, { status: 400 });
    const person = pending.person as GooglePerson;
    const idToken = await new SignJWT({ ...person, picture: "https://lh3.example/photo.jpg", azp: GOOGLE.clientId })
      .setProtectedHeader({ alg: "RS256", kid: "stand-in", typ: "JWT" })
      .setIssuer("https://accounts.google.com")
      .setAudience(GOOGLE.clientId)
      .setSubject(person.sub)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign((await this.keys).privateKey);
    return Response.json({
      access_token: `ya29.${crypto.randomUUID()}`,
      expires_in: 3599,
      scope: "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile",
      token_type: "Bearer",
      id_token: idToken,
    });
  }
}

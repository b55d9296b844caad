/**
 * Which sign-in providers this environment offers, read from the worker's bindings: GitHub and
 * Google when both their client id and secret are set, any OpenID Connect provider when its
 * issuer, client id and secret are. Ids are `[vars]`, secrets `wrangler secret put` (never vars).
 * Half a pair stops the worker with a message naming what is missing: a button that can only fail
 * is worse than none. Deployed, the OpenID issuer must be https.
 */
import "server-only";
import * as v from "valibot";
import { PROVIDER_TIMEOUT_MS } from "./provider-timeout.ts";

export type OAuthClient = { clientId: string; clientSecret: string };
export type OpenIdSettings = OAuthClient & { issuer: string; name: string };

export type ProviderSettings = {
  github?: OAuthClient;
  google?: OAuthClient;
  openId?: OpenIdSettings;
  /** How long one request to a provider may take (provider-timeout.ts). */
  timeoutMs: number;
};

/** The Better Auth id of the OpenID Connect provider: its callback is /api/auth/callback/oidc. */
export const OPENID_PROVIDER_ID = "oidc";

const text = v.optional(v.pipe(v.string(), v.trim()), "");

const Bindings = v.object({
  APP_ENV: text,
  GITHUB_CLIENT_ID: text,
  GITHUB_CLIENT_SECRET: text,
  GOOGLE_CLIENT_ID: text,
  GOOGLE_CLIENT_SECRET: text,
  OIDC_ISSUER: text,
  OIDC_CLIENT_ID: text,
  OIDC_CLIENT_SECRET: text,
  OIDC_NAME: text,
  // Optional; the tests shorten it to meet a slow provider in a fraction of a second, not ten.
  OAUTH_PROVIDER_TIMEOUT_MS: v.pipe(
    text,
    v.transform((value) => (value === "" ? PROVIDER_TIMEOUT_MS : Number(value))),
    v.number(),
    v.integer(),
    v.minValue(1),
    v.maxValue(60_000),
  ),
});

export type ProviderBindings = Partial<Record<keyof v.InferInput<typeof Bindings>, string>>;

const LOCAL = ["development", "preview"];

function client(id: string, secret: string, names: [string, string], problems: string[]): OAuthClient | undefined {
  if (!id && !secret) return undefined;
  if (!id) problems.push(`${names[1]} is set but ${names[0]} is missing`);
  else if (!secret) problems.push(`${names[0]} is set but ${names[1]} is missing: \`wrangler secret put ${names[1]}\``);
  return id && secret ? { clientId: id, clientSecret: secret } : undefined;
}

const cache = new WeakMap<object, ProviderSettings>();

export function readProviderSettings(bindings: ProviderBindings): ProviderSettings {
  const cached = cache.get(bindings);
  if (cached) return cached;
  const value = v.parse(Bindings, bindings);
  const problems: string[] = [];
  const github = client(
    value.GITHUB_CLIENT_ID,
    value.GITHUB_CLIENT_SECRET,
    ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"],
    problems,
  );
  const google = client(
    value.GOOGLE_CLIENT_ID,
    value.GOOGLE_CLIENT_SECRET,
    ["GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET"],
    problems,
  );
  const openIdClient = client(value.OIDC_CLIENT_ID, value.OIDC_CLIENT_SECRET, ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"], problems);
  let openId: OpenIdSettings | undefined;
  if (openIdClient || value.OIDC_ISSUER) {
    const issuer = URL.canParse(value.OIDC_ISSUER) ? new URL(value.OIDC_ISSUER) : undefined;
    if (!issuer) problems.push("OIDC_ISSUER must be the provider's issuer URL, e.g. https://example.okta.com");
    else if (issuer.protocol !== "https:" && !LOCAL.includes(value.APP_ENV))
      problems.push(`OIDC_ISSUER must be https:// in ${value.APP_ENV || "a deployed environment"}`);
    else if (!openIdClient) problems.push("OIDC_ISSUER is set but OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is missing");
    // The issuer exactly as given: discovery checks that the document names this same issuer.
    if (issuer && openIdClient && problems.length === 0)
      openId = { ...openIdClient, issuer: value.OIDC_ISSUER.replace(/\/$/, ""), name: value.OIDC_NAME || "OpenID" };
  }
  if (problems.length > 0) throw new Error(`Web worker misconfigured: ${problems.join("; ")}`);
  const settings = { github, google, openId, timeoutMs: value.OAUTH_PROVIDER_TIMEOUT_MS };
  cache.set(bindings, settings);
  return settings;
}

/** What the sign-in and sign-up pages show: a button per configured provider, nothing for the others. */
export type ProviderButton = { id: string; name: string };

export function providerButtons(settings: ProviderSettings): ProviderButton[] {
  return [
    ...(settings.github ? [{ id: "github", name: "GitHub" }] : []),
    ...(settings.google ? [{ id: "google", name: "Google" }] : []),
    ...(settings.openId ? [{ id: OPENID_PROVIDER_ID, name: settings.openId.name }] : []),
  ];
}

/**
 * A standards-conformant OpenID provider on loopback (the certified `oidc-provider` package), for
 * `npm run dev`, `npm run preview` and the tests: discovery, authorization code with PKCE (S256,
 * required), signed ID tokens, userinfo, and its own login and consent pages (pages.ts). The app
 * meets it exactly as it meets Okta, Auth0, Entra ID or Keycloak: by its issuer.
 * Docs: https://github.com/panva/node-oidc-provider/tree/main/docs
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";
import { type DevAccount, DevAccounts } from "./accounts.ts";
import { consentPage, loginPage } from "./pages.ts";

export type DevClient = { clientId: string; clientSecret: string; redirectUris: string[]; name: string };

export type DevOidcOptions = {
  /** 0 picks a free port. */
  port: number;
  clients: DevClient[];
  log?: (line: string) => void;
};

export type DevOidcProvider = { issuer: string; stop: () => Promise<void> };

const HOST = "127.0.0.1";

function configuration(clients: DevClient[], accounts: DevAccounts): Configuration {
  // A fresh signing key per run: nothing outlives the process.
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    clients: clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      client_name: client.name,
      redirect_uris: client.redirectUris,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      // What Better Auth sends by default (most providers accept it; Okta, Entra ID and Keycloak do).
      token_endpoint_auth_method: "client_secret_post",
      id_token_signed_response_alg: "ES256",
    })),
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), alg: "ES256", use: "sig", kid: "dev-1" }] },
    // Lax: a browser drops SameSite=None cookies (the package's default) on plain http.
    cookies: { keys: [randomBytes(32).toString("base64url")], long: { sameSite: "lax" }, short: { sameSite: "lax" } },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The ID token carries the profile too, as most hosted providers' do.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Short lives, as a dev provider's things need no more (and oidc-provider asks for them).
    ttl: { Interaction: 600, Session: 8 * 3600, Grant: 8 * 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, subject) => {
      const account = accounts.find(subject);
      if (!account) return undefined;
      return {
        accountId: subject,
        claims: () => ({ sub: subject, email: account.email, email_verified: account.emailVerified, name: account.name }),
      };
    },
  };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) {
    body += chunk;
    if (body.length > 10_000) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

function sendPage(response: ServerResponse, html: string) {
  response.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    // No form-action: Chromium applies it to the redirects after a submit, and the consent form's
    // answer ends in a redirect to the app's callback, on another origin.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "Cache-Control": "no-store",
  });
  response.end(html);
}

/** The login and consent steps: oidc-provider hands them to the host application. */
async function interaction(provider: Provider, accounts: DevAccounts, request: IncomingMessage, response: ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  const [, , , action] = new URL(request.url ?? "/", "http://x").pathname.split("/");
  const client = await provider.Client.find(String(details.params.client_id));
  const clientName = client?.clientName ?? String(details.params.client_id);
  if (request.method === "GET") {
    const subject = details.session?.accountId;
    if (details.prompt.name === "login" || !subject) return sendPage(response, loginPage(details.uid, clientName));
    return sendPage(response, consentPage(details.uid, clientName, subject, String(details.params.scope ?? "").split(" ")));
  }
  if (action === "abort") {
    const result = { error: "access_denied", error_description: "The person declined" };
    return provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
  }
  if (action === "login") {
    const form = await readForm(request);
    const email = form.get("email")?.trim() ?? "";
    if (!email.includes("@")) return sendPage(response, loginPage(details.uid, clientName));
    const account: DevAccount = { email, name: form.get("name")?.trim() || email, emailVerified: form.get("verified") === "on" };
    const result = { login: { accountId: accounts.signIn(account) } };
    return provider.interactionFinished(request, response, result, { mergeWithLastSubmission: false });
  }
  // confirm: grant what was asked for.
  const accountId = String(details.session?.accountId);
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  if (!grant) throw new Error("grant not found");
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  const grantId = await grant.save();
  return provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

export async function startDevOidcProvider(options: DevOidcOptions): Promise<DevOidcProvider> {
  const log = options.log ?? (() => {});
  const accounts = new DevAccounts();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, HOST, () => resolve());
  });
  const issuer = `http://${HOST}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, configuration(options.clients, accounts));
  provider.on("server_error", (_ctx, error) => log(`server error: ${error.message}`));
  const callback = provider.callback();
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (!request.url?.startsWith("/interaction/")) return callback(request, response);
    interaction(provider, accounts, request, response).catch((error: Error) => {
      log(`interaction failed: ${error.message}`);
      if (!response.headersSent) response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" });
      response.end(`This sign-in cannot go on (${error.message}). Start again from the app.`);
    });
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

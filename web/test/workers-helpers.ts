/** Helpers for the web tests that run inside workerd: Better Auth's handler and the API worker. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import app from "../../worker-api/src/index.ts";
import { createAuth } from "../lib/auth/create-auth.ts";
import { servePublicKeys } from "../lib/auth/keys/public-keys.ts";
import { rotateSigningKey } from "../lib/auth/keys/signing-keys.ts";
import { mintServerApiToken, type SessionIds } from "../lib/auth/server-api-token.ts";
import type { WebBindings } from "../lib/env.ts";
import { createTasksApi, type TasksApi } from "../lib/tasks/api.ts";
import { apiFetcher } from "../lib/tasks/api-fetcher.ts";
import { createTokenCache } from "../lib/tasks/token-cache.ts";

export const ORIGIN = "http://localhost:3000";

/** 32 random bytes in base64, as `openssl rand -base64 32` makes them. */
export function randomSecret(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

export const authEnv = {
  // Fixed, so that every test file in the run reads the signing keys the others stored.
  BETTER_AUTH_SECRET: "vNE3tzhwY1NlZ2HL0atauD0186WFDHvp8oBOCsROheA=",
  BETTER_AUTH_URL: ORIGIN,
  DATABASE_URL: env.DATABASE_URL,
  NEON_LOCAL_ENDPOINT: env.NEON_LOCAL_ENDPOINT,
  API_URL: "http://localhost:8787",
  TRUSTED_ORIGINS: "",
  // As `npm run dev`: mail to the dev mailbox that test/global-setup.ts started; verification off.
  APP_ENV: "development",
  MAIL_CAPTURE_URL: env.MAIL_CAPTURE_URL,
};

/** As preview, staging and production: e-mail verification required. */
export const verifyingAuthEnv = { ...authEnv, REQUIRE_EMAIL_VERIFICATION: "true" };

/** A client address of its own: one person, one rate-limit bucket for sign-ins and sign-ups. */
export const newClientAddress = () => `10.${rand()}.${rand()}.${rand()}`;
const rand = () => Math.floor(Math.random() * 256);
const CLIENT_ADDRESS = newClientAddress();

/** One request through Better Auth's handler, as the web worker's route does it. */
export async function authRequest(path: string, init: RequestInit = {}, env: WebBindings = authEnv): Promise<Response> {
  const ctx = createExecutionContext();
  const auth = createAuth(env, ctx);
  const headers = new Headers(init.headers);
  if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", CLIENT_ADDRESS);
  try {
    return await auth.handler(new Request(`${ORIGIN}/api/auth${path}`, { ...init, headers }));
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

export const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");

export const PASSWORD = "correct horse battery";

/** A JSON POST to Better Auth from the app's own origin, with the session in `cookie`. */
export function authPost(path: string, cookie: string, body: unknown = {}, address = CLIENT_ADDRESS): Promise<Response> {
  return authRequest(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie, "cf-connecting-ip": address },
    body: JSON.stringify(body),
  });
}

/** Signs in again as `email`: a second session (another device); returns its cookie. */
export async function signIn(email: string, password = PASSWORD): Promise<string> {
  const response = await authPost("/sign-in/email", "", { email, password }, newClientAddress());
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookieHeader(response);
}

/** Signs a new user up; returns their id and session cookie. */
export async function signUp(
  name = "Ada Lovelace",
): Promise<{ userId: string; email: string; cookie: string; response: Response }> {
  const email = `${crypto.randomUUID()}@example.test`;
  const response = await authRequest("/sign-up/email", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
    body: JSON.stringify({ name, email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const { user } = (await response.clone().json()) as { user: { id: string } };
  return { userId: user.id, email, cookie: cookieHeader(response), response };
}

/** A fresh JWT from /api/auth/token for the session in `cookie`. */
export async function issueToken(cookie: string): Promise<string> {
  const response = await authRequest("/token", { headers: { Cookie: cookie } });
  if (response.status !== 200) throw new Error(`token failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * The API worker's env, reaching the web worker's JWKS through its AUTH service binding (here:
 * Better Auth's handler), with a cache key of its own. `jwksFetches` counts those fetches.
 */
export function apiEnvWithAuthBinding(): { apiEnv: Env; jwksFetches: string[] } {
  const jwksFetches: string[] = [];
  const apiEnv: Env = {
    ...env,
    JWKS_URL: `${ORIGIN}/api/auth/jwks?test=${crypto.randomUUID()}`,
    AUTH: {
      fetch: async (input: RequestInfo | URL) => {
        jwksFetches.push(String(input));
        // As the web worker's route serves it: from isolate memory, reloaded for an unknown kid.
        return servePublicKeys(new Request(input), () => authRequest("/jwks"));
      },
    } as unknown as Fetcher,
  };
  return { apiEnv, jwksFetches };
}

/** `fetch` into the API worker itself (no network), for the web's API client. */
export function apiFetch(apiEnv: Env): typeof fetch {
  return async (input, init) => {
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request(input, init), apiEnv, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  };
}

/**
 * A new person's tasks API as the web worker's server code uses it: a token minted on the server
 * for their session, the API worker reached through a service binding.
 */
export async function newPersonsTasksApi(name: string, apiEnv: Env = apiEnvWithAuthBinding().apiEnv): Promise<TasksApi> {
  const { cookie } = await signUp(name);
  const session = (await (await authRequest("/get-session", { headers: { Cookie: cookie } })).json()) as SessionIds;
  const mint = async () => {
    const ctx = createExecutionContext();
    try {
      return await mintServerApiToken(createAuth(authEnv, ctx), session);
    } finally {
      await waitOnExecutionContext(ctx);
    }
  };
  return createTasksApi({
    baseUrl: "https://api.internal",
    userId: session.user.id,
    tokens: createTokenCache(mint),
    fetch: apiFetcher({ fetch: apiFetch(apiEnv) } as unknown as Fetcher),
  });
}

/** Runs `work` with a Better Auth of its own over the test bindings, and waits for what it left running. */
export async function withTestAuth<T>(work: (auth: ReturnType<typeof createAuth>) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  try {
    return await work(createAuth(authEnv, ctx));
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

/** A query on the test database as its owner, to set up or inspect what the app wrote. */
export async function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const { neon } = await import("@neondatabase/serverless");
  return neon(env.DATABASE_URL).query(query, params);
}

/** `npm run keys:rotate`, as the web worker with `bindings` (its secrets) would do it. */
export async function rotateKeys(bindings: WebBindings = authEnv) {
  const ctx = createExecutionContext();
  try {
    return await rotateSigningKey(createAuth(bindings, ctx));
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

/** A password-reset token for `userId`, stored as forgot-password stores the one it mails (valid an hour). */
export async function storedResetToken(userId: string): Promise<string> {
  const token = crypto.randomUUID().replace(/-/g, "");
  await sql("insert into verification (id, identifier, value, expires_at) values ($1, $2, $3, now() + interval '1 hour')", [
    crypto.randomUUID(),
    `reset-password:${token}`,
    userId,
  ]);
  return token;
}

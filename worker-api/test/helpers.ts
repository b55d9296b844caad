/** Shared test helpers: a per-test env, calls into the worker, users and signed tokens. */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { importJWK, type JWK, type JWTPayload, SignJWT } from "jose";
import { session, user } from "../../drizzle/index.ts";
import { getConfig } from "../src/config.ts";
import { openDatabase } from "../src/db.ts";
import app from "../src/index.ts";

export const ORIGIN = "http://localhost:3000";

/**
 * The worker's env with a JWKS set of its own (so each test starts with a cold cache that no
 * other test touches) and any overrides.
 */
export function testEnv(overrides: Partial<Env> = {}): Env & { jwksSet: string } {
  const jwksSet = crypto.randomUUID();
  return { ...env, JWKS_URL: `${env.TEST_JWKS_SERVER}/jwks/${jwksSet}`, jwksSet, ...overrides };
}

/**
 * The same env with its database down: the local endpoint answers, the database behind it does not
 * (as Neon does when it cannot reach the compute), over HTTP and WebSocket alike.
 */
export function withDatabaseDown<E extends Env>(testEnv: E): E {
  const down = env.TEST_DOWN_DATABASE;
  return { ...testEnv, DATABASE_URL: down.databaseUrl, NEON_LOCAL_ENDPOINT: down.neonEndpoint };
}

/** Calls the worker as Workers would, and waits for its `waitUntil` work (e.g. closing a Pool). */
export async function call(testEnv: Env, path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (typeof rest.body === "string" && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://api.test${path}`, { ...rest, headers }), testEnv, ctx);
  // A download (the export) reads the database as its body streams, and releases the request's
  // connection only then: read it first, or it and the request's `waitUntil` work wait on each other.
  // export.test.ts reads a download as it streams, with `callStreamed`.
  if (response.headers.get("Content-Disposition")?.startsWith("attachment")) {
    const body = await response.arrayBuffer();
    await waitOnExecutionContext(ctx);
    return new Response(body, response);
  }
  await waitOnExecutionContext(ctx);
  return response;
}

/**
 * Calls the worker and answers as soon as the response starts, its body unread; `settled` waits
 * for the request's `waitUntil` work, once the body has been read.
 */
export async function callStreamed(testEnv: Env, path: string, init: RequestInit & { token?: string } = {}) {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  const ctx = createExecutionContext();
  const response = await app.fetch(new Request(`https://api.test${path}`, { ...rest, headers }), testEnv, ctx);
  return { response, settled: () => waitOnExecutionContext(ctx) };
}

/** The database as its owner, to set up what Better Auth would have written. */
export function dbFor(testEnv: Env) {
  return openDatabase(getConfig({ ...testEnv, DATABASE_URL: env.TEST_OWNER_DATABASE_URL, DB_TRANSPORT: "http" }));
}

/** The session `signToken` names by default (`sid`) for a user made by `createUser`. */
export const sessionIdFor = (userId: string) => `session-of-${userId}`;

/** A user with one live session, `sessionIdFor(id)`, as Better Auth would have written them. */
export async function createUser(testEnv: Env): Promise<string> {
  const id = crypto.randomUUID();
  const { db } = dbFor(testEnv);
  await db.insert(user).values({ id, name: "Test User", email: `${id}@example.test`, updatedAt: new Date() });
  await createSession(testEnv, id, sessionIdFor(id));
  return id;
}

export async function createSession(testEnv: Env, userId: string, id: string, expiresAt = new Date(Date.now() + 3600_000)) {
  const { db } = dbFor(testEnv);
  await db.insert(session).values({ id, userId, token: crypto.randomUUID(), expiresAt, updatedAt: new Date() });
}

export type TokenOptions = {
  key?: JWK;
  alg?: string;
  kid?: string;
  claims?: JWTPayload;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  omit?: ("sub" | "sid" | "exp" | "iss" | "aud")[];
};

export async function signToken(sub: string, options: TokenOptions = {}): Promise<string> {
  const key = options.key ?? env.TEST_KEYS.primary;
  const alg = options.alg ?? key.alg ?? "EdDSA";
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    sub,
    iss: ORIGIN,
    aud: ORIGIN,
    iat: now,
    exp: now + (options.expiresIn ?? 900),
    sid: sessionIdFor(sub),
    ...options.claims,
  };
  for (const claim of options.omit ?? []) delete payload[claim];
  return new SignJWT(payload).setProtectedHeader({ alg, kid: options.kid ?? key.kid }).sign(await importJWK(key, alg));
}

export async function jwksState(set: string): Promise<{ fetches: number; rotated: boolean; down: boolean }> {
  return (await fetch(`${env.TEST_JWKS_SERVER}/state/${set}`)).json();
}

export async function setJwksState(
  set: string,
  patch: { rotated?: boolean; down?: boolean; staleFetches?: number },
): Promise<void> {
  await fetch(`${env.TEST_JWKS_SERVER}/state/${set}`, { method: "POST", body: JSON.stringify(patch) });
}

export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

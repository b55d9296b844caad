/**
 * Better Auth in Next.js server code: `withAuth` runs work with the isolate's instance, bound to
 * this request (isolate-auth.ts); `getSession` reads the signed-in session.
 */
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { requestContext } from "../request-context.ts";
import type { Auth } from "./create-auth.ts";
import { withIsolateAuth } from "./isolate-auth.ts";

export type Session = Auth["$Infer"]["Session"];

/** Runs `work` with this request's Better Auth instance. */
export async function withAuth<T>(work: (auth: Auth) => Promise<T>): Promise<T> {
  const { bindings, ctx } = await requestContext();
  return withIsolateAuth(bindings, ctx, work);
}

/** The signed-in session for this request (from the cookie cache when fresh), or null. */
export const getSession = cache(async (): Promise<Session | null> => {
  const requestHeaders = await headers();
  return withAuth((auth) => auth.api.getSession({ headers: requestHeaders }));
});

/** Public runtime settings the browser needs (never secrets). */
export async function getPublicConfig(): Promise<{ apiUrl: string }> {
  const { env } = await requestContext();
  return { apiUrl: env.apiUrl };
}

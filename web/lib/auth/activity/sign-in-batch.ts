/**
 * A sign-in (e-mail and password, or a passkey) with its writes in one batch (request-batch.ts):
 * the new session and its `sign_in` account event go out together, so recording the sign-in costs
 * no round trip (sign-in stays at three: the rate limit, the user with their accounts, the batch;
 * a passkey's go out with the read of the user that follows them).
 * A failed batch is an error like any other database failure at sign-in: no session, no cookie.
 */
import "server-only";
import type { HttpDatabase } from "../../../../drizzle/http-database.ts";
import { inOneRequestBatch } from "../request-batch.ts";

const SIGN_INS = new Set(["/api/auth/sign-in/email", "/api/auth/passkey/verify-authentication"]);

export function signInsInOneBatch(handle: (request: Request) => Promise<Response>, db: HttpDatabase) {
  return (request: Request): Promise<Response> =>
    request.method === "POST" && SIGN_INS.has(new URL(request.url).pathname)
      ? inOneRequestBatch(db, () => handle(request))
      : handle(request);
}

/**
 * Passkeys in the workerd tests: Settings' "Add a passkey" and the sign-in page's passkey sign-in,
 * through Better Auth's handler, answered by a software authenticator (soft-authenticator.ts).
 */
import type { SoftAuthenticator } from "./soft-authenticator.ts";
import { authRequest, cookieHeader, newClientAddress, ORIGIN } from "./workers-helpers.ts";

export { softAuthenticator } from "./soft-authenticator.ts";

/** A GET to Better Auth with `cookie`: its answer, and the cookies it sets joined to `cookie`. */
async function get(path: string, cookie: string, address: string) {
  const response = await authRequest(path, { headers: { Cookie: cookie, "cf-connecting-ip": address } });
  const set = cookieHeader(response);
  return { response, cookie: [cookie, set].filter(Boolean).join("; ") };
}

const post = (path: string, cookie: string, body: unknown, address: string) =>
  authRequest(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie, "cf-connecting-ip": address },
    body: JSON.stringify(body),
  });

/** Settings → Add a passkey, for the session in `cookie`: the options, then the authenticator's answer. */
export async function addPasskey(
  cookie: string,
  authenticator: SoftAuthenticator,
  name = "Test key",
  address = newClientAddress(),
) {
  const options = await get(`/passkey/generate-register-options?name=${encodeURIComponent(name)}`, cookie, address);
  if (options.response.status !== 200) return options.response;
  const { challenge } = (await options.response.json()) as { challenge: string };
  return post(
    "/passkey/verify-registration",
    options.cookie,
    { response: await authenticator.registration(challenge), name },
    address,
  );
}

/**
 * The sign-in page's passkey sign-in, from a browser with `cookie` (none by default): the
 * challenge is asked for, and `verify` sends the authenticator's answer (to `endpoint`: the
 * sign-in's, or the fresh sign-in's before a sensitive action).
 */
export async function startPasskeySignIn(
  authenticator: SoftAuthenticator,
  cookie = "",
  address = newClientAddress(),
  { userVerified = true, endpoint = "/passkey/verify-authentication" } = {},
) {
  const options = await get("/passkey/generate-authenticate-options", cookie, address);
  if (options.response.status !== 200) throw new Error(`options failed: ${options.response.status}`);
  const { challenge } = (await options.response.json()) as { challenge: string };
  const response = await authenticator.assertion(challenge, { userVerified });
  return { verify: () => post(endpoint, options.cookie, { response }, address) };
}

/** Sign-in with a passkey, from a browser with `cookie` (none by default). */
export async function signInWithPasskey(authenticator: SoftAuthenticator, cookie = "", address = newClientAddress()) {
  return (await startPasskeySignIn(authenticator, cookie, address)).verify();
}

/** "Confirm it's you" with a passkey, for the signed-in session in `cookie`. */
export async function confirmWithPasskey(
  authenticator: SoftAuthenticator,
  cookie: string,
  address = newClientAddress(),
  { userVerified = true } = {},
) {
  return (
    await startPasskeySignIn(authenticator, cookie, address, { userVerified, endpoint: "/fresh-sign-in/passkey" })
  ).verify();
}

/** Two-factor in the workerd tests: turn it on for a person, compute their codes, start a sign-in. */
import * as OTPAuth from "otpauth";
import { cookieHeader, newClientAddress, PASSWORD, authPost as postFrom, type signUp } from "./workers-helpers.ts";

/** Each from an address of its own, unless the test names one: the rate limit is per address. */
const authPost = (path: string, cookie: string, body: unknown, address = newClientAddress()) =>
  postFrom(path, cookie, body, address);

type Person = Awaited<ReturnType<typeof signUp>>;

/** The app's code for `totp` now, or `periods` periods away (an authenticator app's clock). */
export const codeFor = (totp: OTPAuth.TOTP, periods = 0) =>
  totp.generate({ timestamp: Date.now() + periods * totp.period * 1000 });

/** A code no authenticator of `totp` shows now or a period either side. */
export function wrongCodeFor(totp: OTPAuth.TOTP): string {
  const near = new Set([-1, 0, 1].map((periods) => codeFor(totp, periods)));
  let code = "000000";
  for (let n = 0; near.has(code); n++) code = String(n).padStart(6, "0");
  return code;
}

/** `/two-factor/enable` with the password: the secret (not on yet) and the ten recovery codes. */
export async function startEnabling(cookie: string, address = newClientAddress()) {
  const response = await authPost("/two-factor/enable", cookie, { password: PASSWORD }, address);
  if (response.status !== 200) throw new Error(`enable failed: ${response.status} ${await response.text()}`);
  const { totpURI, backupCodes } = (await response.json()) as { totpURI: string; backupCodes: string[] };
  return { totp: OTPAuth.URI.parse(totpURI) as OTPAuth.TOTP, totpURI, backupCodes };
}

/** Two-factor on for `person`, confirmed with a first code; their new session cookie (the old one ends). */
export async function enableTwoFactor(person: Person) {
  const started = await startEnabling(person.cookie);
  const confirmed = await authPost("/two-factor/verify-totp", person.cookie, { code: codeFor(started.totp) });
  if (confirmed.status !== 200) throw new Error(`confirm failed: ${confirmed.status} ${await confirmed.text()}`);
  return { ...started, cookie: sessionCookieOf(confirmed) };
}

/** The live cookies a response sets (not the ones it deletes), as a Cookie header. */
export function sessionCookieOf(response: Response): string {
  return cookieHeader(response)
    .split("; ")
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/** The password step: its answer, and the pending sign-in's cookie (`two_factor`) when it asks for a code. */
export async function passwordStep(email: string, address = newClientAddress(), extraCookie = "") {
  const response = await authPost("/sign-in/email", extraCookie, { email, password: PASSWORD }, address);
  return { response, cookie: sessionCookieOf(response) };
}

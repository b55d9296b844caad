/**
 * Better Auth's signed cookies (the session token, "don't remember me") carry an HMAC of their
 * value under the auth secret. Better Auth checks it with the current secret only; this re-signs
 * a cookie that an earlier secret signed, so that it reads as the same session.
 */
import "server-only";
import { constantTimeEqual, makeSignature } from "better-auth/crypto";

/** Better Auth's signed cookies: the session token and "don't remember me" (any prefix). */
const SIGNED_COOKIE = /(^|\.)(session_token|dont_remember)$/;
// HMAC-SHA256 in base64: 44 characters ending in "=", as better-call writes them.
const SIGNATURE_LENGTH = 44;

/** The `Cookie` header with every earlier-secret signature replaced, or undefined when none was. */
export async function resignCookieHeader(
  header: string,
  current: string,
  earlier: readonly string[],
): Promise<string | undefined> {
  let changed = false;
  const pairs = await Promise.all(
    header.split(";").map(async (pair) => {
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      if (eq < 0 || !SIGNED_COOKIE.test(name)) return pair;
      const resigned = await resign(pair.slice(eq + 1).trim(), current, earlier);
      if (!resigned) return pair;
      changed = true;
      return ` ${name}=${resigned}`;
    }),
  );
  return changed ? pairs.join(";").trim() : undefined;
}

async function resign(value: string, current: string, earlier: readonly string[]): Promise<string | undefined> {
  const decoded = safeDecode(value);
  const dot = decoded?.lastIndexOf(".") ?? -1;
  if (!decoded || dot < 1 || decoded.length - dot - 1 !== SIGNATURE_LENGTH) return undefined;
  const payload = decoded.slice(0, dot);
  const signature = decoded.slice(dot + 1);
  if (constantTimeEqual(await makeSignature(payload, current), signature)) return undefined;
  for (const secret of earlier) {
    if (constantTimeEqual(await makeSignature(payload, secret), signature)) {
      return encodeURIComponent(`${payload}.${await makeSignature(payload, current)}`);
    }
  }
  return undefined;
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

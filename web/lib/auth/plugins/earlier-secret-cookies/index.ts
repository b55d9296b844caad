/**
 * A Better Auth plugin for rotating the auth secret without signing anyone out.
 *
 * With versioned secrets (`BETTER_AUTH_SECRETS=2:new,1:old`) Better Auth decrypts with every
 * listed secret, but it verifies signed cookies (the session token) with the current one only.
 * This plugin re-signs, for the duration of the request, a cookie whose signature matches one of
 * the earlier secrets, so that sessions begun before the rotation stay valid until they end.
 */
import "server-only";
import type { BetterAuthPlugin } from "better-auth";
import { constantTimeEqual, makeSignature } from "better-auth/crypto";

/** Better Auth's signed cookies: the session token and "don't remember me" (any prefix). */
const SIGNED_COOKIE = /(^|\.)(session_token|dont_remember)$/;
// HMAC-SHA256 in base64: 44 characters ending in "=", as better-call writes them.
const SIGNATURE_LENGTH = 44;

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

export const earlierSecretCookies = (current: string, earlier: readonly string[]) =>
  ({
    id: "earlier-secret-cookies",
    async onRequest(request) {
      const header = request.headers.get("cookie");
      if (earlier.length === 0 || !header) return;
      let changed = false;
      const cookies = await Promise.all(
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
      if (!changed) return;
      const headers = new Headers(request.headers);
      headers.set("cookie", cookies.join(";").trim());
      return { request: new Request(request, { headers }) };
    },
  }) satisfies BetterAuthPlugin;

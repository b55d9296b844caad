/**
 * Better Auth's e-mail verification links (sign-up and change of address) carry a JWT signed
 * (HS256) with the auth secret, valid for an hour, and verified with the current secret only.
 * This re-signs a token that an earlier secret signed, header and claims byte for byte (its expiry
 * included: Better Auth still refuses it once expired), so that a link mailed just before a
 * rotation still works after it.
 */
import "server-only";
import { CompactSign, compactVerify } from "jose";

const key = (secret: string) => new TextEncoder().encode(secret);

/** The token signed with `current` when an earlier secret signed it, else undefined. */
export async function resignVerificationToken(
  token: string,
  current: string,
  earlier: readonly string[],
): Promise<string | undefined> {
  if (await signedWith(token, current)) return undefined;
  for (const secret of earlier) {
    const signed = await signedWith(token, secret);
    if (signed) return new CompactSign(signed.payload).setProtectedHeader(signed.protectedHeader).sign(key(current));
  }
  return undefined;
}

/** The token's parts when `secret` signed it (the signature only: expiry is Better Auth's to check). */
async function signedWith(token: string, secret: string) {
  try {
    return await compactVerify(token, key(secret), { algorithms: ["HS256"] });
  } catch {
    return undefined;
  }
}

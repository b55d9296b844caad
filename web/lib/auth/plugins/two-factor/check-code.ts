/**
 * Whether a code typed at the sign-in's code step is right, checked as Better Auth's two-factor
 * plugin checks it (better-auth/dist/plugins/two-factor: totp/ and backup-codes/), with the same
 * libraries and key: the secret and the recovery codes are stored encrypted with the auth secret
 * (`symmetricEncrypt`, the plugin's default `storeBackupCodes: "encrypted"`), and a code from the
 * app is verified by `createOTP(…).verify`, one period either side. Nothing here touches the
 * database: the caller has read the row and writes what this returns.
 */
import "server-only";
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";
import { symmetricDecrypt, symmetricEncrypt } from "better-auth/crypto";

/** The auth secret as Better Auth holds it (`ctx.context.secretConfig`): the current one and any earlier ones. */
export type SecretKey = Parameters<typeof symmetricDecrypt>[0]["key"];

/** Six digits: a code from the app. Anything else is tried as a recovery code (XXXXX-XXXXX). */
export const APP_CODE = /^\d{6}$/;

// The plugin's defaults, which index.ts does not change.
const TOTP = { digits: 6, period: 30 } as const;
/** How the plugin marks a secret imported from elsewhere (never one it generated). */
const BASE32_PREFIX = "base32:";

export type CheckedCode =
  | { kind: "app"; right: boolean }
  /** `remaining`: the encrypted list without the code used, to store in place of `stored`. */
  | { kind: "recovery"; right: false }
  | { kind: "recovery"; right: true; remaining: string };

export async function checkCode(
  code: string,
  row: { secret: string; backupCodes: string },
  key: SecretKey,
): Promise<CheckedCode> {
  if (APP_CODE.test(code)) return { kind: "app", right: await createOTP(await appSecret(row.secret, key), TOTP).verify(code) };
  const codes = recoveryCodes(await symmetricDecrypt({ key, data: row.backupCodes }));
  if (!codes.includes(code)) return { kind: "recovery", right: false };
  const remaining = await symmetricEncrypt({ key, data: JSON.stringify(codes.filter((each) => each !== code)) });
  return { kind: "recovery", right: true, remaining };
}

async function appSecret(stored: string, key: SecretKey): Promise<string | Uint8Array> {
  const secret = await symmetricDecrypt({ key, data: stored });
  return secret.startsWith(BASE32_PREFIX) ? base32.decode(secret.slice(BASE32_PREFIX.length).toUpperCase()) : secret;
}

/** The stored list, or none when it does not read as a list of strings (as the plugin's `safeJSONParse`). */
function recoveryCodes(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((each): each is string => typeof each === "string") : [];
  } catch {
    return [];
  }
}

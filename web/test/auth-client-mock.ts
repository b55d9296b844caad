/**
 * A stand-in for `@/lib/auth/client` (Better Auth's browser client is an external service here).
 * Each method is a `vi.fn` answering `{ data, error }` like the real one.
 */
import { vi } from "vitest";

export type AuthResult = {
  data: unknown;
  error: { status: number; code?: string; message?: string; statusText?: string } | null;
};

const ok = (): Promise<AuthResult> => Promise.resolve({ data: {}, error: null });
/** A sign-up that started a session (verification not required), as Better Auth answers it. */
export const signedUp = (): Promise<AuthResult> => Promise.resolve({ data: { token: "session-token", user: {} }, error: null });

export const authClient = {
  signIn: { email: vi.fn(ok), social: vi.fn(ok), passkey: vi.fn(ok) },
  linkSocial: vi.fn(ok),
  unlinkAccount: vi.fn(ok),
  signUp: { email: vi.fn(signedUp) },
  sendVerificationEmail: vi.fn(ok),
  requestPasswordReset: vi.fn(ok),
  resetPassword: vi.fn(ok),
  changeEmail: vi.fn(ok),
  deleteUser: vi.fn(ok),
  devices: { revoke: vi.fn(ok) },
  emailChange: { cancel: vi.fn(ok) },
  signOut: vi.fn(ok),
  updateUser: vi.fn(ok),
  changePassword: vi.fn(ok),
  revokeOtherSessions: vi.fn(ok),
  twoFactor: {
    enable: vi.fn(ok),
    verifyTotp: vi.fn(ok),
    verifyBackupCode: vi.fn(ok),
    signIn: vi.fn(ok),
    generateBackupCodes: vi.fn(ok),
    disable: vi.fn(ok),
  },
  passkey: { addPasskey: vi.fn(ok), deletePasskey: vi.fn(ok), updatePasskey: vi.fn(ok) },
  freshSignIn: Object.assign(vi.fn(ok), { code: vi.fn(ok) }),
  confirmWithPasskey: vi.fn(ok),
  token: vi.fn(() => Promise.resolve({ data: { token: "test-token" }, error: null })),
};

export function resetAuthClient() {
  authClient.signUp.email.mockReset();
  authClient.signUp.email.mockImplementation(signedUp);
  for (const fn of [
    authClient.signIn.email,
    authClient.signIn.social,
    authClient.signIn.passkey,
    ...Object.values(authClient.passkey),
    authClient.linkSocial,
    authClient.unlinkAccount,
    authClient.sendVerificationEmail,
    authClient.requestPasswordReset,
    authClient.resetPassword,
    authClient.changeEmail,
    authClient.deleteUser,
    authClient.devices.revoke,
    authClient.emailChange.cancel,
    authClient.signOut,
    authClient.updateUser,
    authClient.changePassword,
    authClient.revokeOtherSessions,
    ...Object.values(authClient.twoFactor),
    authClient.freshSignIn,
    authClient.freshSignIn.code,
    authClient.confirmWithPasskey,
  ]) {
    fn.mockReset();
    fn.mockImplementation(ok);
  }
}

export const authError = (status: number, code?: string, message?: string): AuthResult => ({
  data: null,
  error: { status, code, message: message ?? code, statusText: "" },
});

/** A promise the test settles later, to observe pending states. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

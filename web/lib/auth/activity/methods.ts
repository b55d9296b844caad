/**
 * How Settings → Activity says the way a sign-in (or a failed one) was made: the `method` column
 * of `account_event` holds an id (record.ts), never shown as it is. No server code here.
 *
 * The methods other than providers: a password, a passkey, a code from the authenticator app
 * (two-factor's code step, or "confirm it's you"), a recovery code. A provider's method is its
 * Better Auth id (`github`, `google`, `oidc`), named as the sign-in page names it.
 */
export const METHOD_LABELS: Readonly<Record<string, string>> = {
  password: "with password",
  passkey: "with a passkey",
  two_factor: "with an authenticator code",
  recovery_code: "with a recovery code",
};

/**
 * "with …" for `method`, naming a provider by `providerNames` (id → name, the providers this
 * environment offers). A provider no longer offered keeps its id, which is the only name left.
 */
export function describeMethod(method: string | null, providerNames: ReadonlyMap<string, string>): string | null {
  if (!method) return null;
  const label = Object.hasOwn(METHOD_LABELS, method) ? METHOD_LABELS[method] : undefined;
  return label ?? `with ${providerNames.get(method) ?? method}`;
}

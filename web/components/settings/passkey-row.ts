/**
 * A passkey as Settings lists it: its name, when it was added and last used, formatted the same
 * way on the server's first render and in the browser after an add (UTC, so both agree).
 */
export type PasskeyRow = {
  id: string;
  name: string;
  added: { iso: string; text: string };
  /** Null until it first signs someone in. */
  lastUsed: { iso: string; text: string } | null;
};

/** What the passkey plugin answers for one passkey (list-user-passkeys, verify-registration). */
export type StoredPasskey = {
  id: string;
  name?: string | null;
  createdAt?: Date | string | null;
  lastUsedAt?: Date | string | null;
};

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

const when = (value: Date | string) => {
  const date = new Date(value);
  return { iso: date.toISOString(), text: `${DATE.format(date)} UTC` };
};

export function toPasskeyRow(passkey: StoredPasskey): PasskeyRow {
  return {
    id: passkey.id,
    name: passkey.name?.trim() || "Passkey",
    added: when(passkey.createdAt ?? new Date()),
    lastUsed: passkey.lastUsedAt ? when(passkey.lastUsedAt) : null,
  };
}

/**
 * A passkey as Settings lists it: its name, when it was added and last used, formatted the same
 * way on the server's first render and in the browser after an add (the person's zone, which the
 * page passes down: lib/time/describe-moment.ts).
 */
import { describeMoment, type Moment } from "@/lib/time/describe-moment";

export type PasskeyRow = {
  id: string;
  name: string;
  added: Moment;
  /** Null until it first signs someone in. */
  lastUsed: Moment | null;
};

/** What the passkey plugin answers for one passkey (list-user-passkeys, verify-registration). */
export type StoredPasskey = {
  id: string;
  name?: string | null;
  createdAt?: Date | string | null;
  lastUsedAt?: Date | string | null;
};

export function toPasskeyRow(passkey: StoredPasskey, timeZone: string): PasskeyRow {
  return {
    id: passkey.id,
    name: passkey.name?.trim() || "Passkey",
    added: describeMoment(passkey.createdAt ?? new Date(), timeZone),
    lastUsed: passkey.lastUsedAt ? describeMoment(passkey.lastUsedAt, timeZone) : null,
  };
}

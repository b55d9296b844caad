/**
 * Database errors that mean "the caller's session ended while the statement ran", which the API
 * answers 401 `session_revoked`, not 500. Both come from an owner column, an app table's
 * reference to `user` (drizzle/schema.ts); a new owned table is covered by declaring that
 * reference, and an error on any other column or constraint stays a fault:
 * - 23502 not_null_violation: an INSERT takes its owner id from the live session
 *   (`LiveSession.ownerId`), which is NULL once the session has ended;
 * - 23503 foreign_key_violation: the account was deleted while the write ran (its session row was
 *   still in the statement's snapshot; its user row was gone when the reference was checked).
 */
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { user } from "../../../drizzle/auth-schema.ts";
import * as appTables from "../../../drizzle/schema.ts";
import { causeChain } from "../../../drizzle/sql-state.ts";

const NOT_NULL_VIOLATION = "23502";
const FOREIGN_KEY_VIOLATION = "23503";

type OwnerColumn = { table: string; column: string; constraint: string };

const OWNER_COLUMNS: readonly OwnerColumn[] = Object.values(appTables)
  .flatMap((value) => (is(value, PgTable) ? [value as PgTable] : []))
  .flatMap((table) => {
    const config = getTableConfig(table);
    return config.foreignKeys.flatMap((foreignKey) => {
      const reference = foreignKey.reference();
      if (reference.foreignTable !== user) return [];
      return reference.columns.map((column) => ({ table: config.name, column: column.name, constraint: foreignKey.getName() }));
    });
  });

/** Postgres's fields of the first error in the chain that carries a SQLSTATE. */
function postgresFields(error: unknown): { code: string; table?: string; column?: string; constraint?: string } | undefined {
  for (const current of causeChain(error)) {
    const fields = current as { code?: unknown; table?: unknown; column?: unknown; constraint?: unknown };
    if (typeof fields.code !== "string" || !/^[0-9A-Z]{5}$/.test(fields.code)) continue;
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    return { code: fields.code, table: text(fields.table), column: text(fields.column), constraint: text(fields.constraint) };
  }
  return undefined;
}

/** Whether a statement run for a live session failed because that session (or its user) is gone. */
export function isSessionEndedError(error: unknown): boolean {
  const fields = postgresFields(error);
  if (fields?.code === NOT_NULL_VIOLATION) {
    return OWNER_COLUMNS.some((owner) => owner.table === fields.table && owner.column === fields.column);
  }
  if (fields?.code === FOREIGN_KEY_VIOLATION) {
    return OWNER_COLUMNS.some((owner) => owner.constraint === fields.constraint);
  }
  return false;
}

/**
 * An error as text safe to log: its class and message, but for a database error only its class
 * and SQLSTATE. Drizzle's message lists the query's parameters (addresses, names), and Postgres's
 * messages often quote a value. log-line.ts then escapes, bounds and redacts whatever is left.
 */
import "server-only";
import { sqlState } from "../../../drizzle/sql-state.ts";

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error === "string" ? error : Object.prototype.toString.call(error);
  const state = sqlState(error);
  if (state || error.name === "DrizzleQueryError") return `${error.name}: SQLSTATE ${state ?? "none"}`;
  return `${error.name}: ${error.message}`;
}

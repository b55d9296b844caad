/**
 * Better Auth's `logger` option: its lines go out as log-line.ts makes them (one JSON line,
 * escaped, bounded, no tokens). Its default logger prints the message raw, and some messages
 * quote the request: a rejected callbackURL of "/\nERROR [Better Auth]: forged line" printed a
 * second, forged line of its own.
 */
import type { BetterAuthOptions } from "better-auth";
import { sqlState } from "../../../drizzle/sql-state.ts";
import { logLine } from "./log-line.ts";

type Level = "debug" | "info" | "warn" | "error";
export type WriteLine = (level: Level, line: string) => void;

const toConsole: WriteLine = (level, line) => {
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};

/**
 * An error as its class and message. A database error says only its SQLSTATE: Drizzle's message
 * lists the query's parameters (addresses, names), and Postgres's often quotes a value.
 */
function describeArgument(argument: unknown): unknown {
  if (!(argument instanceof Error)) return argument;
  const state = sqlState(argument);
  if (state || argument.name === "DrizzleQueryError") return `${argument.name}: SQLSTATE ${state ?? "none"}`;
  return `${argument.name}: ${argument.message}`;
}

export function authLogger(write: WriteLine = toConsole): NonNullable<BetterAuthOptions["logger"]> {
  return {
    level: "warn",
    log(level, message, ...args) {
      const detail = args.length > 0 ? { detail: args.map(describeArgument) } : {};
      write(level, logLine({ level, source: "better-auth", message, ...detail }));
    },
  };
}

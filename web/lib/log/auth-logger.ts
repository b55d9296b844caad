/**
 * Better Auth's `logger` option: its lines go out as log-line.ts makes them (one JSON line,
 * escaped, bounded, no tokens). Its default logger prints the message raw, and some messages
 * quote the request: a rejected callbackURL of "/\nERROR [Better Auth]: forged line" printed a
 * second, forged line of its own.
 * Better Auth also echoes each error's message through a default console logger of its own, outside
 * this option: `onAPIError.throw` (options.ts) turns that off, and json-errors.ts logs what is left.
 */
import "server-only";
import type { BetterAuthOptions } from "better-auth";
import { describeError } from "./describe-error.ts";
import { logLine } from "./log-line.ts";

type Level = "debug" | "info" | "warn" | "error";
export type WriteLine = (level: Level, line: string) => void;

const toConsole: WriteLine = (level, line) => {
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
};

export function authLogger(write: WriteLine = toConsole): NonNullable<BetterAuthOptions["logger"]> {
  return {
    level: "warn",
    log(level, message, ...args) {
      const detail = args.length > 0 ? { detail: args.map((arg) => (arg instanceof Error ? describeError(arg) : arg)) } : {};
      write(level, logLine({ level, source: "better-auth", message, ...detail }));
    },
  };
}

// Where the local endpoint may connect: only the one database it fronts (its host and port; any
// loopback name for a loopback database), never another address: any web page in the developer's
// browser could otherwise use it to reach other local services.
import { isIP } from "node:net";
import { connectionTarget } from "./connection-target.ts";

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || h.startsWith("::ffff:127.");
  return false;
}

export type AddressCheck = (host: string, port: number) => boolean;

const bare = (host: string) => host.replace(/^\[|\]$/g, "").toLowerCase();

/** Whether host:port is the database of `databaseUrl` (read as pg reads it: connection-target.ts). */
export function frontedDatabase(databaseUrl: string): AddressCheck {
  const fronted = connectionTarget(databaseUrl);
  const expectedHost = bare(fronted.host);
  return (host, port) =>
    port === fronted.port && (bare(host) === expectedHost || (isLoopbackHost(host) && isLoopbackHost(expectedHost)));
}

/** Host name of a postgres:// URL, or undefined when it does not parse. */
export function hostOfConnectionString(connectionString: string): string | undefined {
  try {
    return new URL(connectionString).hostname || undefined;
  } catch {
    return undefined;
  }
}

/** The URL with its password replaced by "***", for printing. */
export function redactPassword(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "(unparsable connection string)";
  }
}

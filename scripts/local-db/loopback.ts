// Which hosts the local endpoint may connect to: loopback only (it is a local dev tool),
// plus, explicitly, the host of a database it was asked to front.
import { isIP } from "node:net";

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (isIP(h) === 4) return h.startsWith("127.");
  if (isIP(h) === 6) return h === "::1" || h === "0:0:0:0:0:0:0:1" || h.startsWith("::ffff:127.");
  return false;
}

/** A predicate over host names: loopback, or one of `extraHosts` (compared case-insensitively). */
export function hostAllowList(extraHosts: string[] = []): (host: string) => boolean {
  const extra = new Set(extraHosts.map((h) => h.replace(/^\[|\]$/g, "").toLowerCase()));
  return (host) => isLoopbackHost(host) || extra.has(host.replace(/^\[|\]$/g, "").toLowerCase());
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

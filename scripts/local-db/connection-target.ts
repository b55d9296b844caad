// Where a connection string sent to POST /sql would take the endpoint's pg pool, read by pg itself:
// a pg.Client built from the string (never connected) holds the host and port its connection
// would use, after every override pg and pg-connection-string honour (`?host=`, `?port=`, a
// repeated parameter's last value, percent-encoded names, `socket:` URLs, a leading `/`, Unix
// socket folders, PGHOST/PGPORT and the defaults for what the string leaves out). Reading the URL
// separately would check one address and connect to another.
import pg from "pg";

/** Parameters that make pg read a file of this machine while it merely parses the string. */
const FILE_PARAMETERS = ["sslcert", "sslkey", "sslrootcert"];

export class ConnectionStringError extends Error {}

export type ConnectionTarget = {
  /** The string the pool is created with and keyed by: the caller's, minus application_name. */
  connectionString: string;
  /** A host name, an IP address, or a Unix socket folder (leading `/`), as pg will use it. */
  host: string;
  port: number;
};

export function connectionTarget(connectionString: string): ConnectionTarget {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    throw new ConnectionStringError("Neon-Connection-String is not a valid URL");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:")
    throw new ConnectionStringError("Neon-Connection-String must be a postgres:// or postgresql:// URL");
  for (const name of url.searchParams.keys())
    if (FILE_PARAMETERS.includes(name)) throw new ConnectionStringError(`the ${name} parameter is not accepted here`);
  // The driver appends its own application_name to every string: one pool serves them all.
  url.searchParams.delete("application_name");
  const key = url.toString();
  let client: pg.Client;
  try {
    client = new pg.Client({ connectionString: key });
  } catch (error) {
    throw new ConnectionStringError(`Neon-Connection-String does not parse: ${(error as Error).message}`);
  }
  return { connectionString: key, host: client.host, port: client.port };
}

// Neon's HTTP query protocol, as @neondatabase/serverless speaks it (`neon()`, drizzle-orm/neon-http):
// POST /sql with headers Neon-Connection-String, Neon-Array-Mode, Neon-Raw-Text-Output and, for
// batches, Neon-Batch-Isolation-Level / -Read-Only / -Deferrable; body {query, params} or
// {queries: [...]} (one transaction). Answers {fields, rows, command, rowCount, rowAsArray} or
// {results: [...]}; errors are HTTP 400 with Postgres's error fields.
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import type { StatsCounter } from "./connection-stats.ts";
import { ConnectionStringError, connectionTarget } from "./connection-target.ts";
import type { AddressCheck } from "./loopback.ts";
import type { PoolRegistry } from "./pg-pools.ts";
import type { SessionGate } from "./session-gate.ts";
import { type SimulatedDistance, travel } from "./simulated-distance.ts";

type QueryData = { query: string; params: unknown[] };
type BatchOptions = { isolationLevel?: string; readOnly?: boolean; deferrable?: boolean };

const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

const ISOLATION_LEVELS: Record<string, string> = {
  ReadUncommitted: "READ UNCOMMITTED",
  ReadCommitted: "READ COMMITTED",
  RepeatableRead: "REPEATABLE READ",
  Serializable: "SERIALIZABLE",
};

const MAX_BODY_BYTES = 64 << 20;

/** Text values exactly as Postgres sent them: the driver parses them itself by dataTypeID. */
const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value };

const PROTOCOL_VIOLATION = "08P01";
/** Postgres's "server rejected establishment of SQL connection": not the database this endpoint fronts. */
const CONNECTION_REFUSED = "08004";

/** A request the endpoint will not run; `code` is the SQLSTATE the driver sees (class 08: connection). */
class RequestError extends Error {
  readonly code: string;
  constructor(message: string, code = PROTOCOL_VIOLATION) {
    super(message);
    this.code = code;
  }
}

export type SqlHandlerOptions = {
  pools: PoolRegistry;
  /** In front of PGlite: one conversation at a time (see session-gate.ts). */
  sessionGate?: SessionGate;
  /** Simulated distance: each answer is held this long (LOCAL_DB_RTT_MS). */
  distance: SimulatedDistance;
  stats: StatsCounter;
  isFrontedDatabase: AddressCheck;
  log: (line: string) => void;
};

export function createSqlHandler(options: SqlHandlerOptions) {
  return async function handleSql(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    response.once("finish", () => options.stats.recordHttpRequest({ arrivedAt, answeredAt: performance.now() }));
    try {
      const connectionString = header(request, "neon-connection-string");
      if (!connectionString) throw new RequestError("missing Neon-Connection-String header");
      const target = readTarget(connectionString);
      if (!options.isFrontedDatabase(target.host, target.port))
        throw new RequestError(`${target.host}:${target.port} is not the database this endpoint fronts`, CONNECTION_REFUSED);
      const arrayMode = header(request, "neon-array-mode") === "true";
      const rawText = header(request, "neon-raw-text-output") === "true";
      const body = parseBody(await readBody(request));
      const pool = options.pools.get(target.connectionString);

      options.stats.countHttpQueries("queries" in body ? body.queries.length : 1);

      const gate = options.sessionGate;
      if ("queries" in body) {
        const batch = batchOptions(request);
        const results = await runBatch(pool, gate, body.queries, batch, rawText);
        await travel(options.distance);
        send(response, 200, { results: results.map((result) => toNeonResult(result, arrayMode)) });
      } else {
        const result = await runSingle(pool, gate, body, rawText);
        await travel(options.distance);
        send(response, 200, toNeonResult(result, arrayMode));
      }
    } catch (error) {
      await travel(options.distance);
      send(response, 400, toNeonError(error));
    }
  };
}

function readTarget(connectionString: string) {
  try {
    return connectionTarget(connectionString);
  } catch (error) {
    if (error instanceof ConnectionStringError) throw new RequestError(error.message, CONNECTION_REFUSED);
    throw error;
  }
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError("request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseBody(text: string): QueryData | { queries: QueryData[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestError("request body is not valid JSON");
  }
  const asQuery = (value: unknown): QueryData => {
    const { query, params } = (value ?? {}) as { query?: unknown; params?: unknown };
    if (typeof query !== "string") throw new RequestError("expected {query: string, params?: array}");
    if (params !== undefined && params !== null && !Array.isArray(params)) throw new RequestError("params must be an array");
    return { query, params: (params as unknown[] | undefined) ?? [] };
  };
  if (body && typeof body === "object" && "queries" in body) {
    const { queries } = body as { queries: unknown };
    if (!Array.isArray(queries)) throw new RequestError("queries must be an array");
    return { queries: queries.map(asQuery) };
  }
  return asQuery(body);
}

function batchOptions(request: IncomingMessage): BatchOptions {
  const level = header(request, "neon-batch-isolation-level");
  if (level !== undefined && !(level in ISOLATION_LEVELS)) throw new RequestError(`unknown Neon-Batch-Isolation-Level ${level}`);
  const flag = (name: string) => {
    const value = header(request, name);
    return value === undefined ? undefined : value === "true";
  };
  return { isolationLevel: level, readOnly: flag("neon-batch-read-only"), deferrable: flag("neon-batch-deferrable") };
}

function beginStatement(batch: BatchOptions): string {
  const modes: string[] = [];
  if (batch.isolationLevel) modes.push(`ISOLATION LEVEL ${ISOLATION_LEVELS[batch.isolationLevel]}`);
  if (batch.readOnly !== undefined) modes.push(batch.readOnly ? "READ ONLY" : "READ WRITE");
  if (batch.deferrable !== undefined) modes.push(batch.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
  return modes.length ? `BEGIN ${modes.join(", ")}` : "BEGIN";
}

function queryConfig(data: QueryData, rawText: boolean): pg.QueryArrayConfig {
  return {
    text: data.query,
    values: data.params,
    rowMode: "array",
    // Extended protocol even without parameters: two statements in one query fail (42601), as on Neon.
    queryMode: "extended",
    ...(rawText ? { types: RAW_TEXT_TYPES } : {}),
  } as pg.QueryArrayConfig;
}

/** The client's conversation, holding the session gate when there is one (checked out first). */
const holding = <T>(gate: SessionGate | undefined, work: () => Promise<T>) => (gate ? gate.run(work) : work());

/** Not pool.query(): it destroys the connection on any error, a unique violation included. */
async function runSingle(
  pool: pg.Pool,
  gate: SessionGate | undefined,
  query: QueryData,
  rawText: boolean,
): Promise<pg.QueryArrayResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await holding(gate, () => client.query(queryConfig(query, rawText)));
  } catch (error) {
    if (!isPostgresError(error)) broken = error as Error; // connection-level: drop the connection
    throw error;
  } finally {
    client.release(broken);
  }
}

function isPostgresError(error: unknown): boolean {
  return typeof (error as { severity?: unknown } | null)?.severity === "string";
}

async function runBatch(
  pool: pg.Pool,
  gate: SessionGate | undefined,
  queries: QueryData[],
  batch: BatchOptions,
  rawText: boolean,
): Promise<pg.QueryArrayResult[]> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await holding(gate, async () => {
      await client.query(beginStatement(batch));
      try {
        const results: pg.QueryArrayResult[] = [];
        for (const query of queries) results.push(await client.query(queryConfig(query, rawText)));
        await client.query("COMMIT");
        return results;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
        throw error;
      }
    });
  } catch (error) {
    if (!isPostgresError(error)) broken ??= error as Error; // connection-level: drop the connection
    throw error;
  } finally {
    client.release(broken);
  }
}

function toNeonResult(result: pg.QueryArrayResult, arrayMode: boolean) {
  const fields = (result.fields ?? []).map((field) => ({
    name: field.name,
    tableID: field.tableID,
    columnID: field.columnID,
    dataTypeID: field.dataTypeID,
    dataTypeSize: field.dataTypeSize,
    dataTypeModifier: field.dataTypeModifier,
    format: field.format,
  }));
  const rows = arrayMode
    ? result.rows
    : result.rows.map((row) => Object.fromEntries(fields.map((field, i) => [field.name, row[i]])));
  return { fields, command: result.command, rowCount: result.rowCount, rows, rowAsArray: arrayMode };
}

function toNeonError(error: unknown): Record<string, unknown> {
  const source = (error ?? {}) as Record<string, unknown>;
  const body: Record<string, unknown> = { message: error instanceof Error ? error.message : String(error) };
  if (error instanceof RequestError) body.code = error.code;
  if (isPostgresError(error)) for (const field of ERROR_FIELDS) if (source[field] !== undefined) body[field] = source[field];
  return body;
}

function send(response: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(json) });
  response.end(json);
}

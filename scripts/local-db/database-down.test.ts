// The local endpoint in front of a database that is down (nothing listens on port 1), as the
// workers' outage tests use it: both transports fail with a Postgres-shaped error, promptly, and
// leave nothing open. Over WebSocket the answer is a FATAL ErrorResponse with SQLSTATE 08006
// after the client's first message, not a bare close (which races the driver's first write).
import { NeonDbError, neon, neonConfig, Pool } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type LocalDatabase, startLocalDatabase } from "./index.ts";

const DOWN = "postgres://postgres:postgres@127.0.0.1:1/postgres";
let endpoint: LocalDatabase;
const uncaught: unknown[] = [];
const record = (error: unknown) => uncaught.push(error);

beforeAll(async () => {
  endpoint = await startLocalDatabase({ databaseUrl: DOWN });
  neonConfig.fetchEndpoint = `${endpoint.endpointUrl}/sql`;
  neonConfig.wsProxy = (host, port) => `${new URL(endpoint.endpointUrl).host}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  neonConfig.webSocketConstructor = WebSocket;
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
});

afterAll(async () => {
  process.off("uncaughtException", record);
  process.off("unhandledRejection", record);
  await endpoint?.stop();
});

describe("a database that is down, behind the local endpoint", () => {
  it("answers POST /sql with a 400 that the driver turns into a NeonDbError", async () => {
    const error = await neon(DOWN)`SELECT 1`.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NeonDbError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it("answers each WebSocket client with FATAL 08006 and closes, leaving no socket or stray error", async () => {
    for (let round = 0; round < 20; round++) {
      const pool = new Pool({ connectionString: DOWN, max: 1 });
      const errors: Error[] = [];
      pool.on("error", (error: Error) => errors.push(error));
      const failure = await pool.query("SELECT 1").catch((caught: unknown) => caught);
      expect(failure, `round ${round}`).toMatchObject({
        code: "08006",
        severity: "FATAL",
        message: expect.stringMatching(/^could not connect to the database: .*ECONNREFUSED/),
      });
      await pool.end();
      expect(errors, `round ${round}: no idle client failed afterwards`).toEqual([]);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(uncaught).toEqual([]);
    expect(endpoint.stats().connectionsOpen).toBe(0);
  });
});

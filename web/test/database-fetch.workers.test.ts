// Database queries bypass Next.js's patched fetch (w../lib/auth/database-fetch.ts): with a stand-in
// for Next's wrapper on the global fetch, a real query over Neon's HTTP transport reaches the
// database through the fetch below the wrapper, and the wrapper sees none of it.

import { env } from "cloudflare:workers";
import { neonConfig } from "@neondatabase/serverless";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { httpDatabase } from "../../drizzle/http-database.ts";
import { pointNeonAtLocalEndpoint } from "../../drizzle/neon-local.ts";
import { queryDatabaseWithoutNextFetch } from "../lib/auth/database-fetch.ts";

const globalFetch = globalThis.fetch;
let calls: { wrapper: number; original: number };

/** What Next.js installs: a wrapper on the global fetch that keeps the one it wrapped. */
function installNextLikeWrapper() {
  const original: typeof fetch = (input, init) => {
    calls.original++;
    return globalFetch(input, init);
  };
  const wrapper = Object.assign(
    ((input, init) => {
      calls.wrapper++;
      return original(input, init);
    }) as typeof fetch,
    { _nextOriginalFetch: original },
  );
  globalThis.fetch = wrapper;
}

const query = async () => httpDatabase(env.DATABASE_URL).execute(sql`select 1 as one`);

describe("database queries and Next.js's fetch", () => {
  beforeEach(() => {
    pointNeonAtLocalEndpoint(env.NEON_LOCAL_ENDPOINT);
    calls = { wrapper: 0, original: 0 };
    installNextLikeWrapper();
  });
  afterEach(() => {
    globalThis.fetch = globalFetch;
    neonConfig.fetchFunction = undefined;
  });

  it("go through the fetch below Next's wrapper", async () => {
    queryDatabaseWithoutNextFetch();
    const result = await query();
    expect(result.rows).toEqual([{ one: 1 }]);
    expect(calls).toEqual({ wrapper: 0, original: 1 });
  });

  it("went through the wrapper without it (what the test above tells apart)", async () => {
    await query();
    expect(calls).toEqual({ wrapper: 1, original: 1 });
  });

  it("use the global fetch where nothing wrapped it", async () => {
    globalThis.fetch = globalFetch;
    queryDatabaseWithoutNextFetch();
    expect((await query()).rows).toEqual([{ one: 1 }]);
  });
});

// Every foreign key has an index that starts with its columns. Deleting the referenced row (an
// account, above all: everything cascades from "user") makes Postgres look up the referencing
// rows by those columns; without such an index each deletion reads the whole referencing table.
import { env } from "cloudflare:workers";
import { neon } from "@neondatabase/serverless";
import { describe, expect, it } from "vitest";
import { dbFor, testEnv } from "./helpers.ts";

const api = testEnv({ DB_TRANSPORT: "http" });

describe("foreign keys", () => {
  it("each has an index on its columns, so that a cascading delete finds the rows by index", async () => {
    dbFor(api); // points the Neon driver at the local endpoint
    const unindexed = await neon(env.TEST_OWNER_DATABASE_URL).query(`
      select c.conrelid::regclass::text as "table", c.conname as "constraint"
      from pg_constraint c
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid
            and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] = c.conkey
        )
      order by 1, 2`);
    expect(unindexed).toEqual([]);
  });
});

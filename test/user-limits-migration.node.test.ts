// The migration that adds the `user` CHECKs first brings rows written before them within the
// limits, so that it applies to a database in use (a failed ADD CONSTRAINT would stop the deploy),
// and so that an account whose name or picture overflowed its session cookie opens again.
// Run in PGlite, from the migration files themselves.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NAME_MAX } from "../drizzle/limits.ts";

const folder = new URL("../drizzle/migrations/", import.meta.url);
const journal = JSON.parse(readFileSync(new URL("meta/_journal.json", folder), "utf8")) as { entries: { tag: string }[] };
const tags = journal.entries.map((entry) => entry.tag);
const limitsTag = tags.find((tag) => tag.endsWith("_user_limits"));
const statements = (tag: string) =>
  readFileSync(new URL(`${tag}.sql`, folder), "utf8")
    .split("--> statement-breakpoint")
    .filter((statement) => statement.trim());

const BEFORE: [string, string | null][] = [
  [`A${" ".repeat(100_000)}`, null],
  ["  Ada Lovelace\u3000", null],
  ["Line\nbreak\u0007", null],
  [`${"n".repeat(NAME_MAX - 1)}${" ".repeat(5)}tail`, null],
  ["\t \n", null],
  ["Grace", `https://example.com/${"a".repeat(20_000)}`],
  ["Unchanged Name", null],
];

let db: PGlite;
beforeAll(async () => {
  if (!limitsTag) throw new Error("no *_user_limits migration in the journal");
  db = new PGlite();
  for (const tag of tags.slice(0, tags.indexOf(limitsTag))) {
    for (const statement of statements(tag)) await db.exec(statement);
  }
  for (const [index, [name, image]] of BEFORE.entries()) {
    await db.query(`insert into "user" (id, name, email, image) values ($1, $2, $3, $4)`, [
      `u${index}`,
      name,
      `u${index}@example.test`,
      image,
    ]);
  }
  for (const statement of statements(limitsTag)) await db.exec(statement);
}, 120_000);
afterAll(() => db?.close());

describe("the user-limits migration on rows from before it", () => {
  it("trims names, turns control characters into spaces, cuts to the limit, drops pictures", async () => {
    const { rows } = await db.query<{ id: string; name: string; image: string | null }>(
      `select id, name, image from "user" order by id`,
    );
    expect(rows.map((row) => row.name)).toEqual([
      "A",
      "Ada Lovelace",
      "Line break",
      "n".repeat(NAME_MAX - 1),
      "Unnamed",
      "Grace",
      "Unchanged Name",
    ]);
    expect(rows.every((row) => row.image === null)).toBe(true);
  });

  it("leaves the constraints in force", async () => {
    await expect(db.query(`update "user" set name = ' padded ' where id = 'u6'`)).rejects.toThrow(/user_name_trimmed/);
  });
});

// The migration rule (scripts/lib/migrations/classify.ts): while a deploy runs, the release before
// it still serves from the same database, so every migration applied before the new code only
// adds. A migration that takes anything away says so in its header (`-- contract: …`) and the
// deploy applies it after the new release is up. Checked here over drizzle/migrations/*.sql, and
// the classifier itself over both classes of statement.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyStatement, classifyStatements } from "./lib/migrations/classify.ts";
import { contractMarker, readMigrations } from "./lib/migrations/migration-files.ts";
import { splitStatements } from "./lib/migrations/sql-statements.ts";

describe("drizzle/migrations", () => {
  const migrations = readMigrations();

  it.each(migrations.map((m) => [m.tag, m] as const))("%s is what its header says", (_tag, migration) => {
    const classified = classifyStatements(migration.statements);
    const contracting = classified.filter(({ classification }) => classification.kind === "contract");
    if (migration.contract === null) {
      // An unmarked migration runs before the new code: each statement must be additive.
      expect(contracting.map(({ statement, classification }) => ({ statement, classification }))).toEqual([]);
    } else {
      // A marked one must really take something away, or it only delays an expand step.
      expect(contracting.length, `${migration.tag} is marked contract but only adds`).toBeGreaterThan(0);
    }
  });

  it("classifies the existing migrations honestly", () => {
    expect(migrations.map((m) => [m.tag, m.contract === null ? "expand" : "contract"])).toEqual(
      expect.arrayContaining([
        ["0000_init", "expand"],
        ["0001_tasks_api_role", "expand"],
        ["0002_user_limits", "contract"],
        ["0003_clean_up_indexes", "expand"],
        ["0005_tasks_labels_due_priority", "expand"],
        ["0006_task_list_indexes", "expand"],
      ]),
    );
  });

  it("builds concurrent indexes only in migrations of their own, each one retryable", () => {
    for (const migration of migrations.filter((m) => m.concurrent)) {
      // They run outside a transaction, statement by statement; a retry must be able to finish them.
      for (const statement of migration.statements)
        expect(statement, migration.tag).toMatch(/^CREATE (UNIQUE )?INDEX CONCURRENTLY IF NOT EXISTS /i);
    }
  });
});

const EXPAND = [
  'CREATE TABLE "notes" ("id" text PRIMARY KEY NOT NULL, "body" text NOT NULL)',
  'CREATE TABLE IF NOT EXISTS "public"."notes" ("id" text)',
  'CREATE INDEX CONCURRENTLY IF NOT EXISTS "tasks_title_idx" ON "tasks" USING btree ("title")',
  'ALTER TABLE "tasks" ADD COLUMN "due_at" timestamp with time zone',
  'ALTER TABLE "tasks" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL',
  'ALTER TABLE "tasks" ADD COLUMN IF NOT EXISTS "note" text DEFAULT \'\'',
  'ALTER TABLE "tasks" ALTER COLUMN "description" DROP NOT NULL',
  'ALTER TABLE "tasks" ALTER COLUMN "completed" SET DEFAULT false',
  "GRANT SELECT (id) ON TABLE jwks TO tasks_api",
  "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'tasks_api') THEN CREATE ROLE tasks_api NOLOGIN; END IF; END $$",
  "CREATE EXTENSION IF NOT EXISTS pg_trgm",
  "COMMENT ON TABLE tasks IS 'the tasks; one statement per request'",
];

const CONTRACT = [
  'DROP TABLE "tasks"',
  'DROP INDEX "tasks_user_id_created_at_idx"',
  'ALTER TABLE "tasks" DROP COLUMN "description"',
  'ALTER TABLE "tasks" RENAME COLUMN "title" TO "name"',
  'ALTER TABLE "tasks" RENAME TO "todo"',
  'ALTER TABLE "tasks" ALTER COLUMN "description" SET NOT NULL',
  'ALTER TABLE "tasks" ALTER COLUMN "title" SET DATA TYPE varchar(100)',
  'ALTER TABLE "tasks" ALTER COLUMN "title" TYPE varchar(100)',
  'ALTER TABLE "tasks" ALTER COLUMN "completed" DROP DEFAULT',
  'ALTER TABLE "tasks" ADD COLUMN "owner" text NOT NULL',
  'ALTER TABLE "tasks" ADD COLUMN "slug" text UNIQUE',
  'ALTER TABLE "tasks" ADD COLUMN "ref" uuid DEFAULT gen_random_uuid()',
  'ALTER TABLE "tasks" ADD COLUMN "n" integer CHECK (n > 0)',
  'ALTER TABLE "tasks" ADD COLUMN "a" text, DROP COLUMN "description"',
  'ALTER TABLE "user" ADD CONSTRAINT "user_name_length" CHECK (char_length("user"."name") between 1 and 100)',
  'ALTER TABLE "tasks" ADD CONSTRAINT "fk" FOREIGN KEY ("user_id") REFERENCES "user"("id") NOT VALID',
  'ALTER TABLE "tasks" ENABLE ROW LEVEL SECURITY',
  'CREATE INDEX "rate_limit_last_request_idx" ON "rate_limit" USING btree ("last_request")',
  'CREATE INDEX IF NOT EXISTS "tasks_title_idx" ON "tasks" ("title")',
  'CREATE INDEX CONCURRENTLY "tasks_title_idx" ON "tasks" ("title")',
  'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "tasks_title_key" ON "tasks" ("title")',
  'UPDATE "user" SET "image" = NULL WHERE "image" IS NOT NULL',
  'DELETE FROM "session"',
  'TRUNCATE "rate_limit"',
  'INSERT INTO "tasks" ("user_id", "title") VALUES (\'u\', \'t\')',
  "REVOKE SELECT ON TABLE tasks FROM tasks_api",
  "DO $$ BEGIN DELETE FROM session; END $$",
  "CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql",
  "VACUUM FULL tasks",
];

/** The same statement as someone else might type it: keyword case and spacing changed. */
const retyped = (statement: string) =>
  fc
    .tuple(
      fc.array(fc.boolean(), { minLength: statement.length, maxLength: statement.length }),
      fc.constantFrom(" ", "  ", "\n\t"),
    )
    .map(([upper, space]) =>
      statement
        .split(/('[^']*'|"[^"]*")/)
        .map((part, i) =>
          i % 2 === 1
            ? part
            : [...part]
                .map((c, j) => (upper[j] ? c.toUpperCase() : c.toLowerCase()))
                .join("")
                .replace(/ /g, space),
        )
        .join(""),
    );

describe("classifyStatement", () => {
  it.each(EXPAND)("expand: %s", (statement) => {
    expect(classifyStatement(statement, new Set())).toEqual({ kind: "expand" });
  });

  it.each(CONTRACT)("contract: %s", (statement) => {
    expect(classifyStatement(statement, new Set()).kind).toBe("contract");
  });

  it("keeps each class whatever the case and spacing (as split from a file)", () => {
    for (const [statements, kind] of [
      [EXPAND, "expand"],
      [CONTRACT, "contract"],
    ] as const) {
      fc.assert(
        fc.property(fc.constantFrom(...statements).chain(retyped), (statement) => {
          const [normalised] = splitStatements(`${statement};`);
          expect(classifyStatement(normalised ?? "", new Set()).kind).toBe(kind);
        }),
        { numRuns: 300 },
      );
    }
  });

  it("lets a migration do anything to a table it creates itself", () => {
    const classified = classifyStatements([
      'CREATE TABLE "notes" ("id" text PRIMARY KEY NOT NULL)',
      'ALTER TABLE "notes" ADD COLUMN "owner" text NOT NULL',
      'ALTER TABLE "notes" ADD CONSTRAINT "notes_owner_fk" FOREIGN KEY ("owner") REFERENCES "public"."user"("id")',
      'CREATE UNIQUE INDEX "notes_owner_idx" ON "notes" ("owner")',
      'INSERT INTO "notes" ("id", "owner") VALUES (\'a\', \'b\')',
    ]);
    expect(classified.map(({ classification }) => classification.kind)).toEqual(Array(5).fill("expand"));
    // …but not to one it did not create.
    expect(classifyStatements(['ALTER TABLE "other" ADD COLUMN "owner" text NOT NULL'])[0]?.classification.kind).toBe("contract");
  });
});

describe("a CHECK on columns the same migration adds", () => {
  const added = 'ALTER TABLE "tasks" ADD COLUMN "priority" smallint DEFAULT 0 NOT NULL';
  const kinds = (...statements: string[]) => classifyStatements(statements).map(({ classification }) => classification.kind);

  it("is additive when it is NOT VALID and names only those columns", () => {
    expect(kinds(added, 'ALTER TABLE "tasks" ADD CONSTRAINT "p" CHECK ("tasks"."priority" between 0 and 4) NOT VALID')).toEqual([
      "expand",
      "expand",
    ]);
  });

  it.each([
    [
      "validated (it scans the table under its lock)",
      'ALTER TABLE "tasks" ADD CONSTRAINT "p" CHECK ("tasks"."priority" between 0 and 4)',
    ],
    [
      "naming a column the running release writes",
      'ALTER TABLE "tasks" ADD CONSTRAINT "p" CHECK ("tasks"."priority" < char_length("tasks"."title")) NOT VALID',
    ],
    ["naming a column by a bare word", 'ALTER TABLE "tasks" ADD CONSTRAINT "p" CHECK ("tasks"."priority" < title) NOT VALID'],
    ["on another table's column of that name", 'ALTER TABLE "notes" ADD CONSTRAINT "p" CHECK ("notes"."priority" > 0) NOT VALID'],
  ])("is a contract step when %s", (_, check) => {
    expect(kinds(added, check)).toEqual(["expand", "contract"]);
  });
});

describe("splitStatements", () => {
  it("keeps dollar-quoted bodies and quoted semicolons whole, and drops comments", () => {
    const sql = `-- header; not a statement
DO $$
BEGIN
  CREATE ROLE r; -- inside
END
$$;
--> statement-breakpoint
COMMENT ON TABLE t IS 'a; b';/* gone */ GRANT SELECT ON t TO r;`;
    expect(splitStatements(sql)).toEqual([
      "DO $$ BEGIN CREATE ROLE r; -- inside END $$",
      "COMMENT ON TABLE t IS 'a; b'",
      "GRANT SELECT ON t TO r",
    ]);
  });
});

describe("contractMarker", () => {
  it("reads the header only", () => {
    expect(contractMarker("-- what it does\n-- contract: drops tasks.legacy\nDROP TABLE x;")).toBe("drops tasks.legacy");
    expect(contractMarker("CREATE TABLE x (id int);\n-- contract: too late\n")).toBeNull();
    expect(contractMarker("-- no marker here\nCREATE TABLE x (id int);")).toBeNull();
  });
});

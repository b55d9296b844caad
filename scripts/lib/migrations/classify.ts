/**
 * The migration rule: while a deploy runs, the release before it still serves from the same
 * database, so a migration applied before the new code may only *add* what the old code can
 * ignore. Anything else is a contract step: it must say so in its header and is applied after the
 * new release is up (scripts/lib/migrations/migration-files.ts reads the marker; the deploy and
 * scripts/local-db/apply-migrations.ts order the steps).
 *
 * Additive (expand): a new table and anything on it (its indexes, constraints, rows); a column
 * that is nullable or has a constant default; an index built CONCURRENTLY (a plain CREATE INDEX
 * locks the table's writes while it builds); grants, a role created if missing, schemas, types,
 * sequences, comments; loosening (DROP NOT NULL, SET DEFAULT).
 * A CHECK added NOT VALID that names only columns the same migration added is additive too: the
 * running release never writes those columns, so its rows take their constant defaults (which the
 * migration's own test shows pass), and NOT VALID scans nothing under the table's lock.
 * Contract: drops, renames, type changes, SET NOT NULL, new constraints or unique indexes on
 * existing tables (they refuse writes the running release may make), REVOKE, rewriting or deleting
 * rows, and anything this file does not know to be additive.
 */

export type Classification = { kind: "expand" } | { kind: "contract"; reason: string };

const EXPAND: Classification = { kind: "expand" };
const contract = (reason: string): Classification => ({ kind: "contract", reason });

/** A table name as written, unquoted and without `public.`. */
const tableName = (raw: string) => raw.replace(/"/g, "").replace(/^public\./i, "");
const NAME = String.raw`((?:"[^"]+"|[\w]+)(?:\.(?:"[^"]+"|[\w]+))?)`;
const CREATE_TABLE = new RegExp(`^CREATE (?:UNLOGGED )?TABLE (?:IF NOT EXISTS )?${NAME}`, "i");
const CREATE_INDEX = new RegExp(
  `^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(IF NOT EXISTS )?(?:${NAME} )?ON (?:ONLY )?${NAME}`,
  "i",
);
const ALTER_TABLE = new RegExp(`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?${NAME} (.+)$`, "i");
const INSERT_INTO = new RegExp(`^INSERT INTO ${NAME}`, "i");

/** A role created only when missing, as drizzle-kit cannot express it (0001_tasks_api_role). */
const CREATE_ROLE_IF_MISSING =
  /^DO \$\$ BEGIN IF NOT EXISTS \(SELECT FROM pg_catalog\.pg_roles WHERE rolname = '\w+'\) THEN CREATE ROLE \w+(?: NOLOGIN)?; END IF; END \$\$$/i;

/** Defaults that Postgres evaluates per row, so that adding the column rewrites the whole table. */
const VOLATILE_DEFAULT = /\bDEFAULT\s+(gen_random_uuid|uuid_generate_v4|random|clock_timestamp|timeofday|nextval)\s*\(/i;

/**
 * Classifies one statement (from `splitStatements`). `newTables` holds the tables created earlier
 * in the same migration (what happens to a table nobody has used yet cannot break anyone) and, as
 * `table.column`, the columns added to existing tables; the statement's own additions join it.
 */
export function classifyStatement(statement: string, newTables: Set<string>): Classification {
  const s = statement.trim();
  const isNew = (raw: string | undefined) => newTables.has(tableName(raw ?? ""));

  const createTable = CREATE_TABLE.exec(s);
  if (createTable) {
    newTables.add(tableName(createTable[1] ?? ""));
    return EXPAND;
  }
  const createIndex = CREATE_INDEX.exec(s);
  if (createIndex) {
    const [, unique, concurrently, ifNotExists, , table] = createIndex;
    if (isNew(table)) return EXPAND;
    if (unique) return contract("a unique index on an existing table refuses rows the running release may write");
    if (!concurrently) return contract("CREATE INDEX on an existing table blocks its writes while it builds: use CONCURRENTLY");
    if (!ifNotExists)
      return contract("CREATE INDEX CONCURRENTLY runs outside a transaction: add IF NOT EXISTS so a retry can finish it");
    return EXPAND;
  }
  const alterTable = ALTER_TABLE.exec(s);
  if (alterTable) {
    if (isNew(alterTable[1])) return EXPAND;
    const table = tableName(alterTable[1] ?? "");
    const verdicts = splitTopLevel(alterTable[2] ?? "", ",").map((action) =>
      classifyAlterAction(action.trim(), table, newTables),
    );
    return verdicts.find((verdict) => verdict.kind === "contract") ?? EXPAND;
  }
  const insert = INSERT_INTO.exec(s);
  if (insert) return isNew(insert[1]) ? EXPAND : contract("writes rows the running release reads");
  if (/^GRANT /i.test(s)) return EXPAND;
  if (CREATE_ROLE_IF_MISSING.test(s)) return EXPAND;
  if (/^CREATE (SCHEMA|EXTENSION|SEQUENCE|TYPE|VIEW|ROLE) /i.test(s)) return EXPAND;
  if (/^COMMENT ON /i.test(s)) return EXPAND;
  if (/^DROP /i.test(s)) return contract("drops what the running release may use");
  if (/ RENAME /i.test(s)) return contract("renames what the running release uses by its old name");
  if (/^(UPDATE|DELETE|TRUNCATE) /i.test(s)) return contract("rewrites or deletes rows the running release reads");
  if (/^REVOKE /i.test(s)) return contract("takes away a privilege the running release may use");
  return contract("not known to be additive");
}

function classifyAlterAction(action: string, table: string, added: Set<string>): Classification {
  if (/^ADD (?:COLUMN )?(?!CONSTRAINT\b|PRIMARY KEY\b|UNIQUE\b|CHECK\b|FOREIGN KEY\b|EXCLUDE\b)/i.test(action)) {
    if (/\b(PRIMARY KEY|UNIQUE|CHECK)\b/i.test(action)) return contract("a new column with a constraint over existing rows");
    if (VOLATILE_DEFAULT.test(action)) return contract("a per-row default rewrites the whole table under a lock");
    if (/\bNOT NULL\b/i.test(action) && !/\bDEFAULT\b/i.test(action))
      return contract("NOT NULL without a default: the running release's inserts do not set it");
    const column = /^ADD (?:COLUMN )?(?:IF NOT EXISTS )?("[^"]+"|\w+)/i.exec(action)?.[1];
    if (column) added.add(`${table}.${column.replace(/"/g, "")}`);
    return EXPAND;
  }
  if (checksOnlyAddedColumns(action, table, added)) return EXPAND;
  if (/^ALTER (?:COLUMN )?\S+ (DROP NOT NULL|SET DEFAULT)\b/i.test(action)) return EXPAND;
  if (/^ADD /i.test(action)) return contract("a new constraint on an existing table refuses writes the running release may make");
  if (/^DROP /i.test(action)) return contract("drops what the running release may use");
  if (/^RENAME /i.test(action)) return contract("renames what the running release uses by its old name");
  if (/^ALTER /i.test(action)) return contract("changes a column the running release uses (type, NOT NULL, default)");
  return contract("not known to be additive");
}

/** `ADD CONSTRAINT "name" CHECK (…) NOT VALID` whose quoted column names were all added by this migration. */
function checksOnlyAddedColumns(action: string, table: string, added: Set<string>): boolean {
  const check = /^ADD CONSTRAINT (?:"[^"]+"|\w+) CHECK (\(.*\)) NOT VALID$/is.exec(action)?.[1];
  if (!check) return false;
  // Every name in the expression must be quoted (drizzle-kit writes them so): a bare word could be a column.
  const withoutStrings = check.replace(/'[^']*'/g, "''");
  const quoted = [...withoutStrings.matchAll(/"([^"]+)"/g)].map((match) => match[1] ?? "").filter((name) => name !== table);
  const bare = withoutStrings.replace(/"[^"]+"/g, "").match(/\b[a-z_][\w]*\b/gi) ?? [];
  const known = new Set([
    "not",
    "or",
    "and",
    "is",
    "null",
    "between",
    "at",
    "time",
    "zone",
    "in",
    "true",
    "false",
    "char_length",
  ]);
  if (bare.some((word) => !known.has(word.toLowerCase()))) return false;
  return quoted.length > 0 && quoted.every((column) => added.has(`${table}.${column}`));
}

/** Splits at `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = "";
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === "(") depth += 1;
    else if (char === ")") depth -= 1;
    else if (char === separator && depth === 0) {
      parts.push(current);
      current = "";
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts;
}

export type ClassifiedStatement = { statement: string; classification: Classification };

/** Every statement of one migration, in order, with what the migration creates in scope. */
export function classifyStatements(statements: string[]): ClassifiedStatement[] {
  const newTables = new Set<string>();
  return statements.map((statement) => ({ statement, classification: classifyStatement(statement, newTables) }));
}

// applyMigrations(): drizzle-kit's SQL migrations (drizzle/migrations) applied over one pg
// connection, recorded in Drizzle's own table (drizzle.__drizzle_migrations: hash and the
// journal's `when`), so Drizzle's migrator and this one agree on what is applied. Idempotent.
// Works on the local database and on Neon alike (pg negotiates TLS when the URL says sslmode=require).
//
// Unlike Drizzle's migrator (all pending migrations in one transaction), each migration is its own
// transaction, because an index built CONCURRENTLY cannot run inside one: such a migration runs
// statement by statement, and a retry first drops an index that an interrupted build left invalid.
// `phase: "expand"` stops before the first contract step (scripts/lib/migrations/classify.ts):
// the deploy applies those only once the new release is up.
import pg from "pg";
import { MIGRATIONS_FOLDER, type Migration, readMigrations } from "../lib/migrations/migration-files.ts";

/** The repository's migrations: <repo>/drizzle/migrations. */
export const DEFAULT_MIGRATIONS_FOLDER = MIGRATIONS_FOLDER;

/** An arbitrary constant: serialises concurrent migrators on a real Postgres. */
const ADVISORY_LOCK_KEY = 7_245_118_830;

export type ApplyMigrationsOptions = {
  migrationsFolder?: string;
  log?: (line: string) => void;
  /** "all" (the default) or "expand": only the expand steps before the first pending contract step. */
  phase?: "all" | "expand";
};

export type AppliedMigration = { tag: string; kind: "expand" | "contract" };

export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<AppliedMigration[]> {
  const folder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  return withMigrationLock(databaseUrl, async (client) => {
    const pending = await pendingIn(client, readMigrations(folder));
    const firstContract = pending.findIndex((migration) => migration.contract !== null);
    const now = options.phase === "expand" && firstContract >= 0 ? pending.slice(0, firstContract) : pending;
    const applied: AppliedMigration[] = [];
    for (const migration of now) {
      await (migration.concurrent ? applyConcurrently(client, migration) : applyInTransaction(client, migration));
      applied.push({ tag: migration.tag, kind: migration.contract === null ? "expand" : "contract" });
    }
    const total = await countApplied(client);
    const held = pending.length - now.length;
    const heldNote = held > 0 ? `; ${held} held back, from ${pending[firstContract]?.tag} (a contract step)` : "";
    options.log?.(
      applied.length > 0
        ? `applied ${applied.length} migration(s) from ${folder} (${total} in total): ${applied.map((m) => `${m.tag} (${m.kind})`).join(", ")}${heldNote}`
        : `database is up to date (${total} migration(s) applied)${heldNote}`,
    );
    return applied;
  });
}

/** The migrations not yet applied to the database, in order. */
export async function pendingMigrations(databaseUrl: string, folder: string = DEFAULT_MIGRATIONS_FOLDER): Promise<Migration[]> {
  return withMigrationLock(databaseUrl, (client) => pendingIn(client, readMigrations(folder)));
}

async function withMigrationLock<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "apply-migrations" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      return await work(client);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

/** As Drizzle decides: every migration newer than the newest one recorded. */
async function pendingIn(client: pg.Client, migrations: Migration[]): Promise<Migration[]> {
  await client.query("CREATE SCHEMA IF NOT EXISTS drizzle");
  await client.query(
    "CREATE TABLE IF NOT EXISTS drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)",
  );
  const { rows } = await client.query<{ created_at: string }>(
    "SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY created_at DESC LIMIT 1",
  );
  const last = rows[0] ? Number(rows[0].created_at) : undefined;
  return migrations.filter((migration) => last === undefined || last < migration.folderMillis);
}

async function countApplied(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
  return rows[0]?.n ?? 0;
}

const record = (client: pg.Client, migration: Migration) =>
  client.query("INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ($1, $2)", [
    migration.hash,
    migration.folderMillis,
  ]);

async function applyInTransaction(client: pg.Client, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const chunk of migration.chunks) await client.query(chunk);
    await record(client, migration);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new Error(`migration ${migration.tag} failed (nothing of it applied): ${(error as Error).message}`, { cause: error });
  }
}

const CONCURRENT_INDEX = /^CREATE (?:UNIQUE )?INDEX CONCURRENTLY IF NOT EXISTS ("[^"]+"|\w+)/i;

async function applyConcurrently(client: pg.Client, migration: Migration): Promise<void> {
  for (const statement of migration.statements) {
    const index = CONCURRENT_INDEX.exec(statement)?.[1];
    // An interrupted CONCURRENTLY build leaves an invalid index that IF NOT EXISTS would keep.
    if (index) {
      const { rows } = await client.query<{ valid: boolean }>(
        "SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass($1)",
        [index],
      );
      if (rows[0] && !rows[0].valid) await client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
    }
    try {
      await client.query(statement);
    } catch (error) {
      throw new Error(
        `migration ${migration.tag} failed at \`${statement}\` (run it again to finish): ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
  await record(client, migration);
}

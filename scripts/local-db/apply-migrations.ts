// applyMigrations(): drizzle-kit's SQL migrations (drizzle/migrations) applied with Drizzle's
// node-postgres migrator over one pg connection. Idempotent: applied migrations are recorded in
// drizzle.__drizzle_migrations and skipped. Works on the local database and on Neon alike
// (pg negotiates TLS when the URL says sslmode=require).
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

/** The repository's migrations: <repo>/drizzle/migrations, found from this file's location. */
export const DEFAULT_MIGRATIONS_FOLDER = fileURLToPath(new URL("../../drizzle/migrations", import.meta.url));

/** An arbitrary constant: serialises concurrent migrators on a real Postgres. */
const ADVISORY_LOCK_KEY = 7_245_118_830;

export type ApplyMigrationsOptions = {
  migrationsFolder?: string;
  log?: (line: string) => void;
};

export async function applyMigrations(databaseUrl: string, options: ApplyMigrationsOptions = {}): Promise<void> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS_FOLDER;
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "apply-migrations" });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      const before = await countApplied(client);
      await migrate(drizzle({ client }), { migrationsFolder });
      const after = await countApplied(client);
      options.log?.(
        after > before
          ? `applied ${after - before} migration(s) from ${migrationsFolder} (${after} in total)`
          : `database is up to date (${after} migration(s) applied)`,
      );
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function countApplied(client: pg.Client): Promise<number> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
  return rows[0]?.n ?? 0;
}

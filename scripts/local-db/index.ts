// The local database: embedded Postgres (PGlite over TCP) or a real one, fronted by a local
// Neon-compatible endpoint (HTTP /sql and WebSocket proxy), plus Drizzle migrations.
export { type ApplyMigrationsOptions, applyMigrations, DEFAULT_MIGRATIONS_FOLDER } from "./apply-migrations.ts";
export { readDataDirLock } from "./data-dir-lock.ts";
export { type LocalDatabase, type LocalDatabaseOptions, startLocalDatabase } from "./local-database.ts";

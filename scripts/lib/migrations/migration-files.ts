/**
 * The migrations as drizzle-kit wrote them (drizzle/migrations: meta/_journal.json and one SQL
 * file per tag), read the way Drizzle's migrator reads them (same order, same hash, same
 * `folderMillis`), plus what the deploy needs: each one's kind.
 *
 * The kind is declared in the file's header: a migration that is not purely additive starts with
 *   -- contract: <what it takes away, and which release stopped needing it>
 * and is applied only after the new release is up. Everything else is an expand step, applied
 * before the new code. scripts/migration-rule.test.ts holds every file to its declaration.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { splitStatements } from "./sql-statements.ts";

/** The repository's migrations: <repo>/drizzle/migrations. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../../drizzle/migrations", import.meta.url));

export type Migration = {
  tag: string;
  /** The journal's `when`: what Drizzle's table records as `created_at`, and orders by. */
  folderMillis: number;
  /** sha256 of the file, as Drizzle records it. */
  hash: string;
  /** drizzle-kit's chunks, each run as one query. */
  chunks: string[];
  statements: string[];
  /** The header's reason when the file declares itself a contract step. */
  contract: string | null;
  /** Builds an index CONCURRENTLY: must run outside a transaction, one statement at a time. */
  concurrent: boolean;
};

type Journal = { entries: { tag: string; when: number }[] };

const CONTRACT_HEADER = /^--\s*contract:\s*(\S.*)$/i;

/** The header's contract reason: only the comment lines before the first statement count. */
export function contractMarker(sql: string): string | null {
  for (const line of sql.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    if (!trimmed.startsWith("--")) return null;
    const match = CONTRACT_HEADER.exec(trimmed);
    if (match) return match[1]?.trim() ?? null;
  }
  return null;
}

export function readMigrations(folder: string = MIGRATIONS_FOLDER): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta/_journal.json"), "utf8")) as Journal;
  return journal.entries.map(({ tag, when }) => {
    const sql = readFileSync(join(folder, `${tag}.sql`), "utf8");
    const statements = splitStatements(sql);
    return {
      tag,
      folderMillis: when,
      hash: createHash("sha256").update(sql).digest("hex"),
      chunks: sql.split("--> statement-breakpoint").filter((chunk) => splitStatements(chunk).length > 0),
      statements,
      contract: contractMarker(sql),
      concurrent: statements.some((statement) => /^CREATE (UNIQUE )?INDEX CONCURRENTLY /i.test(statement)),
    };
  });
}

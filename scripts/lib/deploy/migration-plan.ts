/**
 * When each pending migration runs during a deploy. While a release is serving, expand steps run
 * before the new code (the old code ignores what they add) and contract steps after the new
 * release is up and verified (scripts/lib/migrations/classify.ts). On a database nothing serves
 * from yet, everything runs before the code.
 */
import { classifyStatements } from "../migrations/classify.ts";
import type { Migration } from "../migrations/migration-files.ts";

export type MigrationPlan = { before: Migration[]; after: Migration[]; problems: string[] };

export function planMigrations(pending: Migration[], releaseServing: boolean): MigrationPlan {
  const problems = pending.flatMap((migration) => {
    if (migration.contract !== null) return [];
    const contracting = classifyStatements(migration.statements).find(({ classification }) => classification.kind === "contract");
    if (contracting?.classification.kind !== "contract") return [];
    return [
      `${migration.tag} is not marked as a contract step but \`${contracting.statement.slice(0, 120)}\` ${contracting.classification.reason}`,
    ];
  });
  if (!releaseServing) return { before: pending, after: [], problems };
  const firstContract = pending.findIndex((migration) => migration.contract !== null);
  if (firstContract < 0) return { before: pending, after: [], problems };
  const after = pending.slice(firstContract);
  for (const late of after.filter((migration) => migration.contract === null))
    problems.push(
      `${late.tag} (expand) comes after the pending contract step ${pending[firstContract]?.tag}: the new code would start without it. Deploy the release before ${late.tag} first`,
    );
  return { before: pending.slice(0, firstContract), after, problems };
}

export const describeMigrations = (migrations: Migration[]) =>
  migrations.length > 0 ? migrations.map((m) => `${m.tag} (${m.contract === null ? "expand" : "contract"})`).join(", ") : "none";

// drizzle-kit: generates SQL migrations from drizzle/index.ts (`npm run db:generate`).
// Migrations are applied by `npm run db:migrate` (scripts/migrate.ts). Docs: https://orm.drizzle.team/docs/drizzle-config-file
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./drizzle/index.ts",
  out: "./drizzle/migrations",
});

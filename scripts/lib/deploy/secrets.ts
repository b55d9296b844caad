/**
 * Secrets before anything is deployed: each worker's required secrets (its config's
 * `[secrets] required`) must be stored on it already or come in the file uploaded with it.
 * Only names are compared and printed; values never leave the file except to wrangler.
 */
import { readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import type { DeployedWorker } from "./environment.ts";

/** A secrets file as `wrangler deploy --secrets-file` reads it: JSON, or .env lines. */
export function readSecretsFile(path: string): Record<string, string> {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".json")) {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== "object" || Object.values(parsed).some((value) => typeof value !== "string"))
      throw new Error(`${path}: a JSON secrets file is one object of string values`);
    return parsed as Record<string, string>;
  }
  return parseEnv(text) as Record<string, string>;
}

export type SecretsState = {
  worker: DeployedWorker;
  /** Names stored on the deployed worker; null when it does not exist yet. */
  stored: string[] | null;
  /** Names in the file given for it. */
  provided: string[];
};

/** "web (edge-tasks-web-staging): RESEND_API_KEY, EMAIL_FROM" for each worker missing some. */
export function missingSecrets(states: SecretsState[]): string[] {
  return states.flatMap(({ worker, stored, provided }) => {
    const missing = worker.requiredSecrets.filter((name) => !stored?.includes(name) && !provided.includes(name));
    return missing.length > 0 ? [`${worker.role} worker (${worker.name}): ${missing.join(", ")}`] : [];
  });
}

/**
 * The order in which to deploy the two workers. They bind each other (the web worker's `API`,
 * the API worker's `AUTH`) and Cloudflare refuses a binding to a worker that does not exist, so
 * on an empty account neither can go first: a placeholder takes the API worker's name (no
 * bindings, no routes, answers 503), the web worker deploys bound to it, and the real API worker
 * replaces it, bound to the web worker. Once both exist, an update is the web worker, then the API.
 */
import type { WorkerRole } from "./environment.ts";

export type DeployStep = { role: WorkerRole; placeholder: boolean };

export function deployOrder(exists: Record<WorkerRole, boolean>): DeployStep[] {
  const real = (role: WorkerRole): DeployStep => ({ role, placeholder: false });
  if (!exists.api && !exists.web) return [{ role: "api", placeholder: true }, real("web"), real("api")];
  // The web worker binds the API worker: when only the API is missing, it goes first.
  if (exists.web && !exists.api) return [real("api"), real("web")];
  return [real("web"), real("api")];
}

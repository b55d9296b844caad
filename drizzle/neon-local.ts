/**
 * Shared by both workers. Points the Neon driver at the local Neon-compatible endpoint (scripts/local-db) instead of
 * Neon's hosted one. Used only when NEON_LOCAL_ENDPOINT is set, i.e. in `wrangler dev` and tests;
 * in production the driver's defaults stand.
 */
import { neonConfig } from "@neondatabase/serverless";

let configuredFor: string | undefined;

export function pointNeonAtLocalEndpoint(endpoint: string): void {
  if (!endpoint || configuredFor === endpoint) return;
  const url = new URL(endpoint);
  neonConfig.fetchEndpoint = `${url.origin}/sql`;
  neonConfig.wsProxy = (host, port) => `${url.host}/v1?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = url.protocol === "https:";
  // The local endpoint speaks plain Postgres behind the proxy: no TLS to pipeline, and
  // pipelined startup fails against trust auth ("invalid frontend message type 112").
  neonConfig.pipelineTLS = false;
  neonConfig.pipelineConnect = false;
  configuredFor = endpoint;
}

// The Cron Trigger's clean-up, reached only from web/worker.js (web/lib/maintenance/internal-route.ts).
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { cleanUpRoute } from "@/lib/maintenance/clean-up-route";

export async function POST(request: Request): Promise<Response> {
  const { env } = await getCloudflareContext({ async: true });
  return cleanUpRoute(request, env);
}

// The mail queue's deliveries, reached only from web/worker.js `queue()` (web/lib/maintenance/internal-route.ts).
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { mailDeliveryRoute } from "@/lib/email/mail-route";

export async function POST(request: Request): Promise<Response> {
  const { env } = await getCloudflareContext({ async: true });
  return mailDeliveryRoute(request, env);
}

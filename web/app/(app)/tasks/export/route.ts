// The tasks page's "Export" links (web/lib/tasks/export-download.ts).
import { exportDownload } from "@/lib/tasks/export-download";
import { tasksApiForThisRequest } from "@/lib/tasks/tasks-api-on-server";

export async function GET(request: Request): Promise<Response> {
  return exportDownload(new URL(request.url), tasksApiForThisRequest);
}

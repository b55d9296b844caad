/**
 * The tasks page's "Export" buttons: the person's tasks as a file, fetched in the browser with
 * its own API token (api.ts) and handed to the browser's download. The API streams the file a page
 * of tasks at a time; the browser holds it once, as a Blob (10,000 tasks are about 2 MB of CSV).
 *
 * Not a link to a route of the web worker that would pass the API's stream on: each route handler
 * of the Next.js build carries its own copy of the chunk with Better Auth in it (about 300 KB), and
 * the web worker is over its size budget already.
 */
import type { ExportFormat, TasksApi } from "./api.ts";

export const EXPORT_FORMATS = ["csv", "json"] as const satisfies readonly ExportFormat[];

/**
 * The name the API gave the file. It writes `attachment; filename="tasks-YYYY-MM-DD.csv"` and
 * nothing else (worker-api/src/routes/tasks.ts), so this reads that form only, not every form
 * RFC 6266 allows; anything else gets a plain name.
 */
export function exportFileName(contentDisposition: string | null, format: ExportFormat): string {
  const name = /^attachment; filename="(tasks-\d{4}-\d{2}-\d{2}\.(?:csv|json))"$/.exec(contentDisposition ?? "")?.[1];
  return name ?? `tasks.${format}`;
}

export type ExportFile = { name: string; blob: Blob };

export async function fetchExport(api: TasksApi, format: ExportFormat): Promise<ExportFile> {
  const response = await api.exportFile(format);
  return { name: exportFileName(response.headers.get("content-disposition"), format), blob: await response.blob() };
}

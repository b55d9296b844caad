/**
 * The "Export" links of the tasks page: the signed-in person's tasks as a file, downloaded with the
 * session cookie (a link cannot carry the API's Bearer token). The web worker asks the API over
 * the service binding and passes its streamed body on unread, so 10,000 tasks never sit in this
 * worker's memory either. A link followed after the session ended goes to sign-in and back to the
 * tasks; a wrong format is a 422 that says so, like the API's.
 */
import { ApiError, type ExportFormat, type TasksApi } from "./api.ts";

export const EXPORT_FORMATS = ["csv", "json"] as const satisfies readonly ExportFormat[];
export const EXPORT_PATH = "/tasks/export";

/** The link of one format. */
export const exportHref = (format: ExportFormat) => `${EXPORT_PATH}?format=${format}`;

const isExportFormat = (value: string | null): value is ExportFormat => EXPORT_FORMATS.some((format) => format === value);

/** The headers of the API's answer that describe the file; nothing else of it reaches the browser. */
const FILE_HEADERS = ["content-type", "content-disposition"];

export async function exportDownload(url: URL, api: () => Promise<TasksApi>): Promise<Response> {
  const format = url.searchParams.get("format");
  if (!isExportFormat(format)) {
    return Response.json(
      {
        code: "validation_failed",
        message: "The request query is invalid.",
        details: { format: [`format must be ${EXPORT_FORMATS.join(" or ")}`] },
      },
      { status: 422 },
    );
  }
  try {
    const file = await (await api()).exportFile(format);
    const headers = new Headers({ "Cache-Control": "private, no-store" });
    for (const name of FILE_HEADERS) {
      const value = file.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    return new Response(file.body, { status: 200, headers });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401) {
      const signIn = new URL("/signin", url);
      signIn.searchParams.set("from", "/tasks");
      return Response.redirect(signIn.href, 303);
    }
    // Unreachable (0) is the API's outage, not the request's fault: 503, as the page's error state says.
    const status = error.status === 0 ? 503 : error.status;
    return Response.json({ code: error.code, message: error.message }, { status });
  }
}

/**
 * The export as a byte stream, read one page at a time: a page is read from the database only
 * when the client has taken the one before (`highWaterMark: 0`), so a 10,000-task export holds one
 * page in memory, not the whole list. The first page is read before the response starts, so that
 * its failures (an ended session, the database down) are the route's ordinary JSON errors; a
 * failure on a later page can only cut the download short (the JSON then does not parse).
 * `done` settles when the body has been read to the end, has failed or the client went away: the
 * request's database connection must stay open until then.
 */
import type { ExportCursor, ExportedTask } from "../data/task-export.ts";
import type { ExportEncoder } from "./task-export-formats.ts";

export type ExportPage = { tasks: ExportedTask[]; more: boolean };

export function taskExportStream(
  first: ExportPage,
  readAfter: (cursor: ExportCursor) => Promise<ExportPage>,
  encoder: ExportEncoder,
): { body: ReadableStream<Uint8Array>; done: Promise<void> } {
  let settle = () => {};
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const bytes = new TextEncoder();
  let ready: ExportPage | null = first;
  let cursor: ExportCursor | null = null;
  let written = 0;
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let page: ExportPage;
        try {
          page = ready ?? (cursor ? await readAfter(cursor) : { tasks: [], more: false });
        } catch (error) {
          settle();
          throw error;
        }
        ready = null;
        let chunk = (started ? "" : encoder.start) + encoder.page(page.tasks, written);
        started = true;
        written += page.tasks.length;
        const last = page.tasks.at(-1);
        cursor = page.more && last ? { createdAt: last.createdAt, id: last.id } : null;
        if (!cursor) chunk += encoder.end;
        controller.enqueue(bytes.encode(chunk));
        if (!cursor) {
          controller.close();
          settle();
        }
      },
      cancel() {
        settle();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, done };
}

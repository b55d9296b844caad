/**
 * The export's two file formats, each as a start, one piece per page, and an end, so that the
 * file can be written one page at a time (task-export-stream.ts).
 *
 * CSV is RFC 4180 as csv-stringify writes it (a cell is quoted when it holds a comma, a quote, CR
 * or LF, and its quotes doubled; rows end in CRLF), with two additions for spreadsheets:
 * - `escape_formulas`: a cell that begins with `=`, `+`, `-`, `@`, tab or CR (or the full-width
 *   `＝ ＋ － ＠`, which Apple Numbers reads as those) gets a leading `'`, so that Excel,
 *   LibreOffice and Google Sheets show it as text instead of running it as a formula (OWASP's
 *   "CSV injection"). A task titled "-5 kg" reads "'-5 kg" there; the JSON export is unchanged.
 * - a byte order mark, without which Excel reads UTF-8 as the machine's legacy code page.
 */
import { stringify } from "csv-stringify/sync";
import { TASK_PRIORITIES } from "../../../drizzle/limits.ts";
import type { ExportedTask } from "../data/task-export.ts";
import type { EXPORT_FORMATS } from "../schemas/export.ts";
import { toTaskJson } from "./task-json.ts";

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export type ExportEncoder = {
  contentType: string;
  start: string;
  /** `written`: how many tasks earlier pages wrote. */
  page: (tasks: ExportedTask[], written: number) => string;
  end: string;
};

export const CSV_COLUMNS = [
  "id",
  "title",
  "description",
  "completed",
  "completed_at",
  "due",
  "due_all_day",
  "priority",
  "labels",
  "position",
  "created_at",
  "updated_at",
] as const;

/** One task as a CSV row, in CSV_COLUMNS order. */
function csvRow(task: ExportedTask): string[] {
  return [
    task.id,
    task.title,
    task.description ?? "",
    String(task.completed),
    task.completedAt?.toISOString() ?? "",
    // An all-day date as the date itself; a time as the instant (UTC).
    task.dueAt ? (task.dueAllDay ? task.dueAt.toISOString().slice(0, 10) : task.dueAt.toISOString()) : "",
    String(task.dueAllDay),
    TASK_PRIORITIES[task.priority] ?? "none",
    task.labels.map((label) => label.name).join(", "),
    task.position ?? "",
    task.createdAt.toISOString(),
    task.updatedAt.toISOString(),
  ];
}

/**
 * Cells as CSV rows, neutralised for spreadsheets (see the module's comment). With a record
 * delimiter named, csv-stringify quotes a cell only for that delimiter unless told otherwise: a
 * lone LF or CR in a description would then end the row early (`quote_record_delimiter`).
 */
export const csvRows = (rows: string[][]): string =>
  stringify(rows, { escape_formulas: true, record_delimiter: "windows", quote_record_delimiter: true });

/** A task as the API answers it (`label_ids` included), plus its labels' names and colours. */
export const exportedTaskJson = (task: ExportedTask) => ({ ...toTaskJson(task), labels: task.labels });

export function exportEncoder(format: ExportFormat, exportedAt: Date): ExportEncoder {
  if (format === "csv") {
    return {
      contentType: "text/csv; charset=utf-8",
      start: `\uFEFF${csvRows([[...CSV_COLUMNS]])}`,
      page: (tasks) => csvRows(tasks.map(csvRow)),
      end: "",
    };
  }
  return {
    contentType: "application/json; charset=utf-8",
    start: `{"exported_at":${JSON.stringify(exportedAt.toISOString())},"tasks":[`,
    page: (tasks, written) =>
      tasks.map((task, i) => (written + i === 0 ? "" : ",") + JSON.stringify(exportedTaskJson(task))).join(""),
    end: "]}",
  };
}

/**
 * Downloads of every task with its labels (web/lib/tasks/export-download.ts). Plain links: the
 * browser's own download takes the stream, and they work before the page's script has loaded.
 */
import { EXPORT_FORMATS, exportHref } from "@/lib/tasks/export-download";

const NAMES = { csv: "CSV", json: "JSON" } as const;

export function ExportLinks() {
  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      Export all tasks as{" "}
      {EXPORT_FORMATS.map((format, index) => (
        <span key={format}>
          {index > 0 ? " or " : null}
          <a
            href={exportHref(format)}
            download
            className="font-semibold text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
          >
            {NAMES[format]}
          </a>
        </span>
      ))}
    </p>
  );
}

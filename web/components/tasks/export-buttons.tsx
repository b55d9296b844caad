"use client";
/** Downloads of every task with its labels, as CSV or JSON (web/lib/tasks/export-download.ts). */
import { useState } from "react";
import type { ExportFormat } from "@/lib/tasks/api";
import { errorMessage } from "@/lib/tasks/error-message";
import { EXPORT_FORMATS, type ExportFile, fetchExport } from "@/lib/tasks/export-download";
import { useTasksApi } from "@/lib/tasks/tasks-api-provider";

const NAMES = { csv: "CSV", json: "JSON" } as const;
const BUTTON =
  "rounded font-semibold text-indigo-700 underline-offset-2 hover:underline disabled:opacity-60 dark:text-indigo-300";

/** Gives `file` to the browser's download, as a link with `download` would. */
function saveFile({ name, blob }: ExportFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  // After the click has been handled: the download has its own reference to the Blob by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ExportButtons() {
  const api = useTasksApi();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: ExportFormat) {
    setBusy(format);
    setError(null);
    try {
      saveFile(await fetchExport(api, format));
    } catch (failure) {
      // An ended session has already gone to sign-in (api.ts's onSessionEnded).
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="text-sm text-zinc-600 dark:text-zinc-400">
      <p>
        Export all tasks as{" "}
        {EXPORT_FORMATS.map((format, index) => (
          <span key={format}>
            {index > 0 ? " or " : null}
            <button type="button" className={BUTTON} disabled={busy !== null} onClick={() => void download(format)}>
              {busy === format ? `${NAMES[format]}…` : NAMES[format]}
            </button>
          </span>
        ))}
      </p>
      {error ? (
        <p role="alert" className="mt-1 text-red-800 dark:text-red-300">
          Could not export: {error}
        </p>
      ) : null}
    </div>
  );
}

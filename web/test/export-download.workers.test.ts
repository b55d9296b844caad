// The tasks page's export (web/lib/tasks/export-download.ts) against the real API worker: the
// file and the name the API gives it, as the browser's client receives them.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { TasksApi } from "../lib/tasks/api.ts";
import { exportFileName, fetchExport } from "../lib/tasks/export-download.ts";
import { newPersonsTasksApi } from "./workers-helpers.ts";

describe("export download", () => {
  let api: TasksApi;

  beforeAll(async () => {
    api = await newPersonsTasksApi("Exporter");
    for (const title of ["=1+1", "plain"]) await api.create({ title });
  });

  it("fetches the CSV file under the API's own name", async () => {
    const file = await fetchExport(api, "csv");
    expect(file.name).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.blob.type).toMatch(/^text\/csv/);
    const text = await file.blob.text();
    expect(text).toContain("'=1+1");
    expect(text).toContain("plain");
  });

  it("fetches the JSON file under the API's own name", async () => {
    const file = await fetchExport(api, "json");
    expect(file.name).toMatch(/^tasks-\d{4}-\d{2}-\d{2}\.json$/);
    const body = JSON.parse(await file.blob.text()) as { tasks: { title: string }[] };
    expect(body.tasks.map((task) => task.title).sort()).toEqual(["=1+1", "plain"]);
  });

  it("never takes a name other than the API's form: a path, another extension or a missing header give a plain one", () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: null }), fc.constantFrom("csv" as const, "json" as const), (header, format) => {
        const name = exportFileName(header, format);
        expect(name === `tasks.${format}` || /^tasks-\d{4}-\d{2}-\d{2}\.(csv|json)$/.test(name)).toBe(true);
      }),
    );
    for (const header of [
      'attachment; filename="../../etc/passwd"',
      'attachment; filename="tasks-2026-12-06.exe"',
      'inline; filename="tasks-2026-12-06.csv"',
      'attachment; filename="tasks-2026-12-06.csv"; x=1',
    ])
      expect(exportFileName(header, "csv")).toBe("tasks.csv");
    expect(exportFileName('attachment; filename="tasks-2026-12-06.json"', "json")).toBe("tasks-2026-12-06.json");
  });
});

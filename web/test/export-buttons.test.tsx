// The tasks page's export buttons (components/tasks/export-buttons.tsx) against the in-memory
// TasksApi: a click hands the API's file to the browser's download under its name, and a failure
// says why next to the buttons without leaving them disabled.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ExportButtons } from "@/components/tasks/export-buttons";
import { createFakeTasksApi, type FakeTasksApi, makeTask } from "./fake-tasks-api.ts";

const current = vi.hoisted(() => ({ fake: null as unknown as FakeTasksApi }));
vi.mock("@/lib/tasks/tasks-api-provider", () => ({ useTasksApi: () => current.fake.api }));

let clicked: { href: string; download: string }[] = [];

beforeEach(() => {
  current.fake = createFakeTasksApi([makeTask({ title: "Buy milk" })]);
  clicked = [];
  // jsdom has no object URLs and does not download: record what the page asked for instead.
  URL.createObjectURL = vi.fn(() => "blob:test");
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download });
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("export buttons", () => {
  it.each(["csv", "json"] as const)("downloads the %s file under the API's name", async (format) => {
    const user = userEvent.setup();
    render(<ExportButtons />);
    await user.click(screen.getByRole("button", { name: format.toUpperCase() }));
    await waitFor(() => expect(clicked).toEqual([{ href: "blob:test", download: `tasks-2026-12-06.${format}` }]));
    expect(current.fake.api.exportFile).toHaveBeenCalledWith(format);
    const [blob] = vi.mocked(URL.createObjectURL).mock.calls[0] ?? [];
    expect(await (blob as Blob).text()).toBe("Buy milk");
    await waitFor(() => expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:test"));
  });

  it("says why when the export fails, and lets the person try again", async () => {
    const user = userEvent.setup();
    current.fake.failNext("exportFile");
    render(<ExportButtons />);
    await user.click(screen.getByRole("button", { name: "CSV" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(/^Could not export: Cannot reach the tasks API/);
    expect(clicked).toEqual([]);

    await user.click(screen.getByRole("button", { name: "CSV" }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

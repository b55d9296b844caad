// Acting on many tasks on the tasks page (components/tasks/bulk-bar.tsx, task-select-box.tsx,
// undo-notice.tsx) against the in-memory TasksApi: click and shift-click select, one request per
// action, Undo of a completion and of a deletion, and a refusal that changes nothing.
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { TaskBoard } from "@/components/tasks/task-board";
import { ApiError } from "@/lib/tasks/api";
import { loadTasksPage } from "@/lib/tasks/first-load";
import { createFakeTasksApi, type FakeTasksApi, makeTask } from "./fake-tasks-api.ts";
import { navigation } from "./navigation-mock.ts";

const current = vi.hoisted(() => ({ fake: null as unknown as FakeTasksApi }));

vi.mock("@/lib/tasks/tasks-api-provider", () => ({
  useTasksApi: () => current.fake.api,
  useSessionEnded: () => () => {},
}));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

const TITLES = ["One", "Two", "Three", "Four"];

async function renderBoard() {
  // makeTask's times increase: the list shows the newest first, so create them in reverse.
  current.fake = createFakeTasksApi([...TITLES].reverse().map((title) => makeTask({ title })));
  navigation.reset("", "/tasks");
  window.history.replaceState(null, "", "/tasks");
  const user = userEvent.setup();
  const first = await loadTasksPage(Promise.resolve(current.fake.api), "all");
  await act(async () => {
    render(<TaskBoard status="all" first={first} />);
  });
  await screen.findByText("One");
  return { user, fake: current.fake };
}

const box = (title: string) => screen.getByRole("checkbox", { name: `Select “${title}”` });
const bar = () => screen.getByRole("group", { name: "Act on several tasks" });
const shown = () => screen.getAllByRole("checkbox", { name: /^Select “/ }).map((each) => each.getAttribute("aria-label"));

beforeEach(() => {
  vi.clearAllMocks();
});

describe("bulk actions", () => {
  it("selects with click and shift-click, completes in one request, and Undo reopens them", async () => {
    const { user, fake } = await renderBoard();
    expect(TITLES.map((title) => screen.getByText(title))).toHaveLength(4);
    await user.click(box("One"));
    await user.keyboard("{Shift>}");
    await user.click(box("Three"));
    await user.keyboard("{/Shift}");
    expect(within(bar()).getByText("3 selected")).toBeInTheDocument();

    await user.click(within(bar()).getByRole("button", { name: "Complete" }));
    expect(fake.api.bulk).toHaveBeenCalledTimes(1);
    const ids = fake.tasks.filter((task) => ["One", "Two", "Three"].includes(task.title)).map((task) => task.id);
    expect(fake.api.bulk).toHaveBeenCalledWith({ action: "complete", ids: expect.arrayContaining(ids) });
    await waitFor(() => expect(screen.getByRole("checkbox", { name: "Mark “Two” as completed" })).toBeChecked());

    const notice = screen.getByRole("group", { name: "Undo" });
    expect(notice).toHaveTextContent("Completed 3 tasks.");
    await user.click(within(notice).getByRole("button", { name: "Undo" }));
    expect(fake.api.bulk).toHaveBeenLastCalledWith({ action: "reopen", ids: expect.arrayContaining(ids) });
    await waitFor(() => expect(screen.getByRole("checkbox", { name: "Mark “Two” as completed" })).not.toBeChecked());
    expect(screen.queryByRole("group", { name: "Undo" })).not.toBeInTheDocument();
  });

  it("deletes the selected tasks in one request, and Undo puts them back where they stood", async () => {
    const { user, fake } = await renderBoard();
    await user.click(box("Two"));
    await user.click(box("Four"));
    await user.click(within(bar()).getByRole("button", { name: "Delete" }));
    await waitFor(() => expect(screen.queryByText("Two")).not.toBeInTheDocument());
    expect(fake.tasks.map((task) => task.title).sort()).toEqual(["One", "Three"]);

    await user.click(within(screen.getByRole("group", { name: "Undo" })).getByRole("button", { name: "Undo" }));
    expect(fake.api.restore).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(shown()).toEqual(TITLES.map((title) => `Select “${title}”`)));
    expect(screen.getByText("Restored 2 tasks.")).toBeInTheDocument();
  });

  it("select all visible, then clear completed and complete all act on the tasks shown", async () => {
    const { user, fake } = await renderBoard();
    await user.click(within(bar()).getByRole("checkbox", { name: "Select all visible" }));
    expect(within(bar()).getByText("4 selected")).toBeInTheDocument();
    await user.click(within(bar()).getByRole("checkbox", { name: "Select all visible" }));
    await user.click(within(bar()).getByRole("button", { name: "Complete all" }));
    await waitFor(() => expect(fake.tasks.every((task) => task.completed)).toBe(true));
    expect(within(bar()).getByRole("button", { name: "Reopen all" })).toBeInTheDocument();
    await user.click(within(bar()).getByRole("button", { name: "Clear completed" }));
    await waitFor(() => expect(fake.tasks).toEqual([]));
    expect(fake.api.bulk).toHaveBeenCalledTimes(2);
  });

  it("tells a refusal and changes nothing on the page", async () => {
    const { user, fake } = await renderBoard();
    await user.click(box("One"));
    fake.failNext("bulk", new ApiError("No such task.", 404, "task_not_found"));
    await user.click(within(bar()).getByRole("button", { name: "Delete" }));
    expect(await within(bar()).findByRole("alert")).toHaveTextContent("Nothing was changed.");
    expect(screen.getByText("One")).toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Undo" })).not.toBeInTheDocument();
  });
});

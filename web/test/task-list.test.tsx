// The tasks page (components/tasks/task-board.tsx, its store and the list, item, form and filter
// inside it) against an in-memory TasksApi returned by a mocked `useTasksApi`. The first page comes
// as the server renders it: `loadTasksPage` over the same API, awaited.
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { TaskBoard } from "@/components/tasks/task-board";
import { ApiError } from "@/lib/tasks/api";
import { type FirstLoad, loadTasksPage } from "@/lib/tasks/first-load";
import { DEFAULT_QUERY } from "@/lib/tasks/task-query";
import { parseStatus } from "@/lib/tasks/task-status";
import { createFakeTasksApi, type FakeTasksApi, makeTask, networkError } from "./fake-tasks-api.ts";
import { navigation } from "./navigation-mock.ts";

const current = vi.hoisted(() => ({ fake: null as unknown as FakeTasksApi, sessionEnded: () => {} }));

vi.mock("@/lib/tasks/tasks-api-provider", () => ({
  useTasksApi: () => current.fake.api,
  useSessionEnded: () => current.sessionEnded,
}));
vi.mock("next/navigation", async () => (await import("./navigation-mock.ts")).navigation.module);

function renderBoard(
  tasks = [makeTask({ title: "Buy milk" }), makeTask({ title: "Write report", description: "Q3 numbers" })],
  search = "",
) {
  current.fake = createFakeTasksApi(tasks);
  return renderBoardOn(current.fake, search);
}

/** The page as the server sends it: the board, and its first page on the way. */
async function renderBoardOn(fake: FakeTasksApi, search = "") {
  current.fake = fake;
  current.sessionEnded = vi.fn();
  navigation.reset(search, "/tasks");
  window.history.replaceState(null, "", `/tasks${search ? `?${search}` : ""}`);
  const status = parseStatus(new URLSearchParams(search).get("status"));
  const user = userEvent.setup();
  const first = await loadTasksPage(Promise.resolve(fake.api), status);
  await act(async () => {
    render(<TaskBoard status={status} first={first} />);
  });
  return { user, fake };
}

const item = (title: string) => screen.getByText(title).closest("li") as HTMLElement;
const addForm = () => {
  const section = screen.getByRole("region", { name: "Add a task" });
  return {
    title: within(section).getByLabelText("Title"),
    description: within(section).getByLabelText("Description (optional)"),
    submit: () => within(section).getByRole("button", { name: /Add task|Adding…/ }),
  };
};

beforeEach(() => {
  vi.clearAllMocks();
});

describe("list", () => {
  it("renders the first page with the page, newest first, and a loading state while another loads", async () => {
    const { user, fake } = await renderBoard([
      makeTask({ title: "Buy milk" }),
      makeTask({ title: "Write report", description: "Q3 numbers" }),
    ]);
    expect(screen.getByRole("heading", { name: "Tasks" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Add a task" })).toBeInTheDocument();
    const titles = screen.getAllByText(/^(Buy milk|Write report)$/);
    expect(titles.map((node) => node.textContent)).toEqual(["Write report", "Buy milk"]);
    expect(screen.getByText("Q3 numbers")).toBeInTheDocument();
    expect(fake.api.list).toHaveBeenCalledWith({ status: "all", limit: "20" });

    const release = fake.hold("list");
    await user.click(screen.getByRole("radio", { name: "Completed" }));
    expect(await screen.findByText("Loading tasks…")).toBeInTheDocument();
    await act(async () => release());
    expect(await screen.findByText("No completed tasks")).toBeInTheDocument();
  });

  it("shows an empty state", async () => {
    await renderBoard([]);
    expect(await screen.findByText("No tasks yet")).toBeInTheDocument();
    expect(screen.getByText("Add your first task with the form above.")).toBeInTheDocument();
  });

  it("loads more with the cursor until there is no next page", async () => {
    const tasks = Array.from({ length: 25 }, (_, index) => makeTask({ title: `Chore ${index + 1}` }));
    const { user, fake } = await renderBoard(tasks);
    await screen.findByText("Chore 25");
    expect(screen.queryByText("Chore 5")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByText("Chore 1")).toBeInTheDocument();
    expect(fake.api.list).toHaveBeenLastCalledWith({ status: "all", limit: "20", cursor: "20" });
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });
});

describe("first page from the server", () => {
  const page = (tasks: ReturnType<typeof makeTask>[]): FirstLoad => ({
    status: "all",
    list: { ok: true, data: { tasks, next_cursor: null } },
    summary: null,
  });

  async function renderWithFirst(first: FirstLoad, fake = createFakeTasksApi()) {
    current.fake = fake;
    current.sessionEnded = vi.fn();
    navigation.reset("", "/tasks");
    await act(async () => {
      render(<TaskBoard status="all" first={first} />);
    });
    return { fake, user: userEvent.setup() };
  }

  it("shows the server's tasks without asking the API on load", async () => {
    const { fake } = await renderWithFirst(page([makeTask({ title: "From the server" })]));
    expect(screen.getByText("From the server")).toBeInTheDocument();
    expect(fake.api.list).not.toHaveBeenCalled();
    expect(fake.api.summary).not.toHaveBeenCalled();
  });

  it("shows in the URL the query the server read the list with (a label the person no longer has dropped)", async () => {
    const first = page([makeTask({ title: "From the server" })]);
    current.fake = createFakeTasksApi();
    navigation.reset("", "/tasks");
    const stale = crypto.randomUUID();
    window.history.replaceState(null, "", `/tasks?status=pending&label=${stale}`);
    const shown = { ...DEFAULT_QUERY, status: "pending" as const };
    await act(async () => {
      render(<TaskBoard query={shown} first={{ ...first, status: "pending", query: shown }} />);
    });
    expect(window.location.search).toBe("?status=pending");
  });

  it("takes the user to sign-in when the server's token was refused (session ended)", async () => {
    const ended: FirstLoad = {
      status: "all",
      list: { ok: false, error: "Your session has ended. Sign in again to continue.", sessionEnded: true },
      summary: null,
    };
    await renderWithFirst(ended);
    await waitFor(() => expect(current.sessionEnded).toHaveBeenCalledTimes(1));
    expect(screen.getByRole("alert")).toHaveTextContent("Your session has ended.");
  });
});

describe("filter", () => {
  it("filters by status, keeps it in ?status= and shows an empty state per filter", async () => {
    const { user, fake } = await renderBoard([
      makeTask({ title: "Buy milk" }),
      makeTask({ title: "Old chore", completed: true }),
    ]);
    await screen.findByText("Buy milk");

    await user.click(screen.getByRole("radio", { name: "Completed" }));
    expect(await screen.findByText("Old chore")).toBeInTheDocument();
    expect(screen.queryByText("Buy milk")).not.toBeInTheDocument();
    expect(window.location.search).toBe("?status=completed");
    expect(fake.api.list).toHaveBeenLastCalledWith({ status: "completed", limit: "20" });

    // Marked pending again: it stays in view until the next load, then shows under Pending.
    await user.click(screen.getByRole("checkbox", { name: /Mark “Old chore”/ }));
    await waitFor(() => expect(fake.tasks.find((task) => task.title === "Old chore")?.completed).toBe(false));
    await user.click(screen.getByRole("radio", { name: "Pending" }));
    expect(await screen.findByText("Old chore")).toBeInTheDocument();
    expect(window.location.search).toBe("?status=pending");

    await user.click(screen.getByRole("radio", { name: "All" }));
    await screen.findByText("Buy milk");
    expect(window.location.search).toBe("");
  });

  it("starts from ?status= in the URL", async () => {
    await renderBoard([makeTask({ title: "Done thing", completed: true })], "status=pending");
    expect(screen.getByRole("radio", { name: "Pending" })).toBeChecked();
    expect(await screen.findByText("Nothing pending")).toBeInTheDocument();
  });

  it("shows the completed filter's own empty state", async () => {
    const { user } = await renderBoard([makeTask({ title: "Buy milk" })]);
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("radio", { name: "Completed" }));
    expect(await screen.findByText("No completed tasks")).toBeInTheDocument();
  });
});

describe("add", () => {
  it("adds a task with a description, clears the form and returns focus to the title", async () => {
    const { user, fake } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    const form = addForm();

    await user.type(form.title, "  Call the plumber ");
    await user.type(form.description, "Before Friday");
    await user.click(form.submit());

    expect(fake.api.create).toHaveBeenCalledWith({ title: "Call the plumber", description: "Before Friday" });
    expect(await screen.findByText("Call the plumber")).toBeInTheDocument();
    expect(form.title).toHaveValue("");
    expect(form.description).toHaveValue("");
    expect(form.title).toHaveFocus();
    expect(screen.getByText("Added “Call the plumber”.")).toBeInTheDocument();
  });

  it("adds with Enter in the title and sends no description when it is empty", async () => {
    const { user, fake } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    await user.type(addForm().title, "Water plants{Enter}");
    expect(fake.api.create).toHaveBeenCalledWith({ title: "Water plants", description: null });
    expect(await screen.findByText("Water plants")).toBeInTheDocument();
  });

  it("validates the title before calling the API", async () => {
    const { user, fake } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    const form = addForm();
    await user.type(form.title, "   ");
    await user.click(form.submit());
    expect(form.title).toHaveAccessibleDescription("Give the task a title.");
    expect(form.title).toHaveFocus();

    await user.clear(form.title);
    await user.click(form.title);
    await user.paste("x".repeat(201));
    await user.click(form.submit());
    expect(form.title).toHaveAccessibleDescription("Keep the title to 200 characters or fewer.");
    expect(fake.api.create).not.toHaveBeenCalled();
  });

  it("keeps the text and shows the error next to the form when the create fails", async () => {
    const { user, fake } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    const form = addForm();
    fake.failNext("create", networkError());

    await user.type(form.title, "Renew passport");
    await user.type(form.description, "Photos first");
    await user.click(form.submit());

    const section = screen.getByRole("region", { name: "Add a task" });
    expect(await within(section).findByRole("alert")).toHaveTextContent(
      "Cannot reach the tasks API. Check your connection and try again.",
    );
    expect(form.title).toHaveValue("Renew passport");
    expect(form.description).toHaveValue("Photos first");
    expect(form.submit()).toBeEnabled();

    await user.click(form.submit());
    expect(await screen.findByText("Renew passport", { selector: "p" })).toBeInTheDocument();
    expect(within(section).queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the API's 422 details on their fields", async () => {
    const { user, fake } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    fake.failNext(
      "create",
      new ApiError("The request body is invalid.", 422, "validation_failed", { title: ["title must not contain only emoji"] }),
    );
    const form = addForm();
    await user.type(form.title, "🎉");
    await user.click(form.submit());

    await waitFor(() => expect(form.title).toHaveAttribute("aria-invalid", "true"));
    expect(form.title).toHaveAccessibleDescription("Title must not contain only emoji.");
    expect(screen.getByRole("alert")).toHaveTextContent("The task could not be added. Check the highlighted fields.");
    expect(form.title).toHaveValue("🎉");

    await user.type(form.title, " party");
    expect(form.title).not.toHaveAttribute("aria-invalid");
  });

  it("tells the API's message when its 422 details name a field the form does not have", async () => {
    const { user, fake } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    fake.failNext(
      "create",
      new ApiError("The request body is invalid.", 422, "validation_failed", {
        title: ["title must not contain only emoji"],
        priority: ["priority is required"],
      }),
    );
    const form = addForm();
    await user.type(form.title, "🎉");
    await user.click(form.submit());

    const section = screen.getByRole("region", { name: "Add a task" });
    expect(await within(section).findByRole("alert")).toHaveTextContent("The request body is invalid.");
    expect(form.title).toHaveAccessibleDescription("Title must not contain only emoji.");
    expect(section.querySelector("form")).toHaveAccessibleDescription("The request body is invalid.");
  });

  it("does not show a new (pending) task under the Completed filter", async () => {
    const { user } = await renderBoard([]);
    await screen.findByText("No tasks yet");
    await user.click(screen.getByRole("radio", { name: "Completed" }));
    await screen.findByText("No completed tasks");
    await user.type(addForm().title, "Fresh task{Enter}");
    expect(await screen.findByText("Added “Fresh task”. It is pending, so it is not shown under Completed.")).toBeInTheDocument();
    expect(screen.getByText("No completed tasks")).toBeInTheDocument();
  });
});

describe("toggle", () => {
  it("marks a task completed through a labelled checkbox", async () => {
    const { user, fake } = await renderBoard();
    const checkbox = await screen.findByRole("checkbox", { name: "Mark “Buy milk” as completed" });
    expect(checkbox).not.toBeChecked();

    await user.click(checkbox);
    expect(checkbox).toBeChecked();
    const task = fake.tasks.find((candidate) => candidate.title === "Buy milk");
    expect(fake.api.update).toHaveBeenCalledWith(task?.id, { completed: true });
    await waitFor(() => expect(fake.tasks.find((candidate) => candidate.title === "Buy milk")?.completed).toBe(true));
    expect(within(item("Buy milk")).getByText(/Completed ·/)).toBeInTheDocument();
  });

  it("rolls back and explains when the API refuses", async () => {
    const { user, fake } = await renderBoard();
    const checkbox = await screen.findByRole("checkbox", { name: /Mark “Buy milk”/ });
    const release = fake.hold("update");
    fake.failNext("update", new ApiError("The tasks API answered HTTP 503.", 503, "unavailable"));

    await user.click(checkbox);
    expect(checkbox).toBeChecked();
    release();

    await waitFor(() => expect(checkbox).not.toBeChecked());
    expect(within(item("Buy milk")).getByRole("alert")).toHaveTextContent(
      "Could not mark the task as completed. The tasks service is having trouble.",
    );
  });
});

describe("inline edit", () => {
  it("edits title and description; Enter saves and focus returns to Edit", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("button", { name: "Edit “Buy milk”" }));

    const form = screen.getByRole("form", { name: "Edit “Buy milk”" });
    const title = within(form).getByLabelText("Title");
    expect(title).toHaveFocus();
    await user.clear(title);
    await user.type(title, "Buy oat milk");
    await user.type(within(form).getByLabelText("Description (optional)"), "2 cartons");
    await user.click(title);
    await user.keyboard("{Enter}");

    expect(await screen.findByText("Buy oat milk")).toBeInTheDocument();
    expect(screen.getByText("2 cartons")).toBeInTheDocument();
    const id = fake.tasks.find((task) => task.title === "Buy oat milk")?.id;
    expect(fake.api.update).toHaveBeenCalledWith(id, { title: "Buy oat milk", description: "2 cartons" });
    expect(screen.getByRole("button", { name: "Edit “Buy oat milk”" })).toHaveFocus();
  });

  it("Escape cancels without saving", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("button", { name: "Edit “Buy milk”" }));
    await user.type(screen.getByRole("form", { name: "Edit “Buy milk”" }).querySelector("input") as HTMLInputElement, "!!!");
    await user.keyboard("{Escape}");

    expect(screen.queryByRole("form", { name: /Edit/ })).not.toBeInTheDocument();
    expect(screen.getByText("Buy milk")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Edit “Buy milk”" })).toHaveFocus();
    expect(fake.api.update).not.toHaveBeenCalled();
  });

  it("leaves without asking the API when nothing changed", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("button", { name: "Edit “Buy milk”" }));
    await user.click(within(screen.getByRole("form", { name: "Edit “Buy milk”" })).getByRole("button", { name: "Save" }));

    await waitFor(() => expect(screen.queryByRole("form", { name: /Edit/ })).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getByRole("button", { name: "Edit “Buy milk”" })).toHaveFocus());
    expect(fake.api.update).not.toHaveBeenCalled();
  });

  it("validates and keeps the form open when saving fails", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("button", { name: "Edit “Buy milk”" }));
    const form = screen.getByRole("form", { name: "Edit “Buy milk”" });
    const title = within(form).getByLabelText("Title");

    await user.clear(title);
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(title).toHaveAccessibleDescription("Give the task a title.");
    expect(fake.api.update).not.toHaveBeenCalled();

    fake.failNext("update", networkError());
    await user.type(title, "Buy bread");
    await user.click(within(form).getByRole("button", { name: "Save" }));
    expect(await within(form).findByRole("alert")).toHaveTextContent("Cannot reach the tasks API.");
    expect(title).toHaveValue("Buy bread");
  });
});

describe("a task's labels", () => {
  const label = (n: number, name: string) => ({
    id: `20000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    name,
    color: "gray" as const,
    created_at: new Date(0).toISOString(),
  });
  const LABELS = [label(1, "Home"), label(2, "Work"), label(3, "Errand")];

  it("are in the server's markup (chips, panel, filter), so the page does not shift when it hydrates", async () => {
    const fake = createFakeTasksApi([makeTask({ title: "Buy milk", label_ids: [LABELS[1]?.id ?? ""] })], LABELS);
    current.fake = fake;
    navigation.reset("", "/tasks");
    const first = await loadTasksPage(Promise.resolve(fake.api), "all");
    // As the server renders it: no effect runs, so the store has not adopted the first page yet.
    const page = document.body.appendChild(document.createElement("div"));
    try {
      page.innerHTML = renderToString(<TaskBoard status="all" first={first} />);
      expect(within(page).getByText("Buy milk").closest("li")).toHaveTextContent("Work");
      const finder = within(page).getByRole("region", { name: "Find tasks" });
      expect(within(finder).getByText("Labels", { selector: "summary" })).toBeInTheDocument();
      expect(page.querySelector("details > summary")?.textContent).toBe("Labels (3)");
    } finally {
      page.remove();
    }
  });

  it("renders a task's label boxes only while its disclosure is open, and attaches from them", async () => {
    const { user, fake } = await renderBoardOn(
      createFakeTasksApi([makeTask({ title: "Buy milk" }), makeTask({ title: "Write report" })], LABELS),
    );
    // Closed, no task carries a box per label (the page would hold tasks × labels of them).
    const labelBoxes = (title: string) => within(item(title)).queryAllByRole("checkbox", { name: /^(Home|Work|Errand)$/ });
    expect([...labelBoxes("Buy milk"), ...labelBoxes("Write report")]).toHaveLength(0);

    await user.click(within(item("Buy milk")).getByText("Labels"));
    const group = within(item("Buy milk")).getByRole("group", { name: "Labels of “Buy milk”" });
    expect(within(group).getAllByRole("checkbox")).toHaveLength(3);
    expect(labelBoxes("Write report")).toHaveLength(0);

    await user.click(within(group).getByRole("checkbox", { name: "Work" }));
    expect(fake.api.attachLabel).toHaveBeenCalledWith(expect.any(String), LABELS[1]?.id);
    await waitFor(() => expect(within(group).getByRole("checkbox", { name: "Work" })).toBeChecked());

    await user.click(within(item("Buy milk")).getByText("Labels"));
    await waitFor(() => expect(labelBoxes("Buy milk")).toHaveLength(0));
  });
});

describe("delete", () => {
  it("asks for confirmation; Cancel keeps the task", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("button", { name: "Delete “Buy milk”" }));

    const confirm = screen.getByRole("group", { name: "Confirm deleting “Buy milk”" });
    expect(within(confirm).getByText("Delete this task?")).toBeInTheDocument();
    expect(within(confirm).getByRole("button", { name: "Cancel" })).toHaveFocus();

    await user.click(within(confirm).getByRole("button", { name: "Cancel" }));
    expect(screen.getByText("Buy milk")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Delete “Buy milk”" })).toHaveFocus();
    expect(fake.api.remove).not.toHaveBeenCalled();
  });

  it("deletes after confirmation and announces it", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    await user.click(screen.getByRole("button", { name: "Delete “Buy milk”" }));
    await user.click(within(screen.getByRole("group", { name: /Confirm deleting/ })).getByRole("button", { name: "Delete" }));

    await waitFor(() => expect(screen.queryByText("Buy milk")).not.toBeInTheDocument());
    expect(fake.api.remove).toHaveBeenCalledTimes(1);
    expect(fake.tasks.map((task) => task.title)).toEqual(["Write report"]);
    expect(screen.getByText("Deleted “Buy milk”.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Your tasks" })).toHaveFocus();
  });

  it("removes the task at once, before the API answers", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    const release = fake.hold("remove");
    await user.click(screen.getByRole("button", { name: "Delete “Buy milk”" }));
    await user.click(within(screen.getByRole("group", { name: /Confirm deleting/ })).getByRole("button", { name: "Delete" }));

    expect(screen.queryByText("Buy milk")).not.toBeInTheDocument();
    expect(fake.tasks.map((task) => task.title)).toContain("Buy milk"); // the API has not answered yet
    await act(async () => release());
    expect(fake.tasks.map((task) => task.title)).toEqual(["Write report"]);
    expect(screen.queryByText("Buy milk")).not.toBeInTheDocument();
  });

  it("puts a task whose delete is refused back where it stood", async () => {
    const { user, fake } = await renderBoard([
      makeTask({ title: "Oldest" }),
      makeTask({ title: "Middle" }),
      makeTask({ title: "Newest" }),
    ]);
    await screen.findByText("Middle");
    const release = fake.hold("remove");
    fake.failNext("remove", new ApiError("The tasks API answered HTTP 503.", 503, "unavailable"));
    await user.click(screen.getByRole("button", { name: "Delete “Middle”" }));
    await user.click(within(screen.getByRole("group", { name: /Confirm deleting/ })).getByRole("button", { name: "Delete" }));
    expect(screen.queryByText("Middle")).not.toBeInTheDocument();

    await act(async () => release());
    const titles = screen.getAllByText(/^(Oldest|Middle|Newest)$/, { selector: "p" });
    expect(titles.map((node) => node.textContent)).toEqual(["Newest", "Middle", "Oldest"]);
    expect(within(item("Middle")).getByRole("alert")).toHaveTextContent(
      "Could not delete the task. The tasks service is having trouble.",
    );
  });

  it("keeps the task and shows why when the delete fails", async () => {
    const { user, fake } = await renderBoard();
    await screen.findByText("Buy milk");
    fake.failNext("remove", networkError());
    await user.click(screen.getByRole("button", { name: "Delete “Buy milk”" }));
    await user.click(within(screen.getByRole("group", { name: /Confirm deleting/ })).getByRole("button", { name: "Delete" }));

    expect(await within(item("Buy milk")).findByRole("alert")).toHaveTextContent("Could not delete the task.");
    expect(screen.getByRole("button", { name: "Delete “Buy milk”" })).toHaveFocus();
  });
});

describe("error state", () => {
  it("shows the error with Retry, and Retry does not lose what the user typed in the add form", async () => {
    const fake = createFakeTasksApi([makeTask({ title: "Buy milk" })]);
    fake.failNext("list", new ApiError("The tasks API answered HTTP 503.", 503, "unavailable"));
    const { user } = await renderBoardOn(fake);

    expect(await screen.findByText("Could not load your tasks.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("The tasks service is having trouble. Please try again in a moment.");

    await user.type(addForm().title, "Half-typed idea");
    await user.type(addForm().description, "and its note");
    await user.click(screen.getByRole("button", { name: "Retry" }));

    expect(await screen.findByText("Buy milk")).toBeInTheDocument();
    expect(screen.queryByText("Could not load your tasks.")).not.toBeInTheDocument();
    expect(addForm().title).toHaveValue("Half-typed idea");
    expect(addForm().description).toHaveValue("and its note");
  });

  it("shows the API's own message when the database is down", async () => {
    const fake = createFakeTasksApi([]);
    fake.failNext("list", new ApiError("The database is unreachable; try again shortly.", 503, "database_unavailable"));
    await renderBoardOn(fake);

    expect(await screen.findByText("Could not load your tasks.")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("The database is unreachable; try again shortly.");
  });

  it("reports a failed Load more without dropping the loaded tasks", async () => {
    const tasks = Array.from({ length: 21 }, (_, index) => makeTask({ title: `Chore ${index + 1}` }));
    const { user, fake } = await renderBoard(tasks);
    await screen.findByText("Chore 21");
    fake.failNext("list", networkError());
    await user.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByText(/Could not load more tasks/)).toBeInTheDocument();
    expect(screen.getByText("Chore 21")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Chore 1")).toBeInTheDocument();
  });
});

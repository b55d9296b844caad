// The dashboard (components/tasks/dashboard-view.tsx and its store) against an in-memory TasksApi;
// the first data comes as the server renders it (`loadDashboard` over the same API, awaited).
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DashboardView } from "@/components/tasks/dashboard-view";
import { loadDashboard } from "@/lib/tasks/first-load";
import { createFakeTasksApi, type FakeTasksApi, makeTask, networkError } from "./fake-tasks-api.ts";

const current = vi.hoisted(() => ({ fake: null as unknown as FakeTasksApi }));
vi.mock("@/lib/tasks/tasks-api-provider", () => ({ useTasksApi: () => current.fake.api, useSessionEnded: () => vi.fn() }));

async function renderDashboard(fake = createFakeTasksApi()) {
  current.fake = fake;
  const user = userEvent.setup();
  const first = await loadDashboard(Promise.resolve(fake.api));
  await act(async () => {
    render(<DashboardView first={first} />);
  });
  return { user, fake };
}

const count = (label: string) => screen.getByRole("link", { name: label }).closest("div")?.querySelector("dd");

describe("dashboard", () => {
  it("shows the counts and the five most recent tasks", async () => {
    const tasks = Array.from({ length: 7 }, (_, index) => makeTask({ title: `Item ${index + 1}`, completed: index < 2 }));
    const { fake } = await renderDashboard(createFakeTasksApi(tasks));

    await waitFor(() => expect(count("Total")).toHaveTextContent("7"));
    expect(count("Pending")).toHaveTextContent("5");
    expect(count("Completed")).toHaveTextContent("2");
    expect(fake.api.list).toHaveBeenCalledWith({ limit: "5" });

    const recent = screen.getByRole("region", { name: "Recent tasks" });
    expect(await within(recent).findByText("Item 7")).toBeInTheDocument();
    expect(within(recent).getAllByRole("listitem")).toHaveLength(5);
    expect(within(recent).queryByText("Item 2")).not.toBeInTheDocument();
  });

  it("adds a task and refreshes the counts and the recent list", async () => {
    const { user } = await renderDashboard();
    expect(await screen.findByText("No tasks yet. Add your first one above.")).toBeInTheDocument();

    await user.type(screen.getByLabelText("Title"), "First task{Enter}");
    await waitFor(() => expect(count("Total")).toHaveTextContent("1"));
    expect(count("Pending")).toHaveTextContent("1");
    expect(within(screen.getByRole("region", { name: "Recent tasks" })).getByText("First task")).toBeInTheDocument();
    expect(screen.getByLabelText("Title")).toHaveFocus();
  });

  it("keeps five recent tasks after an add, and updates counts and list without asking the API again", async () => {
    const tasks = Array.from({ length: 5 }, (_, index) => makeTask({ title: `Item ${index + 1}` }));
    const { user, fake } = await renderDashboard(createFakeTasksApi(tasks));
    await waitFor(() => expect(count("Total")).toHaveTextContent("5"));

    await user.type(screen.getByLabelText("Title"), "Sixth{Enter}");
    const recent = screen.getByRole("region", { name: "Recent tasks" });
    expect(await within(recent).findByText("Sixth")).toBeInTheDocument();
    expect(within(recent).getAllByRole("listitem")).toHaveLength(5);
    expect(within(recent).queryByText("Item 1")).not.toBeInTheDocument();
    expect(count("Total")).toHaveTextContent("6");
    expect(fake.api.summary).toHaveBeenCalledTimes(1); // the server's first load only
    expect(fake.api.list).toHaveBeenCalledTimes(1);
  });

  it("shows a load error with Retry", async () => {
    const fake = createFakeTasksApi([makeTask({ title: "Only task" })]);
    fake.failNext("summary", networkError());
    const { user } = await renderDashboard(fake);

    expect(await screen.findByText("Could not load your task counts.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(count("Total")).toHaveTextContent("1"));
  });
});

// The whole journey of one person, on the production build: sign up, manage tasks, reload,
// sign out, be sent to sign-in from a protected page, and come back to it after signing in.
import { addTask, expect, newPerson, signIn, signUp, test } from "./fixtures.ts";

test("a person signs up, manages tasks, signs out and signs back in where they were", async ({ page }) => {
  const ada = newPerson("Ada Lovelace");
  await signUp(page, ada);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page).toHaveURL(/\/tasks/);
  await addTask(page, "Buy milk", "2 litres");
  await addTask(page, "Write report");
  await addTask(page, "Call mum");

  const item = (title: string) => page.getByRole("listitem").filter({ hasText: title });

  // Toggle one.
  await page.getByRole("checkbox", { name: "Mark “Buy milk” as completed" }).check();
  await expect(item("Buy milk")).toContainText("Completed");

  // Edit one.
  await page.getByRole("button", { name: "Edit “Write report”" }).click();
  const editor = page.getByRole("form", { name: "Edit “Write report”" });
  await editor.getByLabel("Title").fill("Write the report");
  await editor.getByLabel("Description (optional)").fill("Q3 figures");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(item("Write the report")).toContainText("Q3 figures");

  // Delete one, after confirming.
  await page.getByRole("button", { name: "Delete “Call mum”" }).click();
  await page.getByRole("group", { name: "Confirm deleting “Call mum”" }).getByRole("button", { name: "Delete" }).click();
  await expect(item("Call mum")).toHaveCount(0);

  // Filter.
  // The radios are visually hidden behind their labels: click what a person sees.
  const filter = (name: string) => page.getByRole("group", { name: "Show tasks" }).getByText(name, { exact: true }).click();
  await filter("Completed");
  await expect(page.getByRole("radio", { name: "Completed" })).toBeChecked();
  await expect(page).toHaveURL(/status=completed/);
  await expect(item("Buy milk")).toBeVisible();
  await expect(item("Write the report")).toHaveCount(0);
  await filter("Pending");
  await expect(item("Write the report")).toBeVisible();
  await expect(item("Buy milk")).toHaveCount(0);
  await filter("All");

  // Reload: everything as left.
  await page.reload();
  await expect(item("Buy milk")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Mark “Buy milk” as completed" })).toBeChecked();
  await expect(item("Write the report")).toContainText("Q3 figures");
  await expect(page.getByRole("checkbox", { name: "Mark “Write the report” as completed" })).not.toBeChecked();
  await expect(item("Call mum")).toHaveCount(0);

  // Sign out; a protected page sends us to sign-in, which brings us back to it.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/signin\?from=/);
  expect(new URL(page.url()).searchParams.get("from")).toBe("/tasks");
  await expect(page.getByText("Buy milk")).toHaveCount(0); // no flash of protected content
  await signIn(page, ada);
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(item("Buy milk")).toBeVisible();
});

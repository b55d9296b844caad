"use client";
/**
 * The add-task form. Its state lives here, apart from the list, so a list that fails to load (and
 * its Retry) never touches what the user typed. A failed create keeps the text and shows the
 * error beside the form; the API's 422 details land on their fields. A due date (with or without
 * a time) and a priority are optional. After a create (the store
 * shows the task and announces it) the title input gets the focus back for the next task.
 */

import { useTasks } from "@/lib/tasks/use-tasks";
import { FormShell } from "../ui/form-shell";
import { TaskFields, useTaskForm } from "./task-fields";
import { NO_SCHEDULE, TaskScheduleFields, useSchedule } from "./task-schedule-fields";

const EMPTY = { title: "", description: "" };

export function TaskForm() {
  const tasks = useTasks();
  const schedule = useSchedule(NO_SCHEDULE);
  const form = useTaskForm(
    EMPTY,
    async (input) => {
      await tasks.create({ ...input, ...schedule.input() });
      form.reset(EMPTY);
      schedule.reset();
      form.focus("title");
    },
    "The task could not be added.",
  );

  return (
    <FormShell form={form} submit="Add task" pendingSubmit="Adding…" alertAt="end" className="space-y-3">
      <TaskFields form={form} descriptionRows={2} titlePlaceholder="What needs doing?" />
      <TaskScheduleFields schedule={schedule} disabled={form.pending} />
    </FormShell>
  );
}

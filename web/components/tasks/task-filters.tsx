"use client";
/**
 * Finding tasks: a search box (the API's full-text `q`), the due window, priorities, labels and
 * the sort with its direction. Each control reports a whole new query (task-query.ts); the board
 * puts it in the URL and loads the list. Multi-choice filters (priorities, labels) are checkbox
 * groups in disclosures, so the bar stays one line on a phone until opened.
 */
import { type FormEvent, type ReactNode, useEffect, useId, useState } from "react";
import type { Label } from "@/lib/tasks/api";
import { PRIORITY_OPTIONS } from "@/lib/tasks/priority";
import { DEFAULT_ORDER, type DueFilter, type SortOrder, type TaskQuery, type TaskSort } from "@/lib/tasks/task-query";
import { TASK_SEARCH_MAX } from "../../../drizzle/limits.ts";
import { Button } from "../ui/button";
import { LabelChip } from "./label-chip";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-1.5 text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none sm:text-sm dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700";
const LABEL = "mb-1 block text-xs font-medium text-zinc-700 dark:text-zinc-300";

const DUE_OPTIONS: { value: DueFilter | ""; label: string }[] = [
  { value: "", label: "Any time" },
  { value: "overdue", label: "Overdue" },
  { value: "today", label: "Today" },
  { value: "week", label: "Next 7 days" },
  { value: "none", label: "No date" },
];

const SORT_OPTIONS: { value: TaskSort; label: string }[] = [
  { value: "created", label: "Created" },
  { value: "due", label: "Due date" },
  { value: "priority", label: "Priority" },
  { value: "position", label: "Manual order" },
];

const toggled = <T,>(list: T[], item: T, on: boolean) => (on ? [...list, item] : list.filter((other) => other !== item));

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  // The URL's search changed from outside (another filter reset it): show it.
  useEffect(() => setText(value), [value]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.trim());
  }

  return (
    <search>
      <form onSubmit={submit} className="flex min-w-0 flex-1 items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={id} className={LABEL}>
            Search tasks
          </label>
          <input
            id={id}
            type="search"
            value={text}
            maxLength={TASK_SEARCH_MAX}
            onChange={(event) => {
              setText(event.target.value);
              // Clearing the box (its ✕, or deleting the text) shows every task again.
              if (event.target.value === "" && value !== "") onSearch("");
            }}
            placeholder="Words in the title or description"
            className={CONTROL}
          />
        </div>
        <Button type="submit" variant="secondary" className="px-3 py-1.5">
          Search
        </Button>
      </form>
    </search>
  );
}

function Choices({ legend, summary, children }: { legend: string; summary: string; children: ReactNode }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded-md bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 shadow-sm ring-1 ring-zinc-300 ring-inset dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700">
        {legend}
        {summary && <span className="text-zinc-600 dark:text-zinc-400">: {summary}</span>}
      </summary>
      <fieldset className="absolute z-10 mt-1 min-w-48 space-y-2 rounded-md bg-white p-3 shadow-lg ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-700">
        <legend className="sr-only">{legend}</legend>
        {children}
      </fieldset>
    </details>
  );
}

function CheckOption({
  id,
  checked,
  onChange,
  children,
}: {
  id: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  children: ReactNode;
}) {
  return (
    <div className="flex items-center gap-2 text-sm">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="size-4 accent-indigo-600"
      />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}

export function TaskFilters({
  query,
  labels,
  onChange,
}: {
  query: TaskQuery;
  labels: Label[] | null;
  onChange: (next: TaskQuery) => void;
}) {
  const id = useId();
  const set = (patch: Partial<TaskQuery>) => onChange({ ...query, ...patch });
  const chosenLabels = (labels ?? []).filter((label) => query.labels.includes(label.id));

  return (
    <section aria-label="Find tasks" className="space-y-3">
      <SearchBox value={query.q} onSearch={(q) => set({ q })} />
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${id}-due`} className={LABEL}>
            Due
          </label>
          <select
            id={`${id}-due`}
            value={query.due ?? ""}
            onChange={(event) => set({ due: (event.target.value || null) as DueFilter | null })}
            className={CONTROL}
          >
            {DUE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <Choices
          legend="Priority"
          summary={PRIORITY_OPTIONS.filter((option) => query.priorities.includes(option.value))
            .map((option) => option.label)
            .join(", ")}
        >
          {PRIORITY_OPTIONS.map((option) => (
            <CheckOption
              key={option.value}
              id={`${id}-priority-${option.value}`}
              checked={query.priorities.includes(option.value)}
              onChange={(on) => set({ priorities: toggled(query.priorities, option.value, on) })}
            >
              {option.label}
            </CheckOption>
          ))}
        </Choices>
        {labels && labels.length > 0 && (
          <Choices legend="Labels" summary={chosenLabels.map((label) => label.name).join(", ")}>
            {labels.map((label) => (
              <CheckOption
                key={label.id}
                id={`${id}-label-${label.id}`}
                checked={query.labels.includes(label.id)}
                onChange={(on) => set({ labels: toggled(query.labels, label.id, on) })}
              >
                <LabelChip label={label} />
              </CheckOption>
            ))}
          </Choices>
        )}
        <div>
          <label htmlFor={`${id}-sort`} className={LABEL}>
            Sort by
          </label>
          <select
            id={`${id}-sort`}
            value={query.sort}
            onChange={(event) => {
              const sort = event.target.value as TaskSort;
              set({ sort, order: DEFAULT_ORDER[sort] });
            }}
            className={CONTROL}
          >
            {SORT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-order`} className={LABEL}>
            Order
          </label>
          <select
            id={`${id}-order`}
            value={query.order}
            onChange={(event) => set({ order: event.target.value as SortOrder })}
            className={CONTROL}
          >
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        </div>
      </div>
    </section>
  );
}

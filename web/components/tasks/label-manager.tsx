"use client";
/**
 * The person's labels: create one (a name and a colour from the palette), rename or recolour
 * each, delete one (the tasks that carried it lose it, after a confirmation). Names are unique
 * per person whatever their case: the API's 409 is shown on the row that tried.
 */
import { type FormEvent, useId, useState } from "react";
import type { Label } from "@/lib/tasks/api";
import { errorMessage } from "@/lib/tasks/error-message";
import { colorName, LABEL_COLORS, type LabelColor } from "@/lib/tasks/label-colors";
import { useTasks } from "@/lib/tasks/use-tasks";
import { LABEL_NAME_MAX } from "../../../drizzle/limits.ts";
import { Button } from "../ui/button";
import { LabelChip } from "./label-chip";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-1.5 text-zinc-900 shadow-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none sm:text-sm dark:bg-zinc-900 dark:text-zinc-100 dark:ring-zinc-700";

function ColorSelect({ id, value, onChange }: { id: string; value: LabelColor; onChange: (color: LabelColor) => void }) {
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value as LabelColor)} className={CONTROL}>
      {LABEL_COLORS.map((color) => (
        <option key={color} value={color}>
          {colorName(color)}
        </option>
      ))}
    </select>
  );
}

/** Runs `work`, and keeps its failure as a message to show (null while there is none). */
function useAttempt() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function attempt(work: () => Promise<unknown>): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(errorMessage(caught));
      return false;
    } finally {
      setPending(false);
    }
  }
  return { error, pending, attempt };
}

function NewLabelForm() {
  const tasks = useTasks();
  const id = useId();
  const [name, setName] = useState("");
  const [color, setColor] = useState<LabelColor>("gray");
  const { error, pending, attempt } = useAttempt();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    if (await attempt(() => tasks.createLabel({ name: name.trim(), color }))) {
      setName("");
      setColor("gray");
    }
  }

  return (
    <form onSubmit={submit} aria-label="New label" className="flex flex-wrap items-end gap-2">
      <div className="min-w-40 flex-1">
        <label htmlFor={`${id}-name`} className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          New label
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={LABEL_NAME_MAX}
          required
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={CONTROL}
        />
      </div>
      <div className="w-32">
        <label htmlFor={`${id}-color`} className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
          Colour
        </label>
        <ColorSelect id={`${id}-color`} value={color} onChange={setColor} />
      </div>
      <Button type="submit" disabled={pending} className="px-3 py-1.5">
        {pending ? "Adding…" : "Add label"}
      </Button>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}

function LabelRow({ label }: { label: Label }) {
  const tasks = useTasks();
  const id = useId();
  const [name, setName] = useState(label.name);
  const [color, setColor] = useState<LabelColor>(label.color);
  const [confirming, setConfirming] = useState(false);
  const { error, pending, attempt } = useAttempt();
  const changed = name.trim() !== label.name || color !== label.color;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!changed || !name.trim()) return;
    await attempt(() =>
      tasks.updateLabel(label.id, {
        ...(name.trim() !== label.name ? { name: name.trim() } : {}),
        ...(color !== label.color ? { color } : {}),
      }),
    );
  }

  return (
    <li className="space-y-2 py-3">
      <form onSubmit={save} aria-label={`Label “${label.name}”`} className="flex flex-wrap items-end gap-2">
        <div className="flex w-full items-center sm:w-28">
          <LabelChip label={label} />
        </div>
        <div className="min-w-36 flex-1">
          <label htmlFor={`${id}-name`} className="sr-only">
            Name of “{label.name}”
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(event) => setName(event.target.value)}
            maxLength={LABEL_NAME_MAX}
            required
            autoComplete="off"
            className={CONTROL}
          />
        </div>
        <div className="w-28">
          <label htmlFor={`${id}-color`} className="sr-only">
            Colour of “{label.name}”
          </label>
          <ColorSelect id={`${id}-color`} value={color} onChange={setColor} />
        </div>
        <Button type="submit" variant="secondary" disabled={pending || !changed} className="px-3 py-1.5">
          Save<span className="sr-only"> “{label.name}”</span>
        </Button>
        {confirming ? (
          <>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() => void attempt(() => tasks.removeLabel(label.id))}
              className="px-3 py-1.5"
            >
              Delete “{label.name}” from all tasks
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)} className="px-3 py-1.5">
              Cancel
            </Button>
          </>
        ) : (
          <Button variant="ghost-danger" onClick={() => setConfirming(true)} className="px-3 py-1.5">
            Delete<span className="sr-only"> “{label.name}”</span>
          </Button>
        )}
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          {error}
        </p>
      )}
    </li>
  );
}

export function LabelManager() {
  const { state } = useTasks();
  if (!state.labels) return null;
  return (
    <details className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6 dark:bg-zinc-900 dark:ring-zinc-700">
      <summary className="cursor-pointer text-base font-semibold">
        Labels <span className="font-normal text-zinc-600 dark:text-zinc-400">({state.labels.length})</span>
      </summary>
      <div className="mt-4 space-y-2">
        <NewLabelForm />
        {state.labels.length > 0 && (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {state.labels.map((label) => (
              // Keyed by its values too: once saved (here or elsewhere), the row starts again from them.
              <LabelRow key={`${label.id}:${label.name}:${label.color}`} label={label} />
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}

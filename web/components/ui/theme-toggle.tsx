"use client";
/**
 * System / Light / Dark as a radio group styled like a segmented control (as the tasks' status
 * filter): native radios give arrow-key movement and "1 of 3" to screen readers for free.
 */
import { useId } from "react";
import { THEMES, type Theme } from "@/lib/theme/theme";
import { useTheme } from "./theme-provider";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

export function ThemeToggle() {
  const { theme, setTheme } = useTheme();
  const name = useId();
  return (
    <fieldset className="shrink-0">
      <legend className="sr-only">Theme</legend>
      <div className="inline-flex rounded-lg bg-zinc-100 p-0.5 dark:bg-zinc-800">
        {THEMES.map((each) => (
          <label key={each} className="cursor-pointer">
            <input
              type="radio"
              name={name}
              value={each}
              checked={theme === each}
              onChange={() => setTheme(each)}
              className="peer sr-only"
            />
            <span className="block rounded-md px-2 py-1 text-xs font-medium text-zinc-600 peer-checked:bg-white peer-checked:text-zinc-900 peer-checked:shadow-sm peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-indigo-600 hover:text-zinc-900 dark:text-zinc-400 dark:peer-checked:bg-zinc-700 dark:peer-checked:text-zinc-100 dark:peer-focus-visible:outline-indigo-400 dark:hover:text-zinc-100">
              {LABELS[each]}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

"use client";
/**
 * The handle that moves a task in the manual order: dnd-kit's activator (pointer drag, or Space to
 * pick up, the arrows, Space to drop, Escape to cancel). A real button with the task's name in its
 * own, so that it is reached and announced like any other control.
 */
import type { ComponentPropsWithRef } from "react";
import { DRAG_HANDLE_ATTRIBUTE } from "@/lib/tasks/shortcuts";

export function DragHandle({ title, ...props }: ComponentPropsWithRef<"button"> & { title: string }) {
  return (
    <button
      type="button"
      {...{ [DRAG_HANDLE_ATTRIBUTE]: "" }}
      className="-ml-1 flex size-7 shrink-0 cursor-grab touch-none items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-600 active:cursor-grabbing dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      {...props}
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
        <circle cx="7" cy="5" r="1.5" />
        <circle cx="13" cy="5" r="1.5" />
        <circle cx="7" cy="10" r="1.5" />
        <circle cx="13" cy="10" r="1.5" />
        <circle cx="7" cy="15" r="1.5" />
        <circle cx="13" cy="15" r="1.5" />
      </svg>
      <span className="sr-only">Move “{title}”</span>
    </button>
  );
}

/**
 * The task list's keyboard shortcuts: which key does what, and when a key is not a shortcut. Pure
 * (the key and a description of where it was pressed in, `describeTarget`), so that the rules are
 * tested without a page; components/tasks/task-shortcuts.tsx carries them out.
 *
 * A key is never a shortcut while the person types (a text input, textarea, select or
 * contenteditable), with Ctrl, ⌘ or Alt held (the browser's and the system's own), on a drag handle
 * (dnd-kit's keyboard drag owns Space and the arrows there), or inside a dialog. Space and the
 * arrows also keep their usual meaning on buttons, checkboxes and the page itself: they act on a
 * task only when the task's row has the focus (as `j`/`k` leave it).
 */
export type Shortcut = "new-task" | "search" | "next" | "previous" | "toggle" | "edit" | "delete" | "help";

/** Where a key was pressed: enough of the element to decide. */
export type KeyTarget = {
  /** Upper case, as the DOM gives it: "INPUT", "BUTTON", "LI"… */
  tag: string;
  /** An input's `type`, lower case. */
  type?: string;
  editable: boolean;
  /** The element is a task's row itself (not a control inside it). */
  taskRow: boolean;
  dragHandle: boolean;
  inDialog: boolean;
};

export type KeyPress = { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: KeyTarget | null };

/** The help dialog's list, in the order it shows them. */
export const SHORTCUTS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ["n"], does: "New task: go to the title field" },
  { keys: ["/"], does: "Search tasks" },
  { keys: ["j", "↓"], does: "Next task" },
  { keys: ["k", "↑"], does: "Previous task" },
  { keys: ["x", "Space"], does: "Complete or reopen the current task" },
  { keys: ["e"], does: "Edit the current task's title (Enter saves, Esc cancels)" },
  { keys: ["Delete", "#"], does: "Delete the current task (asks first)" },
  { keys: ["?"], does: "Show these shortcuts" },
];

/** Inputs that take no typing: keys pressed on them may be shortcuts. */
const NOT_TYPED = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

export function isTyping(target: KeyTarget): boolean {
  if (target.editable || target.tag === "TEXTAREA" || target.tag === "SELECT") return true;
  return target.tag === "INPUT" && !NOT_TYPED.has(target.type ?? "text");
}

const ANYWHERE: Record<string, Shortcut> = {
  n: "new-task",
  "/": "search",
  j: "next",
  k: "previous",
  x: "toggle",
  e: "edit",
  Delete: "delete",
  "#": "delete",
  "?": "help",
};

const ON_A_ROW: Record<string, Shortcut> = { ArrowDown: "next", ArrowUp: "previous", " ": "toggle" };

/** The shortcut `press` means, or null when it is not one (then the key does what it always does). */
export function shortcutFor(press: KeyPress): Shortcut | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const { target } = press;
  if (target && (isTyping(target) || target.dragHandle || target.inDialog)) return null;
  if (Object.hasOwn(ANYWHERE, press.key)) return ANYWHERE[press.key] ?? null;
  if (Object.hasOwn(ON_A_ROW, press.key) && target?.taskRow) return ON_A_ROW[press.key] ?? null;
  return null;
}

/** The attribute that marks a task's row (its `<li>`), with the task's id. */
export const TASK_ROW_ATTRIBUTE = "data-task-id";
/** The attribute that marks a drag handle. */
export const DRAG_HANDLE_ATTRIBUTE = "data-drag-handle";

export function describeTarget(target: EventTarget | null): KeyTarget | null {
  if (!(target instanceof Element)) return null;
  return {
    tag: target.tagName,
    ...(target instanceof HTMLInputElement ? { type: target.type.toLowerCase() } : {}),
    editable: target instanceof HTMLElement && target.isContentEditable,
    taskRow: target.hasAttribute(TASK_ROW_ATTRIBUTE),
    dragHandle: target.closest(`[${DRAG_HANDLE_ATTRIBUTE}]`) !== null,
    inDialog: target.closest("dialog") !== null,
  };
}

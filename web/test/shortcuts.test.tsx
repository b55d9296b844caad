// The task list's shortcuts (lib/tasks/shortcuts.ts): each key's meaning, and the places and
// modifiers where no key is a shortcut, as classes of input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeTarget, type KeyPress, type KeyTarget, SHORTCUTS, shortcutFor } from "@/lib/tasks/shortcuts";

const page: KeyTarget = { tag: "BODY", editable: false, taskRow: false, dragHandle: false, inDialog: false };
const row: KeyTarget = { ...page, tag: "LI", taskRow: true };
const press = (key: string, target: KeyTarget | null = page, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...modifiers,
});

const KEYS = ["n", "/", "j", "k", "x", "e", "Delete", "#", "?", "ArrowDown", "ArrowUp", " "];

/** Places a person types in: no key there is a shortcut. */
const typingPlaces: KeyTarget[] = [
  ...["text", "search", "email", "password", "number", "date", "time", "url", "tel", "datetime-local"].map((type) => ({
    ...page,
    tag: "INPUT",
    type,
  })),
  { ...page, tag: "INPUT" },
  { ...page, tag: "TEXTAREA" },
  { ...page, tag: "SELECT" },
  { ...page, tag: "DIV", editable: true },
  { ...page, tag: "P", editable: true, taskRow: true },
];

describe("shortcutFor", () => {
  it.each([
    ["n", "new-task"],
    ["/", "search"],
    ["j", "next"],
    ["k", "previous"],
    ["x", "toggle"],
    ["e", "edit"],
    ["Delete", "delete"],
    ["#", "delete"],
    ["?", "help"],
  ] as const)("%s on the page or a row is %s", (key, shortcut) => {
    expect(shortcutFor(press(key))).toBe(shortcut);
    expect(shortcutFor(press(key, row))).toBe(shortcut);
    expect(shortcutFor(press(key, null))).toBe(shortcut);
  });

  it("takes Space and the arrows on a task's row only, so that they scroll the page and press buttons as usual", () => {
    expect(shortcutFor(press("ArrowDown", row))).toBe("next");
    expect(shortcutFor(press("ArrowUp", row))).toBe("previous");
    expect(shortcutFor(press(" ", row))).toBe("toggle");
    for (const target of [page, { ...page, tag: "BUTTON" }, { ...page, tag: "INPUT", type: "checkbox" }, null])
      for (const key of ["ArrowDown", "ArrowUp", " "])
        expect(shortcutFor(press(key, target)), `${key} on ${target?.tag}`).toBeNull();
  });

  it("lets Shift through (? and # need it)", () => {
    expect(shortcutFor(press("?", page, { shiftKey: true } as Partial<KeyPress>))).toBe("help");
  });

  it("is never a shortcut while typing in a field, whatever the key", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...typingPlaces),
        fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 3 })),
        (target, key) => {
          return shortcutFor(press(key, target)) === null;
        },
      ),
    );
  });

  it("is never a shortcut with Ctrl, ⌘ or Alt held, wherever it is pressed", () => {
    const modifiers = fc
      .record({ ctrlKey: fc.boolean(), metaKey: fc.boolean(), altKey: fc.boolean() })
      .filter((held) => held.ctrlKey || held.metaKey || held.altKey);
    fc.assert(
      fc.property(fc.constantFrom(page, row, null), fc.constantFrom(...KEYS), modifiers, (target, key, held) => {
        return shortcutFor(press(key, target, held)) === null;
      }),
    );
  });

  it("leaves a drag handle's keys to the keyboard drag, and a dialog's to the dialog", () => {
    for (const key of KEYS) {
      expect(shortcutFor(press(key, { ...row, dragHandle: true })), key).toBeNull();
      expect(shortcutFor(press(key, { ...page, tag: "BUTTON", inDialog: true })), key).toBeNull();
    }
  });

  it("ignores other keys, and a key's upper case", () => {
    for (const key of ["a", "N", "J", "Enter", "Escape", "Tab", "Backspace", "toString", "__proto__"])
      expect(shortcutFor(press(key, row)), key).toBeNull();
  });

  it("lists every shortcut it knows in the help", () => {
    const listed = SHORTCUTS.flatMap((shortcut) => shortcut.keys);
    for (const key of ["n", "/", "j", "k", "x", "e", "Delete", "#", "?", "↓", "↑", "Space"]) expect(listed).toContain(key);
  });
});

describe("describeTarget", () => {
  it("tells fields, rows, handles and dialogs apart in the DOM", () => {
    document.body.innerHTML = `
      <ul><li data-task-id="1" tabindex="-1"><button data-drag-handle><span id="grip">::</span></button>
        <input id="done" type="checkbox"><input id="title" type="text"></li></ul>
      <div id="rich" contenteditable="true">x</div>
      <dialog open><button id="close">Close</button></dialog>`;
    const at = (selector: string) => describeTarget(document.querySelector(selector));
    expect(at("li")).toMatchObject({ tag: "LI", taskRow: true, dragHandle: false });
    expect(at("#grip")).toMatchObject({ dragHandle: true });
    expect(at("#done")).toMatchObject({ tag: "INPUT", type: "checkbox", taskRow: false });
    expect(at("#title")).toMatchObject({ tag: "INPUT", type: "text" });
    expect(at("#close")).toMatchObject({ inDialog: true });
    expect(describeTarget(null)).toBeNull();
    expect(shortcutFor(press("x", at("#title")))).toBeNull();
    expect(shortcutFor(press("x", at("#done")))).toBe("toggle");
  });
});

"use client";
/**
 * Ten recovery codes, shown once: each works once, instead of a code from the app. The person
 * copies them or downloads them as a text file (a `data:` link: nothing leaves the browser).
 */
import { useState } from "react";
import { Button, buttonClass } from "../ui/button";

const fileOf = (codes: string[]) =>
  `Edge Tasks recovery codes\nEach works once, instead of a code from your authenticator app.\n\n${codes.join("\n")}\n`;

/** What the last "Copy codes" did: a browser may refuse the clipboard (permissions, no secure context). */
const COPY_SAID = {
  idle: "",
  copied: "Copied to the clipboard.",
  refused: "This browser did not let the page copy them: select the codes and copy them, or download them.",
} as const;

export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [copy, setCopy] = useState<keyof typeof COPY_SAID>("idle");
  const copyCodes = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopy("copied");
    } catch {
      setCopy("refused");
    }
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        Keep these recovery codes somewhere safe. Each signs you in once if you lose your phone. They are shown only now.
      </p>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-2 rounded-md bg-zinc-50 dark:bg-zinc-800/50 p-3 font-mono text-sm ring-1 ring-zinc-200 dark:ring-zinc-700"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" onClick={copyCodes}>
          Copy codes
        </Button>
        <a
          className={buttonClass("secondary")}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(fileOf(codes))}`}
          download="edge-tasks-recovery-codes.txt"
        >
          Download codes
        </a>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
      <p
        role="status"
        className={`text-sm ${copy === "refused" ? "text-red-700 dark:text-red-300" : "text-emerald-800 dark:text-emerald-200"}`}
      >
        {COPY_SAID[copy]}
      </p>
    </div>
  );
}

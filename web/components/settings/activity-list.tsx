/**
 * Settings → Activity's list: what happened, how, from which browser and address, when. Rendered on
 * the server; nothing in it acts.
 */
export type ActivityRow = {
  id: string;
  what: string;
  /** "with password", "with GitHub", "with an authenticator code" (activity/methods.ts), or null. */
  how: string | null;
  browser: string;
  os: string;
  ipAddress: string | null;
  /** Already formatted on the server. */
  when: { iso: string; text: string };
};

export function ActivityList({ rows }: { rows: ActivityRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No activity in this period.</p>;
  return (
    <ol
      aria-label="Account activity"
      className="divide-y divide-zinc-200 dark:divide-zinc-800 rounded-xl bg-white dark:bg-zinc-900 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700"
    >
      {rows.map((row) => (
        <li key={row.id} className="flex flex-col gap-1 p-4 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
          <div className="min-w-0">
            <p className="font-medium text-zinc-900 dark:text-zinc-100">
              {row.what}
              {row.how && <span className="font-normal text-zinc-600 dark:text-zinc-400"> {row.how}</span>}
            </p>
            <p className="break-all text-zinc-600 dark:text-zinc-400">
              {row.browser} on {row.os} · {row.ipAddress ?? "address unknown"}
            </p>
          </div>
          <time dateTime={row.when.iso} className="shrink-0 text-zinc-600 dark:text-zinc-400">
            {row.when.text}
          </time>
        </li>
      ))}
    </ol>
  );
}

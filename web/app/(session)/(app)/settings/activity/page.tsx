/**
 * Settings → Activity: the account's security events of the last 90 days, newest first, 20 a page
 * (plugins/account-activity). Pages are links (`?before=<cursor>`), so paging works before the
 * page's JavaScript runs and a page can be reloaded or shared with its owner's other tabs.
 */
import { isAPIError } from "better-auth/api";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActivityList, type ActivityRow } from "@/components/settings/activity-list";
import { ACCOUNT_EVENT_KINDS, ACCOUNT_EVENT_LABELS, ACTIVITY_KEEP_DAYS, type AccountEventKind } from "@/lib/auth/activity/kinds";
import { describeMethod } from "@/lib/auth/activity/methods";
import { providerButtons, readProviderSettings } from "@/lib/auth/providers/settings";
import { getSession, withAuth } from "@/lib/auth/server";
import { deviceName } from "@/lib/auth/ui/device-name";
import { requestContext } from "@/lib/request-context";
import { describeMoment } from "@/lib/time/describe-moment";
import { requestTimeZone } from "@/lib/time/request-time-zone";

export const metadata: Metadata = { title: "Activity" };

const isKind = (kind: string): kind is AccountEventKind => (ACCOUNT_EVENT_KINDS as readonly string[]).includes(kind);

export default async function ActivityPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const session = await getSession();
  if (!session) redirect("/signin?from=/settings/activity");
  const { before } = await searchParams;
  const cursor = typeof before === "string" && before !== "" ? before : undefined;
  const requestHeaders = await headers();
  const { bindings } = await requestContext();
  const providerNames = new Map(providerButtons(readProviderSettings(bindings)).map((provider) => [provider.id, provider.name]));

  const page = await withAuth((auth) =>
    auth.api.listAccountActivity({ headers: requestHeaders, query: { before: cursor } }).catch((error: unknown) => {
      // A page link that was edited or cut short: the newest page instead, saying so.
      if (isAPIError(error) && error.statusCode === 400) return null;
      throw error;
    }),
  );

  const timeZone = await requestTimeZone();
  const rows: ActivityRow[] = (page?.events ?? []).map((event) => ({
    id: event.id,
    what: isKind(event.kind) ? ACCOUNT_EVENT_LABELS[event.kind] : event.kind,
    how: describeMethod(event.method, providerNames),
    ...deviceName(event.userAgent),
    ipAddress: event.ipAddress,
    when: describeMoment(event.createdAt, timeZone),
  }));

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/settings" className="font-medium text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline">
          Settings
        </Link>
        <span aria-hidden="true" className="px-2 text-zinc-500 dark:text-zinc-400">
          /
        </span>
        <span aria-current="page" className="text-zinc-700 dark:text-zinc-300">
          Activity
        </span>
      </nav>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Activity</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Sign-ins and changes to your account in the last {ACTIVITY_KEEP_DAYS} days, newest first. Something you don't recognise?
          Change your password and sign out your other devices in{" "}
          <Link href="/settings" className="font-medium text-indigo-700 dark:text-indigo-300 underline underline-offset-2">
            Settings
          </Link>
          .
        </p>
      </div>
      {page === null && (
        <p
          role="status"
          className="rounded-md bg-amber-50 dark:bg-amber-950 px-3 py-2 text-sm text-amber-900 dark:text-amber-200 ring-1 ring-amber-200 dark:ring-amber-900"
        >
          That page link is not valid.{" "}
          <Link href="/settings/activity" className="font-medium underline">
            Show the newest activity
          </Link>
          .
        </p>
      )}
      {page && <ActivityList rows={rows} />}
      <nav aria-label="Activity pages" className="flex flex-wrap gap-3">
        {cursor && (
          <Link
            href="/settings/activity"
            className="text-sm font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
          >
            Newest activity
          </Link>
        )}
        {page?.next && (
          <Link
            href={`/settings/activity?before=${encodeURIComponent(page.next)}`}
            className="text-sm font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
          >
            Older activity
          </Link>
        )}
      </nav>
    </div>
  );
}

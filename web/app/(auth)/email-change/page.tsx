/**
 * Where the old address's mail about a change of e-mail leads (plugins/confirmed-email-change):
 * the choice to confirm or cancel it (its tokens in the link's fragment), then, after Better Auth
 * has checked a confirmation, `?result=confirmed` (or `&error=INVALID_TOKEN` for a dead link).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { EmailChangeDecision } from "@/components/auth/email-change-decision";

export const metadata: Metadata = { title: "Change of email address" };

const LINK = "font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline";

// Spelled out rather than Next's generated PageProps, which exists only after a build or `next typegen`.
type EmailChangePageProps = { searchParams: Promise<{ result?: string | string[]; error?: string | string[] }> };

export default async function EmailChangePage({ searchParams }: EmailChangePageProps) {
  const { result, error } = await searchParams;
  if (error !== undefined) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          The change was cancelled or finished already, or the link has expired: links work for one hour. Your email address has
          not changed.
        </p>
        <Link href="/settings" className={LINK}>
          Go to settings
        </Link>
      </>
    );
  }
  if (result === "confirmed") {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">One more step</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          We sent a link to the new address. Your email address changes when it is opened; until then you sign in with the current
          one.
        </p>
      </>
    );
  }
  return <EmailChangeDecision />;
}

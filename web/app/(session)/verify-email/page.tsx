/**
 * Where every verification link returns (web/lib/auth/account-mail.ts points them here). Better
 * Auth has already done the work: on success it verified the address (signing in only the browser
 * that signed up: plugins/pending-sign-ups) or changed it (change e-mail, which signs out every
 * other session: plugins/confirmed-email-change); on failure it added
 * `?error=TOKEN_EXPIRED` (or another code).
 * Here: the result in words, and for a bad link a way to get a new one.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmailLinkForm } from "@/components/auth/email-link-form";
import { ForgetLinkSecrets } from "@/components/ui/forget-link-secrets";
import { getSession } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Verify your email" };

const LINK = "font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline";

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

// Spelled out rather than Next's generated PageProps, which exists only after a build or `next typegen`.
type VerifyEmailPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// A verification token never stays in the address bar (history, bookmarks, Referers), whichever
// way a link brought it here.
export default async function VerifyEmailPage(props: VerifyEmailPageProps) {
  return (
    <>
      <ForgetLinkSecrets names={["token"]} />
      <VerifyEmailResult {...props} />
    </>
  );
}

async function VerifyEmailResult({ searchParams }: VerifyEmailPageProps) {
  const params = await searchParams;
  const error = one(params.error);
  const changeEmail = one(params.flow) === "change-email";
  const session = error ? null : await getSession();

  if (error) {
    const expired = error === "TOKEN_EXPIRED";
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">
          {expired ? "This link has expired" : "This link cannot be used"}
        </h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          {expired
            ? "Links work for one hour."
            : "It was used already, replaced by a newer one, or is incomplete. Copy the whole address from the e-mail, or get a new link."}
        </p>
        {changeEmail ? (
          <p className="text-sm">
            Your address has not changed.{" "}
            <Link href="/settings" className={LINK}>
              Ask for the change again in settings
            </Link>
            .
          </p>
        ) : (
          <EmailLinkForm kind="verify-email" />
        )}
      </>
    );
  }

  if (changeEmail) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">Your email address is changed</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          {session
            ? `You now sign in with ${session.user.email}. Every other device was signed out.`
            : "Every device was signed out: sign in with your new address from now on."}
        </p>
        <Link href={session ? "/settings" : "/signin"} className={LINK}>
          {session ? "Back to settings" : "Sign in"}
        </Link>
      </>
    );
  }

  // Verified and signed in by the link: on to the app.
  if (session?.user.emailVerified) redirect("/dashboard");
  // Verified elsewhere than the browser that signed up (or a link used twice): a link never signs
  // a browser in for someone else's sign-up, so it asks for the password.
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Your email is verified</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Sign in with your email and password to continue. A link signs you in only in the browser you signed up with.
      </p>
      <Link href="/signin" className={LINK}>
        Sign in
      </Link>
    </>
  );
}

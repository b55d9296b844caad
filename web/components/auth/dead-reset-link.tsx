import Link from "next/link";

/** What a used, expired, incomplete or unknown reset link shows: why, and a way to a new one. */
export function DeadResetLink() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Reset links work once, for one hour. This one was used, has expired, or is incomplete.
      </p>
      <Link
        href="/forgot-password"
        className="font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline"
      >
        Get a new link
      </Link>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { signInProblem } from "@/lib/auth/providers/sign-in-problem";

export const metadata: Metadata = { title: "Sign-in problem" };

/** Where a failed OAuth sign-in or connection lands (Better Auth's errorURL): what happened, and what to do. */
export default async function SignInProblemPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  const { error } = await searchParams;
  const problem = signInProblem(typeof error === "string" ? error : undefined);
  const [href, label] = problem.action === "settings" ? ["/settings", "Back to Settings"] : ["/signin", "Go to sign in"];
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{problem.title}</h1>
      <p className="mt-3 mb-6 text-sm text-zinc-700 dark:text-zinc-300">{problem.message}</p>
      <Link href={href} className={buttonClass("primary", "w-full")}>
        {label}
      </Link>
    </>
  );
}

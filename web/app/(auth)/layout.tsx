import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeToggle } from "@/components/ui/theme-toggle";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:justify-center">
      <Link href="/" className="mb-8 text-lg font-semibold tracking-tight text-zinc-900 dark:text-zinc-100">
        Edge Tasks
      </Link>
      <main className="w-full max-w-sm rounded-xl bg-white dark:bg-zinc-900 p-6 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700 sm:p-8">
        {children}
      </main>
      <div className="mt-6">
        <ThemeToggle />
      </div>
    </div>
  );
}

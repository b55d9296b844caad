"use client";
/**
 * The signed-in frame: skip link, header with navigation (the current page carries
 * `aria-current="page"`), the user's email and a Sign out button. Below 640 px the navigation and
 * account controls fold behind a Menu button, the theme toggle with them.
 */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "./button";
import { ThemeToggle } from "./theme-toggle";
import { failure, LEAVING, useSubmit } from "./use-submit";

export type ShellUser = { name: string; email: string };

const NAV = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/tasks", label: "Tasks" },
  { href: "/settings", label: "Settings" },
];

const isCurrent = (pathname: string, href: string) => pathname === href || pathname.startsWith(`${href}/`);

export function AppShell({ user, children }: { user: ShellUser; children: ReactNode }) {
  const pathname = usePathname() ?? "";
  const router = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const signOut = useSubmit(async () => {
    const { error } = await authAnswer(authClient.signOut());
    if (error) return failure(`Could not sign out. ${describeAuthError(error, "signOut")}`);
    router.replace("/signin");
    router.refresh();
    return LEAVING;
  });

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-white dark:bg-zinc-900 px-4 py-2 text-sm font-semibold text-indigo-700 dark:text-indigo-300 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>

      <header className="border-b border-zinc-200 dark:border-zinc-800 bg-white dark:bg-zinc-900">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link
            href="/dashboard"
            className="mr-auto text-base font-semibold tracking-tight text-zinc-900 dark:text-zinc-100 sm:mr-0"
          >
            Edge Tasks
          </Link>
          <button
            type="button"
            className="rounded-md px-3 py-2 text-sm font-medium text-zinc-700 dark:text-zinc-300 ring-1 ring-zinc-300 dark:ring-zinc-600 hover:bg-zinc-50 dark:hover:bg-zinc-800 sm:hidden"
            aria-expanded={menuOpen}
            aria-controls="app-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? "Close menu" : "Menu"}
          </button>

          <div
            id="app-menu"
            className={`${menuOpen ? "flex" : "hidden"} basis-full flex-col gap-3 border-t border-zinc-100 dark:border-zinc-800 pt-3 pb-1 sm:flex sm:flex-1 sm:basis-auto sm:flex-row sm:items-center sm:border-0 sm:p-0`}
          >
            <nav aria-label="Main">
              <ul className="flex flex-col gap-1 sm:flex-row">
                {NAV.map((item) => {
                  const current = isCurrent(pathname, item.href);
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={current ? "page" : undefined}
                        onClick={() => setMenuOpen(false)}
                        className={`block rounded-md px-3 py-2 text-sm font-medium ${
                          current
                            ? "bg-indigo-50 dark:bg-indigo-950 text-indigo-700 dark:text-indigo-300"
                            : "text-zinc-700 dark:text-zinc-300 hover:bg-zinc-100 dark:hover:bg-zinc-800 hover:text-zinc-900 dark:hover:text-zinc-100"
                        }`}
                      >
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>

            <div className="flex min-w-0 items-center justify-between gap-3 sm:ml-auto sm:justify-end">
              <ThemeToggle />
              <span className="min-w-0 truncate text-sm text-zinc-600 dark:text-zinc-400" title={user.email}>
                <span className="sr-only">Signed in as </span>
                {user.email}
              </span>
              <Button variant="secondary" onClick={() => signOut.run()} disabled={signOut.pending} className="shrink-0 px-3">
                {signOut.pending ? "Signing out…" : "Sign out"}
              </Button>
            </div>
          </div>
        </div>
        {signOut.outcome && (
          <div
            role="alert"
            className="border-t border-red-200 dark:border-red-900 bg-red-50 dark:bg-red-950 px-4 py-2 text-center text-sm text-red-800 dark:text-red-200"
          >
            {signOut.outcome.message}
          </div>
        )}
      </header>

      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}

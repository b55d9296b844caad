import Link from "next/link";
import { ThemeToggle } from "@/components/ui/theme-toggle";

const FEATURES = [
  { title: "Quick capture", text: "Add a task in a second, with an optional note when you need one." },
  { title: "Stay focused", text: "Filter by pending or completed and pick up where you left off." },
  { title: "Yours only", text: "Every task is tied to your account and checked on every request." },
];

export default function HomePage() {
  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col px-4 sm:px-6">
      <header className="flex items-center justify-between gap-4 py-6">
        <span className="text-lg font-semibold tracking-tight">Edge Tasks</span>
        <div className="flex items-center gap-3">
          <ThemeToggle />
          <nav aria-label="Account">
            <Link
              href="/signin"
              className="rounded-md px-3 py-2 text-sm font-medium text-zinc-700 dark:text-zinc-300 hover:bg-zinc-100 dark:hover:bg-zinc-800 hover:text-zinc-900 dark:hover:text-zinc-100"
            >
              Sign in
            </Link>
          </nav>
        </div>
      </header>

      <main className="flex flex-1 flex-col justify-center py-12">
        <h1 className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">Your tasks, calmly in order.</h1>
        <p className="mt-4 max-w-xl text-lg text-zinc-600 dark:text-zinc-400">
          A simple list for the things you need to do. Sign in to see your tasks, or create an account in a few seconds.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link
            href="/signup"
            className="rounded-md bg-indigo-600 px-5 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-700"
          >
            Create an account
          </Link>
          <Link
            href="/signin"
            className="rounded-md bg-white dark:bg-zinc-900 px-5 py-2.5 text-sm font-semibold text-zinc-900 dark:text-zinc-100 shadow-sm ring-1 ring-zinc-300 dark:ring-zinc-600 ring-inset hover:bg-zinc-50 dark:hover:bg-zinc-800"
          >
            Sign in
          </Link>
        </div>

        <ul className="mt-16 grid gap-6 sm:grid-cols-3">
          {FEATURES.map((feature) => (
            <li key={feature.title}>
              <h2 className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">{feature.title}</h2>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{feature.text}</p>
            </li>
          ))}
        </ul>
      </main>

      <footer className="py-6 text-sm text-zinc-500 dark:text-zinc-400">Runs on Cloudflare Workers.</footer>
    </div>
  );
}

import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-700 dark:text-indigo-300">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">The page you are looking for does not exist or has moved.</p>
      <Link href="/" className="mt-6 text-sm font-semibold text-indigo-700 dark:text-indigo-300 hover:underline">
        Back to the home page
      </Link>
    </main>
  );
}

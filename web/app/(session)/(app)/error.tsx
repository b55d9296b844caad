"use client";
// Error boundary for the signed-in pages: the shell (navigation, sign out) stays usable.
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="rounded-xl bg-white dark:bg-zinc-900 p-6 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        This page could not be shown. Try again, or come back in a moment.
      </p>
      <Button onClick={() => retry()} className="mt-4">
        Try again
      </Button>
    </div>
  );
}

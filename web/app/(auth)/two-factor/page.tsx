import type { Metadata } from "next";
import { Suspense } from "react";
import { TwoFactorStep } from "@/components/auth/two-factor-step";
import { FormSkeleton } from "@/components/ui/form-skeleton";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default function TwoFactorPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Two-factor authentication</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Enter the code from your authenticator app to finish signing in.
      </p>
      {/* useSearchParams (for ?from=) needs a Suspense boundary to keep the page static. */}
      <Suspense fallback={<FormSkeleton fields={1} />}>
        <TwoFactorStep />
      </Suspense>
    </>
  );
}

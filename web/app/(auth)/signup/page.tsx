import type { Metadata } from "next";
import { Suspense } from "react";
import { AuthForm } from "@/components/auth/auth-form";
import { SignInProviders } from "@/components/auth/sign-in-providers";
import { FormSkeleton } from "@/components/ui/form-skeleton";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Create an account</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">It takes a few seconds.</p>
      {/* useSearchParams (for ?from=) needs a Suspense boundary to keep the page static. */}
      {/* One button per configured provider; nothing while they load, nothing when there are none. */}
      <Suspense fallback={null}>
        <SignInProviders />
      </Suspense>
      <Suspense fallback={<FormSkeleton fields={4} />}>
        <AuthForm mode="signup" />
      </Suspense>
    </>
  );
}

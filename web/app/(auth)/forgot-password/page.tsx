import type { Metadata } from "next";
import Link from "next/link";
import { EmailLinkForm } from "@/components/auth/email-link-form";

export const metadata: Metadata = { title: "Forgot your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Forgot your password?</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Enter your email and we will send you a link to choose a new one.
      </p>
      <EmailLinkForm kind="reset-password" />
      <p className="mt-6 text-center text-sm text-zinc-600 dark:text-zinc-400">
        Remembered it?{" "}
        <Link href="/signin" className="font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}

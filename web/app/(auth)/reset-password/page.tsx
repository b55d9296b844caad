/**
 * Where a reset link lands, after Better Auth has checked it: `?token=…` for a live link,
 * `?error=INVALID_TOKEN` for a used, expired or unknown one. The token is checked again (and
 * spent) only when the new password is sent.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

// Better Auth's reset tokens are 24 letters and digits; anything else cannot be one.
const TOKEN = /^[A-Za-z0-9]{16,64}$/;

// Spelled out rather than Next's generated PageProps, which exists only after a build or `next typegen`.
type ResetPasswordPageProps = { searchParams: Promise<{ token?: string | string[]; error?: string | string[] }> };

export default async function ResetPasswordPage({ searchParams }: ResetPasswordPageProps) {
  const { token, error } = await searchParams;
  if (error !== undefined || typeof token !== "string" || !TOKEN.test(token)) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600">
          Reset links work once, for one hour. This one was used, has expired, or is incomplete.
        </p>
        <Link href="/forgot-password" className="font-semibold text-indigo-700 underline-offset-2 hover:underline">
          Get a new link
        </Link>
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      <p className="mt-1 mb-6 text-sm text-zinc-600">Every device signed in to your account will be signed out.</p>
      <ResetPasswordForm token={token} />
    </>
  );
}

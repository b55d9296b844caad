/**
 * Where a reset link lands: /reset-password#token=… (the fragment never reaches a server, so the
 * token is in no access log; the page reads it in the browser and removes it from the address
 * bar). `?error=INVALID_TOKEN` comes from Better Auth's own link endpoint, kept for links mailed
 * before, for a used, expired or unknown token.
 */
import type { Metadata } from "next";
import { DeadResetLink } from "@/components/auth/dead-reset-link";
import { ResetPasswordFromLink } from "@/components/auth/reset-password-from-link";

export const metadata: Metadata = { title: "Choose a new password" };

// Spelled out rather than Next's generated PageProps, which exists only after a build or `next typegen`.
type ResetPasswordPageProps = { searchParams: Promise<{ error?: string | string[] }> };

export default async function ResetPasswordPage({ searchParams }: ResetPasswordPageProps) {
  const { error } = await searchParams;
  if (error !== undefined) return <DeadResetLink />;
  return <ResetPasswordFromLink />;
}

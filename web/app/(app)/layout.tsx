// Protected pages: the session is confirmed on the server (cookie cache, else database) before
// anything renders, so there is no flash of protected content and no client-only guard.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { getPublicConfig, getSession } from "@/lib/auth/server";
import { safeRedirectPath } from "@/lib/auth/ui/safe-redirect";
import { TasksApiProvider } from "@/lib/tasks/tasks-api-provider";

export default async function ProtectedLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) {
    // Set by the middleware from the request's own path; sanitized all the same, like any ?from=.
    const from = safeRedirectPath((await headers()).get("x-pathname"));
    redirect(`/signin?from=${encodeURIComponent(from)}`);
  }
  const { apiUrl } = await getPublicConfig();
  return (
    <TasksApiProvider apiUrl={apiUrl} userId={session.user.id}>
      <AppShell user={{ name: session.user.name, email: session.user.email }}>{children}</AppShell>
    </TasksApiProvider>
  );
}

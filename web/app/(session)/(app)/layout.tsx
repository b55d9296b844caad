// Protected pages: the session is confirmed on the server (cookie cache, else database) before
// anything renders, so there is no flash of protected content and no client-only guard.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { sessionEndedUrl } from "@/lib/auth/plugins/session-ended/url";
import { getPublicConfig, getSession } from "@/lib/auth/server";
import { TasksApiProvider } from "@/lib/tasks/tasks-api-provider";

export default async function ProtectedLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  if (!session) {
    // The middleware let this request in on its session cookie, so the cookie names a dead session:
    // to sign-in through a response that clears it (a page cannot), or sign-in would send it back
    // here. x-pathname is set by the middleware from the request's own path.
    redirect(sessionEndedUrl((await headers()).get("x-pathname")));
  }
  const { apiUrl } = await getPublicConfig();
  return (
    <TasksApiProvider apiUrl={apiUrl} userId={session.user.id}>
      <AppShell user={{ name: session.user.name, email: session.user.email }}>{children}</AppShell>
    </TasksApiProvider>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { OtherSessionsForm } from "@/components/settings/other-sessions-form";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { getSession } from "@/lib/auth/server";

export const metadata: Metadata = { title: "Settings" };

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="grid gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-zinc-200 sm:p-6 md:grid-cols-3"
    >
      <div>
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-zinc-600">{description}</p>
      </div>
      <div className="md:col-span-2">{children}</div>
    </section>
  );
}

export default async function SettingsPage() {
  // The (app) layout has already confirmed the session; `getSession` is cached per request.
  const session = await getSession();
  if (!session) redirect("/signin?from=/settings");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <Section id="profile-heading" title="Profile" description="The name shown in your account.">
        <ProfileForm initialName={session.user.name} email={session.user.email} />
      </Section>
      <Section id="password-heading" title="Password" description="Use a long password you do not use anywhere else.">
        <PasswordForm />
      </Section>
      <Section id="sessions-heading" title="Sessions" description="Devices and browsers signed in to your account.">
        <OtherSessionsForm />
      </Section>
    </div>
  );
}

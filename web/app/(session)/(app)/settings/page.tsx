import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { ChangeEmailForm } from "@/components/settings/change-email-form";
import { type ConnectedAccount, ConnectedAccounts } from "@/components/settings/connected-accounts";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { type DeviceRow, DevicesList } from "@/components/settings/devices-list";
import { FreshSignInProvider, type SignInMethods } from "@/components/settings/fresh-sign-in";
import { toPasskeyRow } from "@/components/settings/passkey-row";
import { PasskeysSettings } from "@/components/settings/passkeys-settings";
import { PasswordForm } from "@/components/settings/password-form";
import { ProfileForm } from "@/components/settings/profile-form";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";
import { type ProviderButton, providerButtons, readProviderSettings } from "@/lib/auth/providers/settings";
import { getSession, withAuth } from "@/lib/auth/server";
import { deviceName } from "@/lib/auth/ui/device-name";
import { requestContext } from "@/lib/request-context";
import { describeMoment } from "@/lib/time/describe-moment";
import { requestTimeZone } from "@/lib/time/request-time-zone";

export const metadata: Metadata = { title: "Settings" };

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="grid gap-4 rounded-xl bg-white dark:bg-zinc-900 p-4 shadow-sm ring-1 ring-zinc-200 dark:ring-zinc-700 sm:p-6 md:grid-cols-3"
    >
      <div>
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      </div>
      <div className="md:col-span-2">{children}</div>
    </section>
  );
}

/** This person's devices, with the browser and system read from each user agent. */
async function loadDevices(timeZone: string): Promise<DeviceRow[]> {
  const requestHeaders = await headers();
  const { devices } = await withAuth((auth) => auth.api.listDevices({ headers: requestHeaders }));
  return devices.map((device) => ({
    id: device.id,
    ...deviceName(device.userAgent),
    ipAddress: device.ipAddress,
    created: describeMoment(device.createdAt, timeZone),
    lastActive: describeMoment(device.lastActiveAt, timeZone),
    current: device.current,
  }));
}

/** The ways this person signs in, named as the buttons name their providers; the providers they could add. */
async function loadConnectedAccounts(timeZone: string): Promise<{ accounts: ConnectedAccount[]; providers: ProviderButton[] }> {
  const requestHeaders = await headers();
  const { bindings } = await requestContext();
  const providers = providerButtons(readProviderSettings(bindings));
  const names = new Map([["credential", "Email and password"], ...providers.map((p) => [p.id, p.name] as const)]);
  const accounts = await withAuth((auth) => auth.api.listUserAccounts({ headers: requestHeaders }));
  return {
    providers,
    accounts: accounts.map((account) => ({
      id: account.id,
      providerId: account.providerId,
      name: names.get(account.providerId) ?? account.providerId,
      connected: describeMoment(account.createdAt, timeZone),
    })),
  };
}

/** This person's passkeys, oldest first, with their dates formatted as the browser formats a new one. */
async function loadPasskeys(timeZone: string) {
  const requestHeaders = await headers();
  const passkeys = await withAuth((auth) => auth.api.listPasskeys({ headers: requestHeaders }));
  return passkeys.map((passkey) => toPasskeyRow(passkey, timeZone)).sort((a, b) => a.added.iso.localeCompare(b.added.iso));
}

export default async function SettingsPage() {
  // The (app) layout has already confirmed the session; `getSession` is cached per request.
  const session = await getSession();
  if (!session) redirect("/signin?from=/settings");
  // Every moment on the page in the person's zone (lib/time/describe-moment.ts).
  const timeZone = await requestTimeZone();
  const [devices, connected, passkeys] = await Promise.all([
    loadDevices(timeZone),
    loadConnectedAccounts(timeZone),
    loadPasskeys(timeZone),
  ]);
  // How a sensitive action's "confirm it's you" can be answered (components/settings/fresh-sign-in.tsx).
  const methods: SignInMethods = {
    password: connected.accounts.some((account) => account.providerId === "credential"),
    passkey: passkeys.length > 0,
    code: Boolean(session.user.twoFactorEnabled),
    providers: connected.providers.filter((provider) => connected.accounts.some((account) => account.providerId === provider.id)),
  };

  return (
    <FreshSignInProvider methods={methods}>
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <Section id="profile-heading" title="Profile" description="The name shown in your account.">
          <ProfileForm initialName={session.user.name} email={session.user.email} />
        </Section>
        <Section id="password-heading" title="Password" description="Use a long password you do not use anywhere else.">
          <PasswordForm />
        </Section>
        <Section
          id="two-factor-heading"
          title="Two-factor authentication"
          description="A code from an authenticator app after your password, so a stolen password is not enough."
        >
          <TwoFactorSettings enabled={Boolean(session.user.twoFactorEnabled)} hasPassword={methods.password} />
        </Section>
        <Section
          id="passkeys-heading"
          title="Passkeys"
          description="Sign in with your fingerprint, face or screen lock instead of a password. A passkey counts as both factors."
        >
          <PasskeysSettings initialPasskeys={passkeys} timeZone={timeZone} />
        </Section>
        <Section
          id="email-heading"
          title="Email address"
          description={`You sign in with ${session.user.email}. A change is confirmed from this inbox first, then from the new one.`}
        >
          <ChangeEmailForm currentEmail={session.user.email} />
        </Section>
        <Section
          id="connected-heading"
          title="Connected accounts"
          description="The ways you sign in. Connect a provider whose verified e-mail is this account's; the last one cannot be disconnected."
        >
          <ConnectedAccounts initialAccounts={connected.accounts} providers={connected.providers} />
        </Section>
        <Section id="sessions-heading" title="Devices" description="Browsers and devices signed in to your account.">
          <DevicesList initialDevices={devices} />
        </Section>
        <Section id="activity-heading" title="Activity" description="Sign-ins and changes to your account in the last 90 days.">
          <Link
            href="/settings/activity"
            className="text-sm font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-2"
          >
            See your account activity
          </Link>
        </Section>
        <Section id="delete-heading" title="Delete account" description="Remove your account and all of its tasks.">
          <DeleteAccountForm />
        </Section>
      </div>
    </FreshSignInProvider>
  );
}

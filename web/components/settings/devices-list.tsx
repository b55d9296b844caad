"use client";
/**
 * Settings: every device signed in to the account (from the server's first render), each with
 * "Sign out" (the devices plugin's revoke, by session id), and "Sign out of other sessions". Signing a
 * device out ends its API access at once: the API checks the session in every statement.
 */
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { OutcomeAlert } from "../ui/form-alert";
import { failure, success, useSubmit } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";
import { OtherSessionsForm } from "./other-sessions-form";

export type DeviceRow = {
  id: string;
  browser: string;
  os: string;
  ipAddress: string | null;
  /** Already formatted on the server, so both renders agree. */
  created: { iso: string; text: string };
  lastActive: { iso: string; text: string };
  current: boolean;
};

export function DevicesList({ initialDevices }: { initialDevices: DeviceRow[] }) {
  const [devices, setDevices] = useState(initialDevices);
  /** The device being signed out (its button says so). */
  const [target, setTarget] = useState<string | null>(null);
  const confirmed = useFreshSignIn();
  const signOut = useSubmit(async (device: DeviceRow) => {
    const { error } = await confirmed(() => authClient.devices.revoke({ id: device.id }));
    if (error) return failure(describeAuthError(error, "revokeDevice"));
    setDevices((list) => list.filter((each) => each.id !== device.id));
    return success(`${device.browser} on ${device.os} is signed out.`);
  });

  return (
    <div className="space-y-4">
      <OutcomeAlert outcome={signOut.outcome} />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800 rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-700">
        {devices.map((device) => (
          <li key={device.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-zinc-900 dark:text-zinc-100">
                {device.browser} on {device.os}
                {device.current && (
                  <span className="ml-2 rounded-full bg-indigo-50 dark:bg-indigo-950 px-2 py-0.5 text-xs font-semibold text-indigo-800 dark:text-indigo-200 ring-1 ring-indigo-200 dark:ring-indigo-800">
                    This device
                  </span>
                )}
              </p>
              <p className="break-all text-zinc-600 dark:text-zinc-400">{device.ipAddress ?? "Address unknown"}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                Signed in <time dateTime={device.created.iso}>{device.created.text}</time> · last active{" "}
                <time dateTime={device.lastActive.iso}>{device.lastActive.text}</time>
              </p>
            </div>
            {!device.current && (
              <Button
                variant="secondary"
                onClick={() => {
                  setTarget(device.id);
                  signOut.run(device);
                }}
                disabled={signOut.pending}
                aria-label={`Sign out ${device.browser} on ${device.os}`}
                className="shrink-0"
              >
                {signOut.pending && target === device.id ? "Signing out…" : "Sign out"}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <OtherSessionsForm onDone={() => setDevices((list) => list.filter((each) => each.current))} />
    </div>
  );
}

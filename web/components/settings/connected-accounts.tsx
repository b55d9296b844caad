"use client";
/**
 * Settings → Connected accounts: the ways this person signs in (their password, and each provider
 * identity), "Connect" for each provider this environment offers that is not connected yet (Better
 * Auth's link-social: the provider's verified address must be the account's), and "Disconnect",
 * which the server refuses for the last way in.
 */
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import type { ProviderButton } from "@/lib/auth/providers/settings";
import { SIGN_IN_PROBLEM_PATH } from "@/lib/auth/providers/sign-in-problem";
import { describeAuthError } from "@/lib/auth/ui/auth-errors";
import { Button } from "../ui/button";
import { OutcomeAlert } from "../ui/form-alert";
import { useHydrated } from "../ui/use-hydrated";
import { failure, LEAVING, success, useSubmit } from "../ui/use-submit";
import { useFreshSignIn } from "./fresh-sign-in";

export type ConnectedAccount = { id: string; providerId: string; name: string; connected: { iso: string; text: string } };

export function ConnectedAccounts({
  initialAccounts,
  providers,
}: {
  initialAccounts: ConnectedAccount[];
  providers: ProviderButton[];
}) {
  const [accounts, setAccounts] = useState(initialAccounts);
  const [target, setTarget] = useState<string | null>(null);
  const confirmed = useFreshSignIn();
  // A click before React runs the page would do nothing: the buttons wait for it.
  const hydrated = useHydrated();
  const disconnect = useSubmit(async (account: ConnectedAccount) => {
    const { error } = await confirmed(() => authClient.unlinkAccount({ accountId: account.id }));
    if (error) return failure(describeAuthError(error, "disconnectAccount"));
    setAccounts((list) => list.filter((each) => each.id !== account.id));
    return success(`${account.name} is disconnected.`);
  });
  const connect = useSubmit(async (provider: ProviderButton) => {
    const { error } = await confirmed(() =>
      authClient.linkSocial({ provider: provider.id, callbackURL: "/settings", errorCallbackURL: SIGN_IN_PROBLEM_PATH }),
    );
    // On success the browser is already leaving for the provider.
    return error ? failure(describeAuthError(error, "connectAccount")) : LEAVING;
  });
  const connectable = providers.filter((provider) => !accounts.some((account) => account.providerId === provider.id));

  return (
    <div className="space-y-4">
      <OutcomeAlert outcome={disconnect.outcome ?? connect.outcome} />
      <ul className="divide-y divide-zinc-200 dark:divide-zinc-800 rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-700">
        {accounts.map((account) => (
          <li key={account.id} className="flex flex-col gap-3 p-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="min-w-0 text-sm">
              <p className="font-medium text-zinc-900 dark:text-zinc-100">{account.name}</p>
              <p className="text-zinc-600 dark:text-zinc-400">
                Connected <time dateTime={account.connected.iso}>{account.connected.text}</time>
              </p>
            </div>
            {account.providerId !== "credential" && (
              <Button
                variant="secondary"
                className="shrink-0"
                disabled={!hydrated || disconnect.pending}
                aria-label={`Disconnect ${account.name}`}
                onClick={() => {
                  setTarget(account.id);
                  disconnect.run(account);
                }}
              >
                {disconnect.pending && target === account.id ? "Disconnecting…" : "Disconnect"}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {connectable.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          disabled={!hydrated || connect.pending}
          onClick={() => connect.run(provider)}
        >
          Connect {provider.name}
        </Button>
      ))}
    </div>
  );
}

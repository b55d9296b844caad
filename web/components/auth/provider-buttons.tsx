"use client";
/**
 * "Continue with GitHub / Google / <OpenID provider>": one button per provider this environment
 * offers (the server decides which). A click asks Better Auth for the provider's sign-in URL and
 * goes there; the sign-in comes back to `?from=` (same-site paths only) or the dashboard, and a
 * failure to the sign-in problem page.
 */
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import type { ProviderButton } from "@/lib/auth/providers/settings";
import { SIGN_IN_PROBLEM_PATH } from "@/lib/auth/providers/sign-in-problem";
import { safeRedirectPath } from "@/lib/auth/ui/safe-redirect";
import { Button } from "../ui/button";
import { FormError } from "../ui/form-alert";
import { useHydrated } from "../ui/use-hydrated";

export function ProviderButtons({ providers }: { providers: ProviderButton[] }) {
  const from = useSearchParams().get("from");
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  // A click before React runs the page would do nothing: the buttons wait for it.
  const hydrated = useHydrated();
  if (providers.length === 0) return null;

  const start = async (provider: string) => {
    setPending(provider);
    setFailed(false);
    const { error } = await authClient.signIn.social({
      provider,
      callbackURL: safeRedirectPath(from),
      errorCallbackURL: SIGN_IN_PROBLEM_PATH,
    });
    // On success the browser is already leaving for the provider.
    if (error) {
      setPending(null);
      setFailed(true);
    }
  };

  return (
    <div className="mb-6 space-y-3">
      {providers.map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          className="w-full"
          disabled={!hydrated || pending !== null}
          onClick={() => void start(provider.id)}
        >
          {pending === provider.id ? `Opening ${provider.name}…` : `Continue with ${provider.name}`}
        </Button>
      ))}
      {failed && <FormError>That provider cannot be reached right now. Try again, or use your email and password.</FormError>}
      <p className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400 before:h-px before:flex-1 before:bg-zinc-200 dark:before:bg-zinc-700 after:h-px after:flex-1 after:bg-zinc-200 dark:after:bg-zinc-700">
        or with email
      </p>
    </div>
  );
}

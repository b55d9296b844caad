"use client";
/**
 * /email-change as the old address's mail opens it: "confirm the change" (its link carries the
 * confirmation token and the cancel token) or "this wasn't me" (only the cancel token). The
 * tokens come from the link's fragment and leave the address bar at once; nothing happens until a
 * button is pressed, so a mail scanner that opens the link changes nothing.
 */
import { decodeJwt } from "jose";
import Link from "next/link";
import { authClient } from "@/lib/auth/client";
import { authAnswer, describeAuthError } from "@/lib/auth/ui/auth-errors";
import { confirmEmailChangeUrl } from "@/lib/auth/ui/email-change-links";
import { Button } from "../ui/button";
import { OutcomeAlert } from "../ui/form-alert";
import { FormSkeleton } from "../ui/form-skeleton";
import { useLinkSecrets } from "../ui/use-link-secrets";
import { failure, LEAVING, success, useSubmit } from "../ui/use-submit";

const LINK = "font-semibold text-indigo-700 dark:text-indigo-300 underline-offset-2 hover:underline";

/** The address the change would set, as the confirmation token names it (shown, not trusted). */
function newEmailOf(token: string): string | undefined {
  try {
    const { updateTo } = decodeJwt(token);
    return typeof updateTo === "string" ? updateTo : undefined;
  } catch {
    return undefined;
  }
}

export function EmailChangeDecision() {
  const secrets = useLinkSecrets(["confirm", "cancel"]);
  const decide = useSubmit(async (choice: { confirm: string } | { cancel: string }) => {
    if ("confirm" in choice) {
      window.location.assign(confirmEmailChangeUrl(choice.confirm));
      return LEAVING;
    }
    const { error } = await authAnswer(authClient.emailChange.cancel({ token: choice.cancel }));
    if (error) return failure(describeAuthError(error, "cancelEmailChange"));
    // Its words are not shown: a cancelled change gets a page of its own (below).
    return success("cancelled");
  });

  if (!secrets) return <FormSkeleton fields={0} />;
  const { confirm, cancel } = secrets;

  if (decide.outcome?.ok) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">The change is cancelled</h1>
        <p role="status" className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Your email address stays as it is, and every device signed in to your account is signed out, this one too. Whoever asked
          for the change knew your password: choose a new one now.
        </p>
        <Link href="/forgot-password" className={LINK}>
          Choose a new password
        </Link>
      </>
    );
  }

  if (!confirm && !cancel) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">This link cannot be used</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          It is incomplete. Open it again from the email, or copy the whole address from there.
        </p>
      </>
    );
  }

  const newEmail = confirm ? newEmailOf(confirm) : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">
        {confirm ? "Confirm the change of your email address" : "Cancel the change of your email address"}
      </h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        {newEmail
          ? `Someone asked to change your account's email address to ${newEmail}.`
          : "Someone asked to change your account's email address."}{" "}
        {confirm
          ? "If it was you, confirm it: we then send a last link to the new address."
          : "If it was not you, cancel it: every device signed in to your account is signed out."}
      </p>
      <OutcomeAlert outcome={decide.outcome} />
      <div className="mt-4 flex flex-col gap-3">
        {confirm && (
          <Button type="button" disabled={decide.pending} onClick={() => decide.run({ confirm })}>
            Yes, change it
          </Button>
        )}
        {cancel && (
          <Button type="button" variant="danger" disabled={decide.pending} onClick={() => decide.run({ cancel })}>
            This wasn't me: cancel it and sign out every device
          </Button>
        )}
      </div>
    </>
  );
}

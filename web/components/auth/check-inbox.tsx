"use client";
/** After sign-up, while the address is unverified: where the link went, and a way to get another. */
import { useEffect, useRef } from "react";
import { ResendVerification } from "./resend-verification";

export function CheckInbox({ email }: { email: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form this replaces had the focus: move it here, so the change is announced.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="space-y-4" aria-labelledby="check-inbox-heading">
      <h2 id="check-inbox-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold focus:outline-none">
        Check your inbox
      </h2>
      <p className="text-sm text-zinc-700 dark:text-zinc-300">
        We sent a link to <strong className="break-all">{email}</strong>. Open it to verify your address: in this browser, it
        signs you in too. It works for one hour.
      </p>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing there? Look in your spam folder, or send it again.</p>
      <ResendVerification email={email} />
    </section>
  );
}

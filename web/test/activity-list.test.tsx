// Settings → Activity's list with the methods named as the page names them (activity/methods.ts):
// what a person reads, never a stored id.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ActivityList, type ActivityRow } from "@/components/settings/activity-list";
import { describeMethod } from "@/lib/auth/activity/methods";

const when = { iso: "2026-12-01T10:00:00.000Z", text: "1 Dec 2026, 10:00 UTC" };
const row = (id: string, what: string, method: string | null): ActivityRow => ({
  id,
  what,
  how: describeMethod(method, new Map([["github", "GitHub"]])),
  browser: "Firefox",
  os: "Linux",
  ipAddress: "203.0.113.7",
  when,
});

describe("ActivityList", () => {
  it("names each method in words", () => {
    render(
      <ActivityList
        rows={[
          row("1", "Signed in", "two_factor"),
          row("2", "Signed in", "recovery_code"),
          row("3", "Failed sign-in", "two_factor"),
          row("4", "Signed in", "passkey"),
          row("5", "Signed in", "password"),
          row("6", "Signed in", "github"),
          row("7", "Password changed", null),
        ]}
      />,
    );
    const items = screen.getAllByRole("listitem").map((item) => item.querySelector("p")?.textContent);
    expect(items).toEqual([
      "Signed in with an authenticator code",
      "Signed in with a recovery code",
      "Failed sign-in with an authenticator code",
      "Signed in with a passkey",
      "Signed in with password",
      "Signed in with GitHub",
      "Password changed",
    ]);
    expect(screen.getByRole("list", { name: "Account activity" }).textContent).not.toMatch(/two_factor|recovery_code/);
  });
});

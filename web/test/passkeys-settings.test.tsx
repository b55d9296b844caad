// Settings → Passkeys (components/settings/passkeys-settings.tsx) with Better Auth's client mocked:
// the list with dates, a new passkey under the name typed (names checked before the browser is
// asked), a cancelled prompt explained, renaming one in place, and removing one.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { toPasskeyRow } from "@/components/settings/passkey-row";
import { PasskeysSettings } from "@/components/settings/passkeys-settings";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));

const LAPTOP = toPasskeyRow({ id: "pk-1", name: "Work laptop", createdAt: "2026-12-01T09:30:00.000Z", lastUsedAt: null }, "UTC");

beforeEach(() => {
  resetAuthClient();
});

describe("the list", () => {
  it("shows each passkey's name, when it was added, and when it was last used", () => {
    const used = toPasskeyRow(
      {
        id: "pk-2",
        name: "Phone",
        createdAt: "2026-12-02T10:00:00.000Z",
        lastUsedAt: "2026-12-05T08:15:00Z",
      },
      "UTC",
    );
    render(<PasskeysSettings initialPasskeys={[LAPTOP, used]} timeZone="UTC" />);
    const items = within(screen.getByRole("list", { name: "Your passkeys" })).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "Work laptopAdded 1 Dec 2026, 09:30 UTCNot used yetRenameRemove",
      "PhoneAdded 2 Dec 2026, 10:00 UTCLast used 5 Dec 2026, 08:15 UTCRenameRemove",
    ]);
  });

  it("writes the dates in the person's zone, naming it", () => {
    const row = toPasskeyRow(
      { id: "pk-3", name: "Tablet", createdAt: "2026-12-06T23:45:00.000Z", lastUsedAt: null },
      "Asia/Kolkata",
    );
    expect(row.added).toEqual({ iso: "2026-12-06T23:45:00.000Z", text: "7 Dec 2026, 05:15 GMT+5:30" });
  });

  it("says there are none yet", () => {
    render(<PasskeysSettings initialPasskeys={[]} timeZone="UTC" />);
    expect(screen.getByText(/No passkeys yet/)).toBeInTheDocument();
  });
});

describe("adding one", () => {
  it("asks the browser under the name typed, then lists it", async () => {
    authClient.passkey.addPasskey.mockResolvedValueOnce({
      data: { id: "pk-9", name: "Security key", createdAt: "2026-12-06T04:00:00.000Z" },
      error: null,
    });
    const user = userEvent.setup();
    // The zone the server wrote the page in: the new passkey's date is written in it too.
    render(<PasskeysSettings initialPasskeys={[]} timeZone="Asia/Tokyo" />);
    await user.type(screen.getByLabelText("Name for the new passkey"), "  Security key ");
    await user.click(screen.getByRole("button", { name: "Add a passkey" }));
    expect(authClient.passkey.addPasskey).toHaveBeenCalledWith({ name: "Security key" });
    expect(await screen.findByRole("status")).toHaveTextContent("Passkey “Security key” added.");
    expect(within(screen.getByRole("list", { name: "Your passkeys" })).getByRole("listitem")).toHaveTextContent(
      "Security keyAdded 6 Dec 2026, 13:00 GMT+9",
    );
    expect(screen.getByLabelText("Name for the new passkey")).toHaveValue("");
  });

  it.each([
    ["", "Name the passkey"],
    ["x".repeat(65), "Use at most 64 characters."],
  ])("refuses the name %j before the browser is asked", async (name, message) => {
    const user = userEvent.setup();
    render(<PasskeysSettings initialPasskeys={[]} timeZone="UTC" />);
    if (name) await user.type(screen.getByLabelText("Name for the new passkey"), name);
    await user.click(screen.getByRole("button", { name: "Add a passkey" }));
    expect(await screen.findByText(new RegExp(message))).toBeInTheDocument();
    expect(authClient.passkey.addPasskey).not.toHaveBeenCalled();
  });

  it("explains a prompt the person closed, and lists nothing", async () => {
    authClient.passkey.addPasskey.mockResolvedValueOnce(authError(400, "ERROR_CEREMONY_ABORTED"));
    const user = userEvent.setup();
    render(<PasskeysSettings initialPasskeys={[]} timeZone="UTC" />);
    await user.type(screen.getByLabelText("Name for the new passkey"), "Phone");
    await user.click(screen.getByRole("button", { name: "Add a passkey" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The passkey request was cancelled or timed out.");
    expect(screen.queryByRole("list", { name: "Your passkeys" })).toBeNull();
  });
});

describe("removing one", () => {
  it("removes it by id and says so", async () => {
    const user = userEvent.setup();
    render(<PasskeysSettings initialPasskeys={[LAPTOP]} timeZone="UTC" />);
    await user.click(screen.getByRole("button", { name: "Remove passkey Work laptop" }));
    expect(authClient.passkey.deletePasskey).toHaveBeenCalledWith({ id: "pk-1" });
    expect(await screen.findByRole("status")).toHaveTextContent("Passkey “Work laptop” removed.");
    await waitFor(() => expect(screen.queryByRole("list", { name: "Your passkeys" })).toBeNull());
  });
});

describe("renaming one", () => {
  it("saves the new name in place (trimmed), and the list shows it", async () => {
    const user = userEvent.setup();
    render(<PasskeysSettings initialPasskeys={[LAPTOP]} timeZone="UTC" />);
    await user.click(screen.getByRole("button", { name: "Rename passkey Work laptop" }));
    const field = screen.getByLabelText("New name for Work laptop");
    expect(field).toHaveValue("Work laptop");
    await user.clear(field);
    await user.type(field, " Old laptop  ");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(authClient.passkey.updatePasskey).toHaveBeenCalledWith({ id: "pk-1", name: "Old laptop" });
    const item = within(await screen.findByRole("list", { name: "Your passkeys" })).getByRole("listitem");
    await waitFor(() => expect(item).toHaveTextContent(/^Old laptopAdded/));
    expect(screen.queryByLabelText(/New name for/)).toBeNull();
  });

  it("refuses an empty or too long name before asking the server, and Cancel keeps the old one", async () => {
    const user = userEvent.setup();
    render(<PasskeysSettings initialPasskeys={[LAPTOP]} timeZone="UTC" />);
    await user.click(screen.getByRole("button", { name: "Rename passkey Work laptop" }));
    const field = screen.getByLabelText("New name for Work laptop");
    await user.clear(field);
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByText(/Name the passkey/)).toBeInTheDocument();
    await user.type(field, "x".repeat(65));
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByText(/Use at most 64 characters./)).toBeInTheDocument();
    expect(authClient.passkey.updatePasskey).not.toHaveBeenCalled();
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(within(screen.getByRole("list", { name: "Your passkeys" })).getByRole("listitem")).toHaveTextContent(
      /^Work laptopAdded/,
    );
  });

  it("says what the server refused, and keeps the form", async () => {
    authClient.passkey.updatePasskey.mockResolvedValueOnce(authError(400, "PASSKEY_NAME_TOO_LONG"));
    const user = userEvent.setup();
    render(<PasskeysSettings initialPasskeys={[LAPTOP]} timeZone="UTC" />);
    await user.click(screen.getByRole("button", { name: "Rename passkey Work laptop" }));
    await user.type(screen.getByLabelText("New name for Work laptop"), " 2");
    await user.click(screen.getByRole("button", { name: "Save name" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That name is too long.");
    expect(screen.getByLabelText("New name for Work laptop")).toHaveValue("Work laptop 2");
  });
});

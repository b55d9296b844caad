// Settings → Two-factor authentication (components/settings/two-factor-settings.tsx) with Better
// Auth's client mocked: the setup's QR code and key, the first code, the recovery codes shown once,
// new codes and turning it off.
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { TwoFactorSettings } from "@/components/settings/two-factor-settings";
import { authClient, authError, resetAuthClient } from "./auth-client-mock.ts";

vi.mock("@/lib/auth/client", async () => ({ authClient: (await import("./auth-client-mock.ts")).authClient }));

const TOTP_URI = "otpauth://totp/Edge%20Tasks:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Edge%20Tasks";
const CODES = Array.from({ length: 10 }, (_, i) => `code${i}-abcde`);

beforeEach(() => {
  resetAuthClient();
});

async function startSetup() {
  authClient.twoFactor.enable.mockResolvedValue({ data: { totpURI: TOTP_URI, backupCodes: CODES }, error: null });
  const user = userEvent.setup();
  render(<TwoFactorSettings enabled={false} hasPassword />);
  await user.type(screen.getByLabelText("Your password"), "correct horse");
  await user.click(screen.getByRole("button", { name: "Set up two-factor" }));
  return user;
}

describe("turning it on", () => {
  it("shows the QR code and the key, and turns on only with a first code; then the ten codes, once", async () => {
    const user = await startSetup();
    expect(authClient.twoFactor.enable).toHaveBeenCalledWith({ password: "correct horse" });
    expect(await screen.findByRole("img", { name: "QR code for your authenticator app" })).toBeInTheDocument();
    expect(screen.getByText("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")).toBeInTheDocument();

    authClient.twoFactor.verifyTotp.mockResolvedValueOnce(authError(401, "INVALID_CODE", "Invalid code"));
    await user.type(screen.getByLabelText("The 6-digit code from the app"), "000000");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That code is not right. Check it and try again.");
    expect(screen.queryByRole("list", { name: "Recovery codes" })).toBeNull();

    await user.clear(screen.getByLabelText("The 6-digit code from the app"));
    await user.type(screen.getByLabelText("The 6-digit code from the app"), "123456");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(list.querySelectorAll("li")).toHaveLength(10);
    const download = screen.getByRole("link", { name: "Download codes" });
    expect(decodeURIComponent(download.getAttribute("href") ?? "")).toContain(CODES.join("\n"));
    await user.click(screen.getByRole("button", { name: "I have saved them" }));
    expect(screen.getByText(/^On\./)).toBeInTheDocument();
    expect(screen.queryByText(CODES[0] as string)).toBeNull();
  });

  it("says so when the password is wrong, and shows no secret", async () => {
    authClient.twoFactor.enable.mockResolvedValue(authError(400, "INVALID_PASSWORD", "Invalid password"));
    const user = userEvent.setup();
    render(<TwoFactorSettings enabled={false} hasPassword />);
    await user.type(screen.getByLabelText("Your password"), "wrong password");
    await user.click(screen.getByRole("button", { name: "Set up two-factor" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("That password is incorrect.");
    expect(screen.queryByRole("img")).toBeNull();
  });
});

describe("for a person who signs in only with a provider", () => {
  it("asks for no password it does not have: says two-factor needs one and links to setting it by e-mail", () => {
    render(<TwoFactorSettings enabled={false} hasPassword={false} />);
    expect(screen.queryByLabelText("Your password")).toBeNull();
    expect(screen.queryByRole("button", { name: "Set up two-factor" })).toBeNull();
    expect(screen.getByText(/you sign in without one, with a provider/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "get a link by e-mail to set one" })).toHaveAttribute("href", "/forgot-password");
    expect(authClient.twoFactor.enable).not.toHaveBeenCalled();
  });
});

describe("when it is on", () => {
  it("makes new recovery codes with the password and shows them", async () => {
    authClient.twoFactor.generateBackupCodes.mockResolvedValue({ data: { status: true, backupCodes: CODES }, error: null });
    const user = userEvent.setup();
    render(<TwoFactorSettings enabled hasPassword />);
    const [recovery] = screen.getAllByLabelText("Your password");
    await user.type(recovery as HTMLElement, "correct horse");
    await user.click(screen.getByRole("button", { name: "Make new recovery codes" }));
    expect(authClient.twoFactor.generateBackupCodes).toHaveBeenCalledWith({ password: "correct horse" });
    expect(await screen.findByRole("list", { name: "Recovery codes" })).toBeInTheDocument();
  });

  it("turns off with the password", async () => {
    const user = userEvent.setup();
    render(<TwoFactorSettings enabled hasPassword />);
    const [, off] = screen.getAllByLabelText("Your password");
    await user.type(off as HTMLElement, "correct horse");
    await user.click(screen.getByRole("button", { name: "Turn off two-factor" }));
    await waitFor(() => expect(authClient.twoFactor.disable).toHaveBeenCalledWith({ password: "correct horse" }));
    expect(await screen.findByRole("button", { name: "Set up two-factor" })).toBeInTheDocument();
  });
});

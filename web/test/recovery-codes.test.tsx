// The ten recovery codes, shown once (components/settings/recovery-codes.tsx): copied to the
// clipboard as one code a line, or said plainly when the browser refuses the clipboard; downloaded
// as a text file; "I have saved them" ends the showing.
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RecoveryCodes } from "@/components/settings/recovery-codes";

const CODES = Array.from({ length: 10 }, (_, i) => `abcd${i}-efgh${i}`);

afterEach(() => {
  vi.restoreAllMocks();
});

describe("recovery codes", () => {
  it("copies all ten, one a line, and says so", async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, "writeText").mockResolvedValue();
    render(<RecoveryCodes codes={CODES} onDone={() => {}} />);
    expect(screen.getByRole("status")).toHaveTextContent("");
    await user.click(screen.getByRole("button", { name: "Copy codes" }));
    expect(writeText).toHaveBeenCalledWith(CODES.join("\n"));
    expect(screen.getByRole("status")).toHaveTextContent("Copied to the clipboard.");
  });

  it("says what to do instead when the browser refuses the clipboard", async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, "writeText").mockRejectedValue(new DOMException("denied", "NotAllowedError"));
    render(<RecoveryCodes codes={CODES} onDone={() => {}} />);
    await user.click(screen.getByRole("button", { name: "Copy codes" }));
    expect(await screen.findByRole("status")).toHaveTextContent("select the codes and copy them, or download them");
  });

  it("downloads them as a text file, and is done when the person says they saved them", async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    render(<RecoveryCodes codes={CODES} onDone={onDone} />);
    const download = screen.getByRole("link", { name: "Download codes" });
    expect(download).toHaveAttribute("download", "edge-tasks-recovery-codes.txt");
    const file = decodeURIComponent((download.getAttribute("href") ?? "").replace(/^data:text\/plain;charset=utf-8,/, ""));
    expect(file.trim().split("\n").slice(-10)).toEqual(CODES);
    await user.click(screen.getByRole("button", { name: "I have saved them" }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

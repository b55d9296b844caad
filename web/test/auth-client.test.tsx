// The browser's Better Auth client (web/lib/auth/client.ts) as it is, with only the network
// replaced: each typed method of our plugins sends the request its server endpoint serves.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { authClient } from "@/lib/auth/client";

// Better Auth's client keeps the `fetch` it found when it was created: replaced before the import.
const network = vi.hoisted(() => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  vi.stubGlobal("fetch", fetch);
  return { fetch };
});

beforeEach(() => network.fetch.mockReset());

describe("authClient.devices", () => {
  it("revoke({ id }) is POST /api/auth/devices/revoke with the id as its JSON body", async () => {
    network.fetch.mockImplementation(async () => Response.json({ status: true }));
    const { data, error } = await authClient.devices.revoke({ id: "s2" });
    expect(error).toBeNull();
    expect(data).toEqual({ status: true });
    expect(network.fetch).toHaveBeenCalledTimes(1);
    const [input, init] = network.fetch.mock.calls[0] ?? [];
    const request = new Request(input as RequestInfo, init);
    expect(request.method).toBe("POST");
    expect(new URL(request.url).pathname).toBe("/api/auth/devices/revoke");
    expect(await request.json()).toEqual({ id: "s2" });
  });
});

describe("authClient.emailChange", () => {
  it("cancel({ token }) is POST /api/auth/email-change/cancel with the token as its JSON body", async () => {
    network.fetch.mockImplementation(async () => Response.json({ status: true }));
    const { error } = await authClient.emailChange.cancel({ token: "c4nc3l" });
    expect(error).toBeNull();
    const [input, init] = network.fetch.mock.calls[0] ?? [];
    const request = new Request(input as RequestInfo, init);
    expect([request.method, new URL(request.url).pathname]).toEqual(["POST", "/api/auth/email-change/cancel"]);
    expect(await request.json()).toEqual({ token: "c4nc3l" });
  });
});

describe("authClient.changeEmail", () => {
  it("sends the password given in fetchOptions.body in the request's body, beside Better Auth's own fields", async () => {
    network.fetch.mockImplementation(async () => Response.json({ status: true }));
    await authClient.changeEmail({ newEmail: "ada@new.example", callbackURL: "/x", fetchOptions: { body: { password: "pw" } } });
    const [input, init] = network.fetch.mock.calls[0] ?? [];
    const request = new Request(input as RequestInfo, init);
    expect(new URL(request.url).pathname).toBe("/api/auth/change-email");
    expect(await request.json()).toEqual({ newEmail: "ada@new.example", callbackURL: "/x", password: "pw" });
  });
});

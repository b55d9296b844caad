// What the web worker logs, inside workerd, through Better Auth's real logger: every line is one
// line of JSON, bounded, and carries no token, whatever the request put into it.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAuth } from "../lib/auth/create-auth.ts";
import { MAX_LINE_LENGTH } from "../lib/log/log-line.ts";
import { actionLink, lastMail } from "./mailbox-helpers.ts";
import { authEnv, authPost, authRequest, newClientAddress, PASSWORD, signUp } from "./workers-helpers.ts";

const METHODS = ["error", "warn", "info", "log", "debug"] as const;
let written: unknown[][] = [];

beforeEach(() => {
  written = [];
  for (const method of METHODS) vi.spyOn(console, method).mockImplementation((...args) => void written.push(args));
});
afterEach(() => vi.restoreAllMocks());

// Anything a log viewer may take for the end of a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what is looked for.
const LINE_BREAK = /[\n\r\u000b\u000c\u0085\u2028\u2029]/;

/** Each console call: one argument, one line of JSON, within the bound; returns the lines. */
function lines(): string[] {
  return written.map((args) => {
    expect(args).toHaveLength(1);
    const [line] = args;
    if (typeof line !== "string") throw new Error(`not a line: ${String(line)}`);
    expect(line).not.toMatch(LINE_BREAK);
    expect(line.length).toBeLessThanOrEqual(MAX_LINE_LENGTH);
    expect(() => JSON.parse(line), line).not.toThrow();
    return line;
  });
}

describe("Better Auth's log lines", () => {
  it("write a rejected callbackURL as data: a line break in it forges no line of its own", async () => {
    const { email } = await signUp();
    const forged = "/\nERROR [Better Auth]: forged line";
    written = [];
    const response = await authPost("/sign-in/email", "", { email, password: PASSWORD, callbackURL: forged }, newClientAddress());
    expect(response.status).toBe(403);
    const logged = lines();
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({ source: "better-auth", message: expect.stringContaining("forged line") }),
    );
  });

  it("are one line, bounded, and token-free whatever the message and arguments hold (property)", async () => {
    const ctx = createExecutionContext();
    const { logger } = await createAuth(authEnv, ctx).$context;
    const jwt = await new SignJWT({ email: "a@example.test", requestType: "change-email-confirmation" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("a secret of the test"));
    const token = fc.oneof(fc.stringMatching(/^[A-Za-z0-9]{24}$/), fc.stringMatching(/^[A-Za-z0-9]{32}$/), fc.constant(jwt));
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.constantFrom("\n", "\r\n", "\u2028", "\u2029", "\u0085", "\u001b[31m", "\u202e", "\u0000", "\ud800"),
      fc.integer({ min: 1_000, max: 50_000 }).map((n) => "x\n".repeat(n)),
    );
    const text = fc
      .tuple(hostile, token, hostile)
      .map(([before, secret, after]) => ({ text: `${before}${secret}${after}`, secret }));
    // Arguments: errors whose message holds a token, or anything at all.
    const argument = fc.oneof(
      text.map(({ text, secret }): { value: unknown; secret?: string } => ({ value: new Error(text), secret })),
      fc.anything().map((value): { value: unknown; secret?: string } => ({ value })),
    );
    fc.assert(
      fc.property(text, fc.array(argument, { maxLength: 4 }), (message, args) => {
        written = [];
        logger.error(message.text, ...args.map((arg) => arg.value));
        const logged = lines();
        expect(logged).toHaveLength(1);
        for (const secret of [message.secret, ...args.map((arg) => arg.secret)]) {
          if (secret) expect(logged[0]).not.toContain(secret);
        }
      }),
      { numRuns: 100 },
    );
    await waitOnExecutionContext(ctx);
  });

  it("carry no reset token through a whole reset, its refusals included", async () => {
    const { email } = await signUp();
    const address = newClientAddress();
    await authPost("/request-password-reset", "", { email, redirectTo: "/\nforged" }, address);
    await authPost("/request-password-reset", "", { email, redirectTo: "/reset-password" }, address);
    const token = new URLSearchParams(new URL(actionLink(await lastMail(email, /^Reset your/))).hash.slice(1)).get("token") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9]{24}$/);
    await authRequest(`/reset-password/${token}?callbackURL=${encodeURIComponent("https://evil.example/\n")}`);
    await authPost("/reset-password", "", { token, newPassword: "short" }, address);
    await authPost("/reset-password", "", { token, newPassword: "a brand new passphrase" }, address);
    await authPost("/reset-password", "", { token, newPassword: "a brand new passphrase" }, address);
    for (const line of lines()) expect(line).not.toContain(token);
  });
});

// The sender's two transports and the after-response helper, from Node. The local transport talks
// to a real dev mailbox; Resend cannot run here, so its request is read from a recording fetch.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Mailbox, startMailbox } from "../../scripts/mailbox/index.ts";
import { EmailSendError } from "../lib/email/email-message.ts";
import { RESEND_ENDPOINT } from "../lib/email/resend-transport.ts";
import { requestIdOf, sendAfterResponse } from "../lib/email/send-after-response.ts";
import { createSendEmail } from "../lib/email/send-email.ts";
import { resetPassword } from "../lib/email/templates.ts";

const context = { appName: "Edge Tasks", baseUrl: "http://localhost:3000" };
const TOKEN = "s3cr3t-reset-token-0123456789";
const ADDRESS = "ada@example.com";
const message = resetPassword(context, { to: ADDRESS, name: "Ada", url: `http://localhost:3000/reset-password?token=${TOKEN}` });

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox({ port: 0, log: () => {} });
});
afterAll(() => mailbox.stop());

describe("local transport (the dev mailbox)", () => {
  it("delivers the message, with the configured sender, where a test can read its link", async () => {
    const sendEmail = createSendEmail({
      environment: "development",
      transport: "capture",
      captureUrl: mailbox.url,
      from: "Dev <dev@localhost>",
    });
    await sendEmail(message);
    const [captured] = mailbox.messages();
    expect(captured).toMatchObject({
      from: "Dev <dev@localhost>",
      to: ADDRESS,
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
    expect(captured?.links).toContain(`http://localhost:3000/reset-password?token=${TOKEN}`);
  });

  it("throws a safe EmailSendError when the mailbox is down or refuses", async () => {
    const down = createSendEmail({
      environment: "development",
      transport: "capture",
      captureUrl: "http://127.0.0.1:9",
      from: "a@localhost",
    });
    await expect(down(message)).rejects.toMatchObject({ name: "EmailSendError", code: "mailbox_unreachable" });
    const refusing = createSendEmail({
      environment: "development",
      transport: "capture",
      captureUrl: mailbox.url,
      from: "a@localhost",
    });
    await expect(refusing({ ...message, html: "x".repeat(600 * 1024) })).rejects.toMatchObject({
      code: "mailbox_refused",
      status: 413,
    });
  });
});

describe("deployed transport (Resend)", () => {
  const recording = (answer: Response | Error) => {
    const calls: Request[] = [];
    const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push(new Request(input, init));
      if (answer instanceof Error) throw answer;
      return answer.clone();
    }) as typeof fetch;
    return { calls, fetcher };
  };
  const config = {
    environment: "production",
    transport: "resend",
    apiKey: "re_test_key",
    from: "Edge Tasks <no-reply@tasks.example.com>",
  } as const;

  it("POSTs one JSON message to Resend with the key as Bearer", async () => {
    const { calls, fetcher } = recording(Response.json({ id: "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794" }));
    await createSendEmail(config, fetcher)(message);
    expect(calls).toHaveLength(1);
    const [request] = calls;
    expect(request?.url).toBe(RESEND_ENDPOINT);
    expect(request?.method).toBe("POST");
    expect(request?.headers.get("authorization")).toBe("Bearer re_test_key");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(await request?.json()).toEqual({
      from: config.from,
      to: [ADDRESS],
      subject: message.subject,
      html: message.html,
      text: message.text,
    });
  });

  it("turns Resend's error into a code safe to log, never its message", async () => {
    const body = { statusCode: 422, name: "validation_error", message: `Invalid \`to\` field: ${ADDRESS}` };
    const { fetcher } = recording(Response.json(body, { status: 422 }));
    const error = await createSendEmail(config, fetcher)(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailSendError);
    expect(error).toMatchObject({ code: "resend_validation_error", status: 422 });
    expect(String((error as Error).message)).not.toContain(ADDRESS);

    const odd = recording(new Response("<html>bad gateway</html>", { status: 502 }));
    await expect(createSendEmail(config, odd.fetcher)(message)).rejects.toMatchObject({ code: "resend_failed", status: 502 });
    const offline = recording(new TypeError("fetch failed"));
    await expect(createSendEmail(config, offline.fetcher)(message)).rejects.toMatchObject({ code: "resend_unreachable" });
  });

  it("refuses a recipient that is not one plain address, or a subject with a line break, before sending", async () => {
    const { calls, fetcher } = recording(Response.json({ id: "x" }));
    const sendEmail = createSendEmail(config, fetcher);
    for (const to of [
      "a@x.example, b@y.example",
      "a@x.example\r\nBcc: b@y.example",
      "Ada <a@x.example>",
      "a@x.example;b@y.example",
      "nobody",
      "",
    ]) {
      await expect(sendEmail({ ...message, to }), to).rejects.toMatchObject({ code: "invalid_message" });
    }
    await expect(sendEmail({ ...message, subject: "Hi\nBcc: b@y.example" })).rejects.toMatchObject({ code: "invalid_message" });
    expect(calls).toHaveLength(0);
  });
});

describe("sendAfterResponse", () => {
  const collect = () => {
    const lines: string[] = [];
    const pending: Promise<unknown>[] = [];
    return { lines, pending, log: (line: string) => lines.push(line), waitUntil: (p: Promise<unknown>) => void pending.push(p) };
  };

  it("hands the send to waitUntil and returns at once; a success logs nothing", async () => {
    const c = collect();
    let sent = false;
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    sendAfterResponse(
      c,
      async () => {
        await gate;
        sent = true;
      },
      { requestId: "r1", log: c.log },
    );
    expect(sent).toBe(false);
    expect(c.pending).toHaveLength(1);
    release();
    await Promise.all(c.pending);
    expect(sent).toBe(true);
    expect(c.lines).toEqual([]);
  });

  it("accepts the execution context itself (workerd's waitUntil needs its `this`)", async () => {
    const pending: Promise<unknown>[] = [];
    const ctx = {
      waitUntil(this: unknown, promise: Promise<unknown>) {
        if (this !== ctx) throw new TypeError("Illegal invocation");
        pending.push(promise);
      },
    };
    sendAfterResponse(ctx, async () => {}, { requestId: "r2" });
    expect(pending).toHaveLength(1);
  });

  it("logs a failed send as one JSON line with the request id and a safe code, without address or token", async () => {
    const c = collect();
    const sendEmail = createSendEmail({
      environment: "development",
      transport: "capture",
      captureUrl: "http://127.0.0.1:9",
      from: "a@localhost",
    });
    sendAfterResponse(c, () => sendEmail(message), {
      requestId: "8f1c2d3e4a5b6c7d-AMS",
      kind: "reset-password",
      log: c.log,
    });
    await Promise.all(c.pending);
    expect(c.lines).toHaveLength(1);
    expect(JSON.parse(c.lines[0] ?? "")).toEqual({
      level: "error",
      event: "email_send_failed",
      kind: "reset-password",
      requestId: "8f1c2d3e4a5b6c7d-AMS",
      error: "mailbox_unreachable",
    });
  });

  it("never lets an error's text reach the log, whatever it says (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), fc.boolean(), async (text, sync) => {
        const c = collect();
        const secret = `${text} ${ADDRESS} ${TOKEN}`;
        const send = sync
          ? () => {
              throw new Error(secret);
            }
          : async () => {
              throw new Error(secret);
            };
        expect(() => sendAfterResponse(c, send, { requestId: "r", log: c.log })).not.toThrow();
        await Promise.all(c.pending);
        expect(c.lines).toHaveLength(1);
        expect(c.lines[0]).not.toContain(ADDRESS);
        expect(c.lines[0]).not.toContain(TOKEN);
        expect(JSON.parse(c.lines[0] ?? "")).toMatchObject({ event: "email_send_failed", error: "Error" });
      }),
      { numRuns: 50 },
    );
  });

  it("never throws into the request when waitUntil itself fails, and still sends", async () => {
    const lines: string[] = [];
    let sent = false;
    const broken = () => {
      throw new Error(`no context for ${ADDRESS}`);
    };
    expect(() =>
      sendAfterResponse(
        { waitUntil: broken },
        async () => {
          sent = true;
        },
        { requestId: "r3", log: (line) => lines.push(line) },
      ),
    ).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toBe(true);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ event: "email_send_not_awaited", requestId: "r3", error: "Error" });
    expect(lines[0]).not.toContain(ADDRESS);
  });

  it("takes the request id from cf-ray, else makes one", () => {
    expect(requestIdOf(new Request("https://x.example", { headers: { "cf-ray": "8f1c2d3e4a5b6c7d-AMS" } }))).toBe(
      "8f1c2d3e4a5b6c7d-AMS",
    );
    expect(requestIdOf(new Request("https://x.example"))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

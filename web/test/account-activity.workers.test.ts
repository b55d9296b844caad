// Account activity inside workerd against Postgres: one `account_event` row per security event,
// each written by the flow that causes it (the sign-in's in its own batch, the rest after the
// response); the owner reads them newest first, 20 a page, by keyset; a wrong password for an
// unknown address writes nothing anywhere.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { confirmEmailChangeUrl } from "../lib/auth/ui/email-change-links.ts";
import { actionLink, authPathOf, lastMail } from "./mailbox-helpers.ts";
import { oauthEnv, signInWithDevProvider } from "./oauth-helpers.ts";
import { authRequest, newClientAddress, ORIGIN, PASSWORD, signIn, signUp, sql, storedResetToken } from "./workers-helpers.ts";

const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

const post = (path: string, cookie: string, body: unknown = {}, address = newClientAddress()) =>
  authRequest(
    path,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: ORIGIN,
        Cookie: cookie,
        "cf-connecting-ip": address,
        "User-Agent": FIREFOX,
      },
      body: JSON.stringify(body),
    },
    oauthEnv,
  );

const eventsOf = async (userId: string) =>
  (await sql("select kind, method from account_event where user_id = $1 order by created_at, id", [userId])).map(
    (row) => `${row.kind}${row.method ? `:${row.method}` : ""}`,
  );

const sessionIdOf = async (cookie: string) => {
  const response = await authRequest("/get-session?disableCookieCache=true", { headers: { Cookie: cookie } });
  return ((await response.json()) as { session: { id: string } }).session.id;
};

describe("what is recorded", () => {
  it("a sign-in with its method, address and browser; nothing for the sign-up itself", async () => {
    const { userId, email } = await signUp();
    expect(await eventsOf(userId)).toEqual([]);
    const address = newClientAddress();
    expect((await post("/sign-in/email", "", { email, password: PASSWORD }, address)).status).toBe(200);
    expect(await sql("select kind, method, ip_address, user_agent from account_event where user_id = $1", [userId])).toEqual([
      { kind: "sign_in", method: "password", ip_address: address, user_agent: FIREFOX },
    ]);
  });

  it("a wrong password for an account; for an unknown address, nothing anywhere", async () => {
    const { userId, email } = await signUp();
    const address = newClientAddress();
    expect((await post("/sign-in/email", "", { email, password: "not the password" }, address)).status).toBe(401);
    expect(await sql("select kind, ip_address from account_event where user_id = $1", [userId])).toEqual([
      { kind: "sign_in_failed", ip_address: address },
    ]);
    const stranger = newClientAddress();
    const unknown = await post(
      "/sign-in/email",
      "",
      { email: `${crypto.randomUUID()}@example.test`, password: "whatever at all" },
      stranger,
    );
    expect(unknown.status).toBe(401);
    expect(await sql("select id from account_event where ip_address = $1", [stranger])).toEqual([]);
  });

  it("sign-out, and each device signed out from another", async () => {
    const { userId, email, cookie } = await signUp();
    const [a, b] = [await signIn(email), await signIn(email)];
    await signIn(email); // a third device, signed out with "other sessions"
    expect((await post("/devices/revoke", cookie, { id: await sessionIdOf(a) })).status).toBe(200);
    expect((await post("/sign-out", b)).status).toBe(200);
    expect((await post("/revoke-other-sessions", cookie)).status).toBe(200);
    expect(await eventsOf(userId)).toEqual([
      "sign_in:password",
      "sign_in:password",
      "sign_in:password",
      "device_signed_out",
      "sign_out",
      "device_signed_out",
    ]);
  });

  it("a password change that signs out the other devices: one device_signed_out per other device, none for this one", async () => {
    const { userId, email, cookie } = await signUp();
    const others = [await signIn(email), await signIn(email)];
    const changed = await post("/change-password", cookie, {
      currentPassword: PASSWORD,
      newPassword: "another long password",
      revokeOtherSessions: true,
    });
    expect(changed.status).toBe(200);
    // Written after the response, in any order.
    expect((await eventsOf(userId)).sort()).toEqual([
      "device_signed_out",
      "device_signed_out",
      "password_changed",
      "sign_in:password",
      "sign_in:password",
    ]);
    for (const other of others) expect(await sessionIdOf(other).catch(() => null)).toBeNull();
  });

  it("a password change, with a notice by e-mail; a reset", async () => {
    const { userId, email, cookie } = await signUp();
    const changed = await post("/change-password", cookie, { currentPassword: PASSWORD, newPassword: "another long password" });
    expect(changed.status).toBe(200);
    await lastMail(email, /password was changed/);
    const token = await storedResetToken(userId);
    expect((await post("/reset-password", "", { token, newPassword: "a third long password" })).status).toBe(200);
    expect(await eventsOf(userId)).toEqual(["password_changed", "password_reset"]);
  });

  it("an e-mail change requested, and confirmed by the new address", async () => {
    const { userId, email, cookie } = await signUp();
    await sql(`update "user" set email_verified = true where id = $1`, [userId]);
    const newEmail = `${crypto.randomUUID()}@example.test`;
    expect((await post("/change-email", cookie, { newEmail, password: PASSWORD })).status).toBe(200);
    const old = await lastMail(email, /^Confirm the change of your/);
    const confirm = new URLSearchParams(new URL(actionLink(old)).hash.slice(1)).get("confirm") ?? "";
    await authRequest(authPathOf(`http://localhost${confirmEmailChangeUrl(confirm)}`));
    const link = actionLink(await lastMail(newEmail, /^Confirm your new e-mail/));
    expect((await authRequest(authPathOf(link), { headers: { Cookie: cookie } })).status).toBe(302);
    expect(await eventsOf(userId)).toEqual(["email_change_requested", "email_changed"]);
  });

  it("a provider connected by an OAuth sign-up, its sign-in, a fresh sign-in, a provider disconnected", async () => {
    const email = `${crypto.randomUUID()}@oidc.test`;
    await signInWithDevProvider({ email, verified: true });
    const [user] = await sql(`select id from "user" where email = $1`, [email]);
    const userId = String(user?.id);
    // One batch, one transaction: both rows carry the same `now()`, so their order is the ids'.
    expect((await eventsOf(userId)).sort()).toEqual(["provider_connected:oidc", "sign_in:oidc"]);

    const local = await signUp();
    await post("/fresh-sign-in", local.cookie, { password: PASSWORD });
    const github = crypto.randomUUID();
    await sql(
      `insert into account (id, account_id, provider_id, user_id, created_at, updated_at) values ($1, $2, 'github', $3, now(), now())`,
      [github, crypto.randomUUID(), local.userId],
    );
    expect((await post("/unlink-account", local.cookie, { accountId: github })).status).toBe(200);
    expect(await eventsOf(local.userId)).toEqual(["sign_in:password", "provider_disconnected:github"]);
  });
});

describe("GET /account-activity", () => {
  const page = async (cookie: string, before?: string) => {
    const response = await authRequest(`/account-activity${before ? `?before=${encodeURIComponent(before)}` : ""}`, {
      headers: { Cookie: cookie },
    });
    return {
      status: response.status,
      body: (await response.json()) as { events: { id: string; kind: string }[]; next: string | null },
    };
  };

  it("pages through the last 90 days newest first, 20 at a time, and shows nobody else's", async () => {
    const { userId, cookie } = await signUp();
    const other = await signUp();
    // 45 events, some sharing a timestamp (the id breaks the tie), one 91 days old, one of someone else.
    for (let i = 0; i < 45; i++)
      await sql(
        "insert into account_event (user_id, kind, created_at) values ($1, 'sign_in', now() - make_interval(mins => $2))",
        [userId, Math.floor(i / 3)],
      );
    await sql("insert into account_event (user_id, kind, created_at) values ($1, 'sign_out', now() - interval '91 days')", [
      userId,
    ]);
    await sql("insert into account_event (user_id, kind) values ($1, 'sign_out')", [other.userId]);
    const expected = (
      await sql(
        "select id from account_event where user_id = $1 and created_at > now() - interval '90 days' order by created_at desc, id desc",
        [userId],
      )
    ).map((row) => row.id);
    const seen: string[] = [];
    const sizes: number[] = [];
    let next: string | null | undefined;
    do {
      const { status, body } = await page(cookie, next ?? undefined);
      expect(status).toBe(200);
      sizes.push(body.events.length);
      seen.push(...body.events.map((event) => event.id));
      next = body.next;
    } while (next);
    expect(sizes).toEqual([20, 20, 5]);
    expect(seen).toEqual(expected);
  });

  it("refuses any cursor it did not make with 400, and a request without a session with 401", async () => {
    const { cookie } = await signUp();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 120 }).filter((value) => value !== ""),
        async (cursor) => {
          const response = await authRequest(`/account-activity?before=${encodeURIComponent(cursor)}`, {
            headers: { Cookie: cookie },
          });
          expect(response.status).toBe(400);
        },
      ),
      { numRuns: 30 },
    );
    expect((await authRequest("/account-activity")).status).toBe(401);
  });
});

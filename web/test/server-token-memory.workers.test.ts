// The server's own tokens kept per session in isolate memory (web/lib/auth/server-token-memory.ts)
// and signed with the isolate's imported key (web/lib/auth/keys/server-signer.ts): a render reuses
// the previous render's token only for the same person, session and audience, with most of its
// life left, signed by the key that signs now, and never after the API refused it. Runs with the
// other web-workers files one at a time (shared key table).
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { liveTicketAudience } from "../../worker-api/src/live/protocol.ts";
import { forgetResolvedSigningKey } from "../lib/auth/keys/server-signer.ts";
import { mintLiveTicket, mintServerApiToken, type SessionIds, serverApiTokens } from "../lib/auth/server-api-token.ts";
import {
  forgetAllTokens,
  keepToken,
  keptToken,
  keptTokenCount,
  MAX_KEPT,
  REUSE_MARGIN_MS,
} from "../lib/auth/server-token-memory.ts";
import { createTasksApi } from "../lib/tasks/api.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authPost,
  authRequest,
  ORIGIN,
  rotateKeys,
  signIn,
  signUp,
  withTestAuth,
} from "./workers-helpers.ts";

const mint = (session: SessionIds) => withTestAuth((auth) => mintServerApiToken(auth, session));
const mintTicket = (session: SessionIds) => withTestAuth((auth) => mintLiveTicket(auth, session, ORIGIN));
const sessionOf = async (cookie: string) =>
  (await (await authRequest("/get-session", { headers: { Cookie: cookie } })).json()) as SessionIds;

/** A signed-up person's session, and a way to list their tasks through the real API worker with a token. */
async function person(name = "Kept Tokens") {
  const { cookie, userId, email } = await signUp(name);
  const api = apiFetch(apiEnvWithAuthBinding().apiEnv);
  const list = (token: string) =>
    api(`https://api.internal/api/${userId}/tasks`, { headers: { Authorization: `Bearer ${token}` } });
  return { cookie, email, userId, session: await sessionOf(cookie), list };
}

/** Moves the clock on by `ms` (so that a new signature differs: its `iat` is a later second). */
const later = (ms: number) => vi.setSystemTime(Date.now() + ms);

beforeEach(() => {
  forgetAllTokens();
  forgetResolvedSigningKey();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("server tokens kept per session", () => {
  it("gives a session's next render the token of its last one, which the API accepts", async () => {
    const { session, list } = await person();
    const first = await mint(session);
    later(5_000);
    const second = await mint(session);
    expect(second).toBe(first);
    expect((await list(second)).status).toBe(200);
  });

  it("never gives one person's or one session's token to another, nor an API token as a live ticket", async () => {
    const ada = await person("Ada");
    const bob = await person("Bob");
    // Ada's second device: the same user, another session.
    const adaElsewhere = await sessionOf(await signIn(ada.email));
    const adas = await mint(ada.session);
    const bobs = await mint(bob.session);
    const adasOther = await mint(adaElsewhere);
    const adasTicket = await mintTicket(ada.session);
    expect(decodeJwt(bobs)).toMatchObject({ sub: bob.userId, sid: bob.session.session.id });
    expect(decodeJwt(adasOther)).toMatchObject({ sub: ada.userId, sid: adaElsewhere.session.id });
    expect(decodeJwt(adasTicket)).toMatchObject({ sub: ada.userId, aud: liveTicketAudience(ORIGIN) });
    expect(decodeJwt(adas)).toMatchObject({ sub: ada.userId, sid: ada.session.session.id, aud: ORIGIN });
    // And asked again, each gets back its own.
    expect(await mint(bob.session)).toBe(bobs);
    expect(await mint(adaElsewhere)).toBe(adasOther);
    expect(await mintTicket(ada.session)).toBe(adasTicket);
    expect(await mint(ada.session)).toBe(adas);
  });

  it("signs a new token once the kept one has less than the margin left", async () => {
    const { session, list } = await person();
    const first = await mint(session);
    const expiresAt = (decodeJwt(first).exp ?? 0) * 1000;
    vi.setSystemTime(expiresAt - REUSE_MARGIN_MS - 1_000);
    expect(await mint(session)).toBe(first);
    vi.setSystemTime(expiresAt - REUSE_MARGIN_MS + 1_000);
    const next = await mint(session);
    expect(next).not.toBe(first);
    expect((decodeJwt(next).exp ?? 0) * 1000).toBeGreaterThan(expiresAt);
    vi.useRealTimers();
    expect((await list(next)).status).toBe(200);
  });

  it("after the session ends, its kept token is refused by the API", async () => {
    const { cookie, session, list } = await person();
    await mint(session);
    expect((await authPost("/sign-out", cookie)).status).toBe(200);
    const refused = await list(await mint(session));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "session_revoked" });
  });

  it("the server's API client retries a 401 with a new token, not the kept one", async () => {
    const { session, userId } = await person();
    const sent: string[] = [];
    // An API that refuses the first token it sees (as after a key's withdrawal), and accepts the next.
    const refusingOnce = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Headers(init?.headers).get("Authorization") ?? "");
      if (sent.length > 1) return Response.json({ tasks: [], next_cursor: null });
      later(2_000); // the new signature's iat differs from the kept one's
      return Response.json({ code: "unauthorized", message: "No." }, { status: 401 });
    }) as typeof fetch;
    const api = createTasksApi({
      baseUrl: "https://api.internal",
      userId,
      tokens: serverApiTokens(session, () => mint(session)),
      fetch: refusingOnce,
    });
    await api.list({});
    expect(sent).toHaveLength(2);
    expect(sent[1]).not.toBe(sent[0]);
    // And the new one is what the next render gets.
    expect(`Bearer ${await mint(session)}`).toBe(sent[1]);
  });

  it("signs with the new key right after a rotation, not with the kept token or key of the retired one", async () => {
    const { session, list } = await person();
    // One Better Auth for the isolate, as in the worker (isolate-auth.ts): its imported key is kept.
    await withTestAuth(async (auth) => {
      const before = await mintServerApiToken(auth, session);
      const ticketBefore = await mintLiveTicket(auth, session, ORIGIN);
      const { created, retired } = await rotateKeys();
      expect(retired).toContain(decodeProtectedHeader(before).kid);
      const after = await mintServerApiToken(auth, session);
      expect(decodeProtectedHeader(after).kid).toBe(created);
      const ticketAfter = await mintLiveTicket(auth, session, ORIGIN);
      expect(decodeProtectedHeader(ticketAfter).kid).toBe(created);
      expect(ticketAfter).not.toBe(ticketBefore);
      expect((await list(after)).status).toBe(200);
    });
  });

  it("after a rotation, a session with nothing kept is signed with the new key, not the kept imported one", async () => {
    const { session, list } = await person();
    await withTestAuth(async (auth) => {
      await mintServerApiToken(auth, session);
      const { created } = await rotateKeys();
      // Another session of the same instance: nothing kept for it, so a new signature.
      const other = await sessionOf(await signIn((await person()).email));
      const token = await mintServerApiToken(auth, other);
      expect(decodeProtectedHeader(token).kid).toBe(created);
    });
    expect((await list(await mint(session))).status).toBe(200);
  });
});

describe("the kept tokens' map", () => {
  const key = (n: number) => ({ userId: `user-${n}`, sessionId: `session-${n}`, audience: "api" });
  const inAnHour = () => Date.now() + 3_600_000;

  it(`keeps at most ${MAX_KEPT}, dropping the oldest`, () => {
    for (let n = 0; n <= MAX_KEPT; n++) keepToken(key(n), `token-${n}`, "kid", inAnHour());
    expect(keptTokenCount()).toBe(MAX_KEPT);
    expect(keptToken(key(0), "kid")).toBeUndefined();
    expect(keptToken(key(1), "kid")).toBe("token-1");
    expect(keptToken(key(MAX_KEPT), "kid")).toBe(`token-${MAX_KEPT}`);
  });

  it("tells keys apart whatever characters their ids hold", () => {
    keepToken({ userId: "a,b", sessionId: "c", audience: "api" }, "first", "kid", inAnHour());
    expect(keptToken({ userId: "a", sessionId: "b,c", audience: "api" }, "kid")).toBeUndefined();
    expect(keptToken({ userId: "a,b", sessionId: "c", audience: "api" }, "kid")).toBe("first");
  });

  it("gives nothing when no key signs yet", () => {
    keepToken(key(1), "token", "kid", inAnHour());
    expect(keptToken(key(1), undefined)).toBeUndefined();
  });
});

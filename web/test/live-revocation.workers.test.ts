// Revocation pushed to live sockets, inside workerd: Better Auth ends a session (through its real
// handler, on the real database) and the plugin tells the API worker's LiveControl, which closes
// that session's sockets in the person's live object, and only those; account deletion closes all.
import { createExecutionContext, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { LiveControl } from "../../worker-api/src/live/live-control.ts";
import { BEARER_PROTOCOL_PREFIX, CLOSE_CODES, LIVE_PROTOCOL } from "../../worker-api/src/live/protocol.ts";
import type { WebBindings } from "../lib/env.ts";
import { cancelChange, changeReadyToFinish, oldAddressMail, requestChange, verifiedPerson } from "./email-change-helpers.ts";
import { authPathOf } from "./mailbox-helpers.ts";
import {
  apiEnvWithAuthBinding,
  apiFetch,
  authEnv,
  authRequest,
  cookieHeader,
  issueToken,
  ORIGIN,
  PASSWORD,
  signIn,
  signUp,
  storedResetToken,
} from "./workers-helpers.ts";

const { apiEnv } = apiEnvWithAuthBinding();
const api = apiFetch(apiEnv);
// The web worker's env with its LIVE service binding: here the API's entrypoint itself.
const webEnv: WebBindings = { ...authEnv, LIVE: new LiveControl(createExecutionContext(), apiEnv) } as WebBindings;

function post(path: string, cookie: string, body: unknown = {}) {
  return authRequest(
    path,
    {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie },
      body: JSON.stringify(body),
    },
    webEnv,
  );
}

/** A live socket for the session in `cookie`, and the close it will see. */
async function openSocket(userId: string, cookie: string) {
  const token = await issueToken(cookie);
  const response = await api(`https://api.test/api/${userId}/live`, {
    headers: {
      Upgrade: "websocket",
      Origin: ORIGIN,
      "Sec-WebSocket-Protocol": `${LIVE_PROTOCOL}, ${BEARER_PROTOCOL_PREFIX}${token}`,
    },
  });
  const socket = response.webSocket;
  if (!socket) throw new Error(`no upgrade: ${response.status}`);
  socket.accept();
  let closedWith: number | null = null;
  const closed = new Promise<number>((resolve) =>
    socket.addEventListener("close", (event) => {
      closedWith = event.code;
      resolve(event.code);
    }),
  );
  return { closed, isOpen: () => closedWith === null };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

const sessionIdOf = async (cookie: string) =>
  ((await (await authRequest("/get-session", { headers: { Cookie: cookie } })).json()) as { session: { id: string } }).session.id;

describe("live sockets closed when Better Auth ends sessions", () => {
  it("sign-out closes that session's sockets only", async () => {
    const { userId, email, cookie: laptop } = await signUp();
    const phone = await signIn(email);
    const laptopSocket = await openSocket(userId, laptop);
    const phoneSocket = await openSocket(userId, phone);
    expect((await post("/sign-out", phone)).status).toBe(200);
    expect(await phoneSocket.closed).toBe(CLOSE_CODES.sessionEnded);
    await settle();
    expect(laptopSocket.isOpen()).toBe(true);
  });

  it("signing out the other devices closes theirs and keeps this one's", async () => {
    const { userId, email, cookie: laptop } = await signUp();
    const phone = await signIn(email);
    const laptopSocket = await openSocket(userId, laptop);
    const phoneSocket = await openSocket(userId, phone);
    expect((await post("/revoke-other-sessions", laptop)).status).toBe(200);
    expect(await phoneSocket.closed).toBe(CLOSE_CODES.sessionEnded);
    await settle();
    expect(laptopSocket.isOpen()).toBe(true);
  });

  it("a password change that signs the others out closes every old session's sockets", async () => {
    const { userId, email, cookie: laptop } = await signUp();
    const phone = await signIn(email);
    const sockets = [await openSocket(userId, laptop), await openSocket(userId, phone)];
    const body = { currentPassword: PASSWORD, newPassword: "a brand new passphrase", revokeOtherSessions: true };
    const response = await post("/change-password", laptop, body);
    expect(response.status).toBe(200);
    expect(cookieHeader(response)).not.toBe("");
    for (const socket of sockets) expect(await socket.closed).toBe(CLOSE_CODES.sessionEnded);
  });

  it("revoking a device closes that device's sockets only", async () => {
    const { userId, email, cookie: laptop } = await signUp();
    const phone = await signIn(email);
    const laptopSocket = await openSocket(userId, laptop);
    const phoneSocket = await openSocket(userId, phone);
    expect((await post("/devices/revoke", laptop, { id: await sessionIdOf(phone) })).status).toBe(200);
    expect(await phoneSocket.closed).toBe(CLOSE_CODES.sessionEnded);
    await settle();
    expect(laptopSocket.isOpen()).toBe(true);
  });

  it("a password reset closes every session's sockets", async () => {
    const { userId, email, cookie: laptop } = await signUp();
    const phone = await signIn(email);
    const sockets = [await openSocket(userId, laptop), await openSocket(userId, phone)];
    const token = await storedResetToken(userId);
    expect((await post("/reset-password", "", { token, newPassword: "a reset long password" })).status).toBe(200);
    for (const socket of sockets) expect(await socket.closed).toBe(CLOSE_CODES.sessionEnded);
  });

  it("an e-mail change's \"this wasn't me\" closes every session's sockets", async () => {
    const { userId, email, cookie: laptop } = await verifiedPerson();
    const phone = await signIn(email);
    const sockets = [await openSocket(userId, laptop), await openSocket(userId, phone)];
    expect((await requestChange(laptop, `${crypto.randomUUID()}@example.test`)).status).toBe(200);
    const { cancelToken } = await oldAddressMail(email);
    expect((await cancelChange(cancelToken, webEnv)).status).toBe(200);
    for (const socket of sockets) expect(await socket.closed).toBe(CLOSE_CODES.sessionEnded);
  });

  it("a finished e-mail change closes the other sessions' sockets and keeps the one that finished it", async () => {
    const { userId, email, cookie: laptop } = await verifiedPerson();
    const phone = await signIn(email);
    const laptopSocket = await openSocket(userId, laptop);
    const phoneSocket = await openSocket(userId, phone);
    const link = await changeReadyToFinish(email, laptop);
    // Asking for it and confirming it from the old address closed nothing.
    expect([laptopSocket.isOpen(), phoneSocket.isOpen()]).toEqual([true, true]);
    const opened = await authRequest(authPathOf(link), { headers: { Cookie: laptop } }, webEnv);
    expect(opened.headers.get("Location")).toBe("/verify-email?flow=change-email");
    expect(await phoneSocket.closed).toBe(CLOSE_CODES.sessionEnded);
    await settle();
    expect(laptopSocket.isOpen()).toBe(true);
  });

  it("account deletion closes every socket of the person, and their live object forgets them", async () => {
    const { userId, email, cookie: laptop } = await signUp();
    const phone = await signIn(email);
    const token = await issueToken(laptop);
    const created = await api(`https://api.test/api/${userId}/tasks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ title: "counted by the object" }),
    });
    expect(created.status).toBe(201);
    const sockets = [await openSocket(userId, laptop), await openSocket(userId, phone)];
    expect((await post("/delete-user", laptop, { password: PASSWORD })).status).toBe(200);
    // Better Auth deletes the sessions (closing their sockets) before the user.
    for (const code of await Promise.all(sockets.map((socket) => socket.closed))) {
      expect([CLOSE_CODES.sessionEnded, CLOSE_CODES.accountDeleted]).toContain(code);
    }
    await settle();
    await runInDurableObject(apiEnv.LIVE_UPDATES.getByName(userId), async (_instance, state) => {
      expect([...state.storage.kv.list()]).toEqual([]);
    });
  });
});

/**
 * `node e2e/dev-live.ts [web] [api]`: live updates under `npm run dev`, where `next dev` reaches
 * the API worker's LiveControl through wrangler's dev registry (web/wrangler.toml's top-level
 * `LIVE`). A socket of a signed-up person is told its session ended within a second of signing
 * out. CI runs it while its `npm run dev` smoke stack is up.
 */
import { BEARER_PROTOCOL_PREFIX, CLOSE_CODES, LIVE_PROTOCOL, type LiveMessage } from "../worker-api/src/live/protocol.ts";

const web = process.argv[2] ?? "http://localhost:3000";
const api = process.argv[3] ?? "http://127.0.0.1:8787";
const json = { "Content-Type": "application/json", Origin: web };

const signUp = await fetch(`${web}/api/auth/sign-up/email`, {
  method: "POST",
  headers: json,
  body: JSON.stringify({ name: "Dev Live", email: `dev-live-${Date.now()}@example.test`, password: "correct horse battery" }),
});
if (!signUp.ok) throw new Error(`sign-up: ${signUp.status} ${await signUp.text()}`);
const cookie = signUp.headers
  .getSetCookie()
  .map((line) => line.split(";")[0])
  .join("; ");
const { token } = (await (await fetch(`${web}/api/auth/token`, { headers: { Cookie: cookie } })).json()) as { token: string };
const { sub } = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as { sub: string };

const socket = new WebSocket(`${api.replace(/^http/, "ws")}/api/${sub}/live`, [
  LIVE_PROTOCOL,
  `${BEARER_PROTOCOL_PREFIX}${token}`,
]);
const messages: LiveMessage[] = [];
const told = new Promise<LiveMessage>((resolve, reject) => {
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as LiveMessage;
    messages.push(message);
    if (message.type === "closing") resolve(message);
  });
  socket.addEventListener("error", () => reject(new Error("the live socket failed")));
});
await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));

const signedOut = Date.now();
const signOut = await fetch(`${web}/api/auth/sign-out`, { method: "POST", headers: { ...json, Cookie: cookie }, body: "{}" });
if (!signOut.ok) throw new Error(`sign-out: ${signOut.status}`);
const timeout = new Promise<never>((_, reject) =>
  setTimeout(() => reject(new Error(`no "closing" within 1 s of signing out; got ${JSON.stringify(messages)}`)), 1_000),
);
const closing = await Promise.race([told, timeout]);
if (closing.type !== "closing" || closing.code !== CLOSE_CODES.sessionEnded)
  throw new Error(`unexpected ${JSON.stringify(closing)}`);
console.log(`dev-live: the socket heard "session ended" ${Date.now() - signedOut} ms after sign-out was sent`);
socket.close();
process.exit(0);

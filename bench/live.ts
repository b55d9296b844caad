/**
 * `npm run bench:live`: live updates on the local stack, the API worker and real Better Auth
 * (bench/auth-worker.ts, the web worker's auth without Next.js) under `wrangler dev`, the second
 * reaching the first's LiveControl through a service binding, as under `npm run preview`.
 *
 * - Delivery: 50 people each hold 3 sockets and write concurrently (create, edit, toggle, delete);
 *   `delivery_p50_ms`/`delivery_p95_ms` run from the end of a write's response in one client to
 *   the event's arrival on the person's other sockets (an event may beat the response: 0, since
 *   the publish runs while the response is sent); `delivery_from_request_p50_ms`/`p95` run from the
 *   write's request instead, beside `response_p50_ms`/`p95`, the write's own round trip.
 * - `cross_person_events`: events that reached a socket of someone other than the writer, while
 *   every upgrade with another person's or a mangled user id is tried (`fuzzed_upgrades_accepted`
 *   counts those the API let through; both must be 0).
 * - `closed_after_signout_ms`: the median, over 20 real sign-outs, from the end of the sign-out
 *   response to the server's "closing" notice on that session's socket (sent with the close frame;
 *   `close_frame_after_signout_ms`, the median to the close frame's arrival (the socket turns
 *   CLOSING), and the client's close event, which waits for the TCP teardown, are reported beside
 *   it; and `closed_after_signout_request_ms` from the sign-out's request).
 * - `api_ratio_with_live`: bench:api's ratio (requests/s of the task list over GET /health, at 10
 *   connections, each in two alternating halves) with 150 sockets open and live notification on;
 *   `write_ratio_with_live` is the same for writes (POST a task), each of which also publishes
 *   after its response.
 * - `object_requests_per_write`: publishes (the version each person's object reached) per write.
 * The last line printed is one JSON object with these figures. The run exits 1 when a correctness
 * figure fails (bench/live-verdict.ts: cross-person events, fuzzed upgrades accepted, events
 * missing, object requests per write other than 1); timing figures are judged by reading them.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type autocannon from "autocannon";
import { BEARER_PROTOCOL_PREFIX, CLOSE_CODES, LIVE_PROTOCOL, type LiveMessage } from "../worker-api/src/live/protocol.ts";
import { startApiStack } from "./api-stack.ts";
import { failedCorrectness } from "./live-verdict.ts";

// Both workers find each other in a registry of their own, not in one another dev server's.
const registry = mkdtempSync(join(tmpdir(), "bench-live-registry-"));
process.env.WRANGLER_REGISTRY_PATH = registry;

const PORT = Number(process.env.BENCH_PORT ?? 8798);
const AUTH_PORT = Number(process.env.BENCH_AUTH_PORT ?? 3410);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 50);
const SOCKETS_PER_PERSON = 3;
const WRITES_PER_PERSON = 12;
const SIGN_OUTS = 20;
const LOAD_SECONDS = Number(process.env.BENCH_DURATION ?? 8);
const SIGN_OUTS_WANTED = Number(process.env.BENCH_SIGN_OUTS ?? SIGN_OUTS);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const round = (value: number) => Math.round(value * 10) / 10;

type Socket = {
  /** Whose token opened it: the only person whose events it may receive. */
  person: string;
  ws: WebSocket;
  messages: (LiveMessage & { at: number })[];
  closed: Promise<{ code: number; at: number }>;
};

function openSocket(apiUrl: string, userId: string, token: string, person = userId): Promise<Socket> {
  const ws = new WebSocket(`${apiUrl.replace(/^http/, "ws")}/api/${userId}/live`, [
    LIVE_PROTOCOL,
    `${BEARER_PROTOCOL_PREFIX}${token}`,
  ]);
  const messages: Socket["messages"] = [];
  ws.addEventListener("message", (event) =>
    messages.push({ ...(JSON.parse(String(event.data)) as LiveMessage), at: performance.now() }),
  );
  const closed = new Promise<{ code: number; at: number }>((done) =>
    ws.addEventListener("close", (event) => done({ code: event.code, at: performance.now() })),
  );
  return new Promise((done, fail) => {
    ws.addEventListener("open", () => done({ person, ws, messages, closed }));
    ws.addEventListener(
      "error",
      () => void refusal(apiUrl, userId, token).then((why) => fail(new Error(`upgrade refused for ${userId}: ${why}`))),
    );
  });
}

/** Why an upgrade was refused: the same upgrade over node:http, which shows the status and body. */
function refusal(apiUrl: string, userId: string, token: string): Promise<string> {
  return new Promise((done) => {
    const request = http.request(`${apiUrl}/api/${userId}/live`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
        "Sec-WebSocket-Protocol": `${LIVE_PROTOCOL}, ${BEARER_PROTOCOL_PREFIX}${token}`,
      },
    });
    request.on("upgrade", (response, socket) => {
      socket.destroy();
      done(`the same upgrade again: ${response.statusCode}`);
    });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk) => {
        body += chunk;
      });
      response.on("end", () => done(`${response.statusCode} ${body}`));
    });
    request.on("error", (error) => done(error.message));
    request.end();
  });
}

const AUTOCANNON = resolve(import.meta.dirname, "../node_modules/autocannon/autocannon.js");

/** Requests/s at 10 connections, autocannon in a child process (not sharing this event loop). */
async function requestsPerSecond(
  url: string,
  headers: Record<string, string>,
  post?: string,
  seconds = LOAD_SECONDS,
): Promise<number> {
  const args = [AUTOCANNON, "--json", "-c", "10", "-d", String(seconds)];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  if (post) args.push("-m", "POST", "-H", "Content-Type=application/json", "-b", post);
  const { stdout } = await promisify(execFile)(process.execPath, [...args, url], { maxBuffer: 64 * 1024 * 1024 });
  const result = JSON.parse(stdout) as autocannon.Result;
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/** Another person's id, and the caller's own id mangled in ways a lax check could let through. */
const fuzzedIds = (own: string, other: string) =>
  [
    other,
    own.toUpperCase(),
    `${own} `,
    `${own}%00`,
    `${own}/../${other}`,
    encodeURIComponent(other),
    other.replace(/-/g, ""),
    randomBytes(8).toString("hex"),
  ].filter((id) => id !== own);

async function main() {
  const stack = await startApiStack(PORT);
  const apiUrl = stack.api.url;
  try {
    const people = await stack.createUsers(PEOPLE);
    const tokens = new Map(await Promise.all(people.map(async (id) => [id, await stack.tokenFor(id)] as const)));
    const token = (id: string) => tokens.get(id) as string;
    // Opened one after another, as page loads arrive, not 150 upgrades in one instant.
    const sockets: Socket[] = [];
    for (const id of people) {
      for (let i = 0; i < SOCKETS_PER_PERSON; i++) sockets.push(await openSocket(apiUrl, id, token(id)));
    }

    console.error(`${sockets.length} sockets open`);
    // Fuzzed upgrades: each must be refused. One that opens keeps its true person (the token's):
    // any event of someone else's that reaches it counts below as cross-person.
    let fuzzedAccepted = 0;
    const fuzzed = new Set<Socket>();
    for (const [index, id] of people.slice(0, 10).entries()) {
      for (const target of fuzzedIds(id, people[(index + 1) % people.length] as string)) {
        const opened = await openSocket(apiUrl, target, token(id), id).catch(() => null);
        if (opened) {
          fuzzedAccepted++;
          fuzzed.add(opened);
          sockets.push(opened);
        }
      }
    }

    console.error(`fuzzed upgrades tried, ${fuzzedAccepted} accepted`);
    // Delivery: every person writes concurrently; each write's writer, request and response times, per change.
    type TimedWrite = { writer: string; sent: number; at: number };
    const timed = new Map<string, TimedWrite>();
    const responseTimes: number[] = [];
    const write = async (id: string, method: string, path: string, body?: unknown) => {
      const sent = performance.now();
      const response = await fetch(`${apiUrl}/api/${id}/tasks${path}`, {
        method,
        headers: { Authorization: `Bearer ${token(id)}`, ...(body ? { "Content-Type": "application/json" } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      const at = performance.now();
      responseTimes.push(at - sent);
      return { sent, at, task: text ? (JSON.parse(text) as { id: string; updated_at: string }) : null };
    };
    let writes = 0;
    await Promise.all(
      people.map(async (id) => {
        for (let i = 0; i < WRITES_PER_PERSON / 4; i++) {
          const created = await write(id, "POST", "", { title: `live ${i}` });
          const taskId = created.task?.id as string;
          const record = (key: string, { sent, at }: { sent: number; at: number }) => timed.set(key, { writer: id, sent, at });
          record(`${taskId}@${created.task?.updated_at}`, created);
          const edited = await write(id, "PUT", `/${taskId}`, { title: `live ${i} edited` });
          record(`${taskId}@${edited.task?.updated_at}`, edited);
          const toggled = await write(id, "PATCH", `/${taskId}/complete`);
          record(`${taskId}@${toggled.task?.updated_at}`, toggled);
          const deleted = await write(id, "DELETE", `/${taskId}`);
          record(`${taskId}@deleted`, deleted);
          writes += 4;
        }
      }),
    );
    await sleep(1000);

    const delivery: number[] = [];
    const deliveryFromRequest: number[] = [];
    let crossPerson = 0;
    let missing = 0;
    for (const socket of sockets) {
      const changes = socket.messages.filter((message) => message.type === "change");
      let own = 0;
      for (const message of changes) {
        // The bench writes tasks only: a label change would count as a write of no one's.
        const key =
          message.op === "upsert"
            ? `${message.task.id}@${message.task.updated_at}`
            : message.op === "delete"
              ? `${message.ids[0]}@deleted`
              : message.op;
        const write = timed.get(key);
        // Cross-person: written by someone else, carrying someone else's task, or no write at all.
        if (
          write === undefined ||
          write.writer !== socket.person ||
          (message.op === "upsert" && message.task.user_id !== socket.person)
        ) {
          crossPerson++;
          continue;
        }
        own++;
        delivery.push(Math.max(0, message.at - write.at));
        deliveryFromRequest.push(message.at - write.sent);
      }
      // Below 0: an event of its own arrived twice, which fails the run as a lost one does.
      if (!fuzzed.has(socket)) missing += WRITES_PER_PERSON - own;
    }

    console.error(`${writes} writes, ${delivery.length} events`);
    // One publish per write: a new socket's hello carries the version its object reached.
    let publishes = 0;
    for (const id of people) {
      const probe = await openSocket(apiUrl, id, token(id));
      while (probe.messages.length === 0) await sleep(5);
      publishes += (probe.messages[0] as { version: number }).version;
      probe.ws.close();
    }

    console.error("probes done");
    // API throughput with 150 sockets open and every write publishing.
    const [writer] = people as [string];
    const auth = { Authorization: `Bearer ${token(writer)}` };
    await requestsPerSecond(`${apiUrl}/health`, {}); // warm-up
    // As bench:api does: each target in two halves, alternating with the others, so that drift in
    // the machine's load during the run biases neither side of a ratio.
    let health = 0;
    let creates = 0;
    let lists = 0;
    for (let half = 0; half < 2; half++) {
      health += (await requestsPerSecond(`${apiUrl}/health`, {}, undefined, LOAD_SECONDS / 2)) / 2;
      lists += (await requestsPerSecond(`${apiUrl}/api/${writer}/tasks?limit=10`, auth, undefined, LOAD_SECONDS / 2)) / 2;
      const load = JSON.stringify({ title: "load" });
      creates += (await requestsPerSecond(`${apiUrl}/api/${writer}/tasks`, auth, load, LOAD_SECONDS / 2)) / 2;
    }
    for (const socket of sockets) socket.ws.close();

    // Sign-out closes that session's sockets: real Better Auth, through the LIVE binding. (Started
    // only now: the JWKS stand-in then serves its keys instead of the ones signing the tokens above;
    // and those test keys, which cannot sign, leave the key store so that Better Auth makes its own.)
    await stack.query("delete from jwks where private_key like 'a test key%'");
    // Once in a while wrangler finds the port still taken right after the load runs: try again.
    for (let attempt = 1; stack.auth.length === 0; attempt++) {
      try {
        await stack.addAuthWorkers([{ BETTER_AUTH_SECRET: randomBytes(32).toString("base64") }], AUTH_PORT);
      } catch (error) {
        if (attempt === 3) throw error;
        await sleep(3000);
      }
    }
    const [authWorker] = stack.auth;
    if (!authWorker) throw new Error("no auth worker");
    const closes: number[] = [];
    const closesFromRequest: number[] = [];
    const closeEvents: number[] = [];
    const closeFrames: number[] = [];
    for (let i = 0; i < SIGN_OUTS_WANTED; i++) {
      const { userId, cookie } = await authWorker.signUp();
      const { token: sessionToken } = (await (await authWorker.token(cookie)).json()) as { token: string };
      const socket = await openSocket(apiUrl, userId, sessionToken);
      const signOutSent = performance.now();
      const signOut = await authWorker.signOut(cookie);
      await signOut.arrayBuffer();
      if (signOut.status !== 200) throw new Error(`sign-out failed: ${signOut.status}`);
      const signedOutAt = performance.now();
      // The page acts on the server's "closing" notice, sent just before its close frame.
      const deadline = performance.now() + 5000;
      let notice = socket.messages.find((message) => message.type === "closing");
      while (!notice && performance.now() < deadline) {
        await sleep(2);
        notice = socket.messages.find((message) => message.type === "closing");
      }
      if (notice?.type !== "closing" || notice.code !== CLOSE_CODES.sessionEnded)
        throw new Error("socket not closed on sign-out");
      // It may beat the response's last byte (the push runs while the response is sent): 0.
      closes.push(Math.max(0, notice.at - signedOutAt));
      closesFromRequest.push(notice.at - signOutSent);
      // The server's close frame: the client's socket turns CLOSING when it arrives (no event says
      // so; polled every 1 ms or so, which bounds the figure's resolution).
      while (socket.ws.readyState === WebSocket.OPEN && performance.now() < deadline) await sleep(1);
      if (socket.ws.readyState !== WebSocket.OPEN) closeFrames.push(Math.max(0, performance.now() - signedOutAt));
      // And the close itself, which some stacks complete only seconds later.
      const closed = await Promise.race([socket.closed, sleep(5000).then(() => null)]);
      if (closed) closeEvents.push(closed.at - signedOutAt);
    }

    const summary = {
      people: PEOPLE,
      sockets_per_person: SOCKETS_PER_PERSON,
      writes,
      events_delivered: delivery.length,
      events_missing: missing,
      delivery_p50_ms: round(percentile(delivery, 50)),
      delivery_p95_ms: round(percentile(delivery, 95)),
      delivery_from_request_p50_ms: round(percentile(deliveryFromRequest, 50)),
      delivery_from_request_p95_ms: round(percentile(deliveryFromRequest, 95)),
      response_p50_ms: round(percentile(responseTimes, 50)),
      response_p95_ms: round(percentile(responseTimes, 95)),
      cross_person_events: crossPerson,
      fuzzed_upgrades_accepted: fuzzedAccepted,
      closed_after_signout_ms: round(percentile(closes, 50)),
      closed_after_signout_max_ms: round(Math.max(...closes)),
      closed_after_signout_request_ms: round(percentile(closesFromRequest, 50)),
      close_frame_after_signout_ms: closeFrames.length ? round(percentile(closeFrames, 50)) : null,
      close_frames_within_5s: closeFrames.length,
      close_event_after_signout_ms: closeEvents.length ? round(percentile(closeEvents, 50)) : null,
      close_events_within_5s: closeEvents.length,
      health_rps: Math.round(health),
      create_rps: Math.round(creates),
      list_rps: Math.round(lists),
      api_ratio_with_live: Number((lists / health).toFixed(2)),
      write_ratio_with_live: Number((creates / health).toFixed(2)),
      object_requests_per_write: Number((publishes / writes).toFixed(3)),
    };
    console.log(
      `delivery p50 ${summary.delivery_p50_ms} ms, p95 ${summary.delivery_p95_ms} ms (target <= 150); cross-person ${summary.cross_person_events} (target 0); ` +
        `closed after sign-out ${summary.closed_after_signout_ms} ms (target <= 1000); ratio ${summary.api_ratio_with_live} (target >= 0.45); ` +
        `object requests per write ${summary.object_requests_per_write} (target 1)`,
    );
    console.log(JSON.stringify(summary));
    // Correctness figures fail the run; timing figures are read, not judged here.
    const failed = failedCorrectness(summary);
    if (failed.length > 0) {
      console.error(`bench:live correctness failed: ${failed.join("; ")}`);
      process.exitCode = 1;
    }
  } finally {
    await stack.stop();
    rmSync(registry, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

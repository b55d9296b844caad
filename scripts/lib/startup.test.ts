// A start that fails part-way stops what it had started, process groups included (the failure
// `npm run dev` had: the API worker's wrangler dev kept running when the web app never answered).
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { spawnGroup, waitUntilReady } from "./process-group.ts";
import { Startup } from "./startup.ts";

/** Whether a process group still has a member. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether the group is gone within a few seconds (its members exit on their own time). */
async function groupGone(pid: number): Promise<boolean> {
  for (let waited = 0; waited < 5_000; waited += 100) {
    if (!groupAlive(pid)) return true;
    await new Promise((done) => setTimeout(done, 100));
  }
  return false;
}

/** A port nobody listens on now (fixed ones can be taken: they sit in the ephemeral range). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A server in its own process group with a grandchild of its own, like wrangler and workerd. */
async function startServer(port: number) {
  const script = `
    require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    require("node:http").createServer((_, res) => res.end("ok")).listen(${port}, "127.0.0.1");`;
  const { child, stop } = spawnGroup(process.execPath, ["-e", script], { quiet: true });
  await waitUntilReady(`http://127.0.0.1:${port}/`, child, 10_000);
  return { pid: child.pid ?? 0, stop };
}

describe("Startup", () => {
  it("stops the services already started, with their process groups, when a later one fails", async () => {
    const startup = new Startup();
    const port = await freePort();
    let pid = 0;
    const start = async () => {
      const server = await startup.add(startServer(port));
      pid = server.pid;
      await startup.add(Promise.reject(new Error("the web app never answered")));
    };
    await expect(
      start().catch(async (error) => {
        await startup.stopAll();
        throw error;
      }),
    ).rejects.toThrow("never answered");
    expect(pid).toBeGreaterThan(0);
    expect(await groupGone(pid)).toBe(true);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it("leaves running services alone once started (done), until stopAll", async () => {
    const startup = new Startup();
    const server = await startup.add(startServer(await freePort()));
    startup.done();
    expect(groupAlive(server.pid)).toBe(true);
    await startup.stopAll();
    expect(await groupGone(server.pid)).toBe(true);
  });
});

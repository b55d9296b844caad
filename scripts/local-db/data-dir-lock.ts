// A lock file next to PGlite's data folder (`<dataDir>.lock`): two PGlite instances on one
// folder would corrupt it. The file records the owner's pid and URLs, so that other tools
// (scripts/migrate.ts) can use a running database instead of opening the folder themselves.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";

export type LockInfo = { pid: number; databaseUrl?: string; endpointUrl?: string };

export type DataDirLock = { update(info: Omit<LockInfo, "pid">): void; release(): void };

function lockPath(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A lock file without valid content yet, created moments ago: its owner is still writing it. */
function isBeingWritten(path: string): boolean {
  try {
    JSON.parse(readFileSync(path, "utf8"));
    return false;
  } catch {
    try {
      return Date.now() - statSync(path).mtimeMs < 5000;
    } catch {
      return false;
    }
  }
}

/** The lock's content when a live process holds it. */
export function readDataDirLock(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), "utf8")) as LockInfo;
    return typeof info.pid === "number" && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = lockPath(dataDir);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid }));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      const owner = readDataDirLock(dataDir);
      if (owner && owner.pid !== process.pid) {
        throw new Error(
          `${resolve(dataDir)} is in use by process ${owner.pid} (is \`npm run db\` running?)${owner.databaseUrl ? `: ${owner.databaseUrl}` : ""}`,
        );
      }
      if (owner) throw new Error(`${resolve(dataDir)} is already open in this process`);
      if (isBeingWritten(path)) throw new Error(`${resolve(dataDir)} is being opened by another process`);
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  let released = false;
  return {
    update(info) {
      if (!released) writeFileSync(path, JSON.stringify({ pid: process.pid, ...info }));
    },
    release() {
      if (released) return;
      released = true;
      rmSync(path, { force: true });
    },
  };
}

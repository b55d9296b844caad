/**
 * CPU time of the workerd processes that a `wrangler dev` started (its process group), in
 * milliseconds: the sum over their threads of the scheduler's own run time
 * (/proc/PID/task/TID/schedstat, first field, in nanoseconds). Unlike /proc/PID/stat's user and
 * system times, which are sampled in 10 ms clock ticks and so charge a short request a whole tick
 * or nothing, it is exact. It counts only those processes, so other load on the machine does not
 * inflate it (Linux only).
 */
import { readdirSync, readFileSync } from "node:fs";

function read(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined; // exited meanwhile
  }
}

/** Process group (field 5 of stat(5)) and command name of process `pid`. */
function groupOf(pid: string): { comm: string; group: number } | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name (field 2) is in parentheses and may hold spaces: split after it.
  const close = stat.lastIndexOf(")");
  const after = stat.slice(close + 2).split(" ");
  return { comm: stat.slice(stat.indexOf("(") + 1, close), group: Number(after[2]) };
}

/** Nanoseconds on a CPU so far of every thread of process `pid`. */
function runTimeNs(pid: string): number {
  let ns = 0;
  let threads: string[] = [];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const tid of threads) ns += Number(read(`/proc/${pid}/task/${tid}/schedstat`)?.split(" ")[0] ?? 0);
  return ns;
}

/** Milliseconds of CPU used so far by the workerd processes in process group `group`. */
export function workerdCpuMs(group: number): number {
  let ns = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const process = groupOf(pid);
    if (process?.comm.startsWith("workerd") && process.group === group) ns += runTimeNs(pid);
  }
  return ns / 1e6;
}

/**
 * CPU time of the workerd processes that a `wrangler dev` started (its process group): user plus
 * system time from /proc/PID/stat (fields 14 and 15, in clock ticks), in milliseconds. It counts
 * only those processes, so other load on the machine does not inflate it (Linux only).
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux that matters). */
const TICKS_PER_SECOND = 100;

function statOf(pid: string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    const close = stat.lastIndexOf(")");
    return [stat.slice(stat.indexOf("(") + 1, close), ...stat.slice(close + 2).split(" ")];
  } catch {
    return undefined; // exited meanwhile
  }
}

/** Milliseconds of CPU used so far by the workerd processes in process group `group`. */
export function workerdCpuMs(group: number): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    const fields = statOf(pid);
    // fields[0] = comm, then field N of stat(5) is fields[N - 2]: pgrp is 5, utime 14, stime 15.
    if (!fields?.[0]?.startsWith("workerd") || Number(fields[3]) !== group) continue;
    ticks += Number(fields[12]) + Number(fields[13]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

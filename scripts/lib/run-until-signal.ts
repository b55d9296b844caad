/** Keeps child services running until Ctrl-C/SIGTERM or until one of them exits, then stops all. */
import type { ChildProcess } from "node:child_process";

export type Service = { process: ChildProcess; stop: () => Promise<void> };

export function runUntilSignal(services: Service[], cleanup: () => Promise<void> | undefined): Promise<never> {
  return new Promise(() => {
    let stopping = false;
    const shutdown = async (reason: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${reason}: stopping…`);
      for (const service of services) await service.stop();
      await cleanup();
      process.exit(0);
    };
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    for (const service of services) {
      service.process.once("exit", (code) => void shutdown(`a service exited (${code})`));
    }
  });
}

/**
 * Starting several services in order, all or nothing: when one fails to start (or Ctrl-C arrives
 * meanwhile), those already running are stopped, last first. Each runs in its own process group
 * (process-group.ts), so nothing else would stop them: a failed `npm run dev` once left the API
 * worker's `wrangler dev` holding port 8787.
 */
export type Stoppable = { stop: () => Promise<void> };

export class Startup {
  private started: Stoppable[] = [];
  private readonly onSignal = (signal: NodeJS.Signals) => {
    void this.stopAll().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };

  constructor() {
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  /** Waits for a service to start and remembers it, to stop it if a later one fails. */
  async add<Service extends Stoppable>(starting: Promise<Service>): Promise<Service> {
    const service = await starting;
    this.started.push(service);
    return service;
  }

  /** Everything started: the signals are the running phase's to handle from here on. */
  done(): void {
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }

  /** Stops what was started, last first; one failing to stop does not keep the others running. */
  async stopAll(): Promise<void> {
    this.done();
    const services = this.started.reverse();
    this.started = [];
    for (const service of services) await service.stop().catch((error: unknown) => console.error(error));
  }
}

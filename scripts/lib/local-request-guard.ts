/**
 * Who may talk to a development server on 127.0.0.1 (the local Neon endpoint, the dev mailbox).
 *
 * Browsers are the threat: any page the developer has open can send requests to 127.0.0.1 (always
 * with an Origin header), or reach the server under its own name through DNS rebinding (with that
 * name as Host). Workers and tools send no Origin and address the server as 127.0.0.1 or localhost.
 */
import type { IncomingMessage } from "node:http";

export type LocalRequestGuard = {
  /** Call once listening: the only accepted Host values are then 127.0.0.1:PORT and localhost:PORT. */
  listening(port: number): void;
  /** Why the request is refused, or undefined when it may pass. */
  refusal(request: IncomingMessage): string | undefined;
};

export type LocalRequestGuardOptions = {
  /**
   * Whether the server's own pages may call it (Origin http://127.0.0.1:PORT or
   * http://localhost:PORT). Any other Origin, including the sandboxed `null`, is always refused.
   */
  allowOwnOrigin: boolean;
};

export function localRequestGuard({ allowOwnOrigin }: LocalRequestGuardOptions): LocalRequestGuard {
  const ownHosts: string[] = [];
  return {
    listening(port) {
      ownHosts.push(`127.0.0.1:${port}`, `localhost:${port}`);
    },
    refusal(request) {
      const host = (request.headers.host ?? "").toLowerCase();
      const origin = request.headers.origin;
      if (origin !== undefined) {
        if (!allowOwnOrigin) return "requests from web pages (with an Origin header) are refused";
        if (!ownHosts.some((own) => origin.toLowerCase() === `http://${own}`)) return "requests from other origins are refused";
      }
      if (!ownHosts.includes(host)) return "unexpected Host header";
      return undefined;
    },
  };
}

/**
 * A proxy in front of the API that loses answers after the fact, as a phone's connection does: it
 * forwards each request, waits for the API's whole answer (so the write has committed), and for a
 * share of the POSTs closes the client's connection instead of passing the answer on. The client
 * sees a network error for a request that did succeed.
 */
import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";

export type LossyProxy = { url: string; dropped(): number; close(): Promise<void> };

export async function startLossyProxy(
  target: string,
  dropShare: number,
  random: () => number = Math.random,
): Promise<LossyProxy> {
  const upstream = new URL(target);
  let dropped = 0;
  const server = createServer((req, res) => {
    const outgoing = forward(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          if (req.method === "POST" && random() < dropShare) {
            dropped += 1;
            res.socket?.destroy();
            return;
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    outgoing.on("error", () => res.socket?.destroy());
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropped: () => dropped,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The dev mailbox for `npm run dev` and `npm run preview` (scripts/mailbox): the web worker's mail
 * arrives here, on loopback only. Its port is the one web/wrangler.toml's MAIL_CAPTURE_URL names
 * (8025), so that `next dev`, which reads the worker's vars from web/wrangler.toml and
 * web/.dev.vars rather than from this process, finds it too. LOCAL_MAIL_PORT moves it; then set
 * MAIL_CAPTURE_URL in web/.dev.vars to match.
 */
import { type Mailbox, startMailbox } from "../mailbox/index.ts";

export const DEFAULT_MAIL_PORT = 8025;

export async function startDevMailbox(): Promise<Mailbox> {
  const port = Number(process.env.LOCAL_MAIL_PORT ?? DEFAULT_MAIL_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LOCAL_MAIL_PORT must be a port number, got ${process.env.LOCAL_MAIL_PORT}`);
  }
  try {
    return await startMailbox({ port, log: (line) => console.log(`[mailbox] ${line}`) });
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE") {
      throw new Error(`The dev mailbox's port ${port} is taken (another npm run dev?): stop it, or set LOCAL_MAIL_PORT`);
    }
    throw error;
  }
}

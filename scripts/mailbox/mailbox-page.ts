/**
 * The mailbox's one page: every captured message, newest first, with links to its HTML (opened
 * as a page of its own, sandboxed) and its text part. Static HTML, no script: reload to see new mail.
 */
import { escapeHtml } from "../../web/lib/email/escape-html.ts";
import type { StoredMessage } from "./captured-message.ts";

const row = (message: StoredMessage) => `<tr>
<td><time datetime="${escapeHtml(message.receivedAt)}">${escapeHtml(message.receivedAt.replace("T", " ").slice(0, 19))}</time></td>
<td>${escapeHtml(message.to)}</td>
<td><a href="/messages/${escapeHtml(message.id)}">${escapeHtml(message.subject || "(no subject)")}</a></td>
<td><a href="/messages/${escapeHtml(message.id)}/text" aria-label="Text part of message ${escapeHtml(message.id)}">text</a></td>
</tr>`;

export function mailboxPage(messages: StoredMessage[]): string {
  const body =
    messages.length === 0
      ? "<p>No mail yet. Sign up, or ask for a password reset, and reload this page.</p>"
      : `<table>
<caption>${messages.length} message${messages.length === 1 ? "" : "s"}, newest first</caption>
<thead><tr><th scope="col">Received (UTC)</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Text</th></tr></thead>
<tbody>
${messages.map(row).join("\n")}
</tbody>
</table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dev mailbox</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 24px; color: #0f172a; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; margin-bottom: 8px; color: #334155; }
th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e2e8f0; overflow-wrap: anywhere; }
a { color: #1d4ed8; }
</style>
</head>
<body>
<main>
<h1>Dev mailbox</h1>
<p>Mail the app sent on this machine. None of it left the machine.</p>
${body}
</main>
</body>
</html>`;
}

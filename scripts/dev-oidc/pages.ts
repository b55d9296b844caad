/**
 * The dev provider's own login and consent pages: static HTML forms, no script, every value escaped.
 */
import { escapeHtml } from "../../web/lib/email/escape-html.ts";
import { DEV_ACCOUNTS } from "./accounts.ts";

const layout = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Dev OpenID provider</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; padding: 24px; max-width: 28rem; color: #0f172a; }
.note { color: #334155; font-size: 14px; }
form { margin: 16px 0; }
button { font: inherit; padding: 8px 14px; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #1d4ed8; }
input[type=email], input[type=text] { font: inherit; padding: 6px 8px; width: 100%; box-sizing: border-box; }
label { display: block; margin: 8px 0; }
</style>
</head>
<body>
<p class="note">Dev OpenID provider: on this machine only, for <code>npm run dev</code> and the tests.</p>
${body}
</body>
</html>`;

export function loginPage(uid: string, clientName: string): string {
  const action = `/interaction/${encodeURIComponent(uid)}/login`;
  const accounts = DEV_ACCOUNTS.map(
    (account) => `<form method="post" action="${action}">
<input type="hidden" name="email" value="${escapeHtml(account.email)}">
<input type="hidden" name="name" value="${escapeHtml(account.name)}">
${account.emailVerified ? '<input type="hidden" name="verified" value="on">' : ""}
<button type="submit">Sign in as ${escapeHtml(account.name)} &lt;${escapeHtml(account.email)}&gt;</button>
</form>`,
  ).join("\n");
  return layout(
    "Sign in",
    `<h1>Sign in to continue to ${escapeHtml(clientName)}</h1>
${accounts}
<h2>Someone else</h2>
<form method="post" action="${action}">
<label>Email <input type="email" name="email" required autocomplete="off"></label>
<label>Name <input type="text" name="name" autocomplete="off"></label>
<label><input type="checkbox" name="verified" checked> This provider has verified the address</label>
<button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${encodeURIComponent(uid)}/abort"><button class="secondary" type="submit">Cancel</button></form>`,
  );
}

export function consentPage(uid: string, clientName: string, email: string, scopes: string[]): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return layout(
    "Allow access",
    `<h1>Allow ${escapeHtml(clientName)} to know who you are?</h1>
<p>Signed in as ${escapeHtml(email)}. It asks for: ${scopes.map((scope) => `<code>${escapeHtml(scope)}</code>`).join(", ")}.</p>
<form method="post" action="${base}/confirm"><button type="submit">Allow</button></form>
<form method="post" action="${base}/abort"><button class="secondary" type="submit">Deny</button></form>`,
  );
}

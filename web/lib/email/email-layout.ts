/**
 * The one shape every e-mail has: the app's name, a heading, short paragraphs, at most one action
 * link (and one second choice), and a footer, as accessible HTML (lang, title, a real heading, a descriptive link that is
 * also printed as text) and as plain text. Paragraphs are plain text and escaped here, so no
 * template can put a user's value into the HTML unescaped.
 */
import "server-only";
import type { EmailMessage } from "./email-message.ts";
import { escapeHtml } from "./escape-html.ts";

export type EmailContext = {
  /** Shown in every subject and footer. */
  appName: string;
  /** The app's origin (BETTER_AUTH_URL): every link is absolute and on it. */
  baseUrl: string;
};

export type EmailContent = {
  subject: string;
  paragraphs: string[];
  /** A path on the app, or an absolute URL on its origin (Better Auth's links are). */
  action?: { label: string; href: string };
  /** A second choice after the action (e.g. "this wasn't me"), as a plain link. */
  secondary?: { label: string; href: string };
  /** After the action: what happens if the reader did nothing. */
  after?: string[];
};

/**
 * The link as an absolute URL on the app's origin. Anything else throws: a link elsewhere in a
 * mail the app signs with its name would be a phishing vector, whatever produced it.
 */
export function absoluteLink(baseUrl: string, href: string): string {
  const origin = new URL(baseUrl).origin;
  const url = new URL(href, origin);
  if (url.origin !== origin) throw new Error("An e-mail link must stay on the app's origin");
  return url.href;
}

const paragraph = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;

export function renderEmail(context: EmailContext, to: string, content: EmailContent): EmailMessage {
  const home = absoluteLink(context.baseUrl, "/");
  const action = content.action && { label: content.action.label, url: absoluteLink(context.baseUrl, content.action.href) };
  const secondary = content.secondary && {
    label: content.secondary.label,
    url: absoluteLink(context.baseUrl, content.secondary.href),
  };
  const app = escapeHtml(context.appName);
  const html = [
    "<!doctype html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f8fafc;color:#0f172a;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:32px">',
    `<p style="margin:0 0 24px;font-weight:600">${app}</p>`,
    `<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${escapeHtml(content.subject)}</h1>`,
    ...content.paragraphs.map(paragraph),
    ...(action
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:underline;font-weight:600">${escapeHtml(action.label)}</a></p>`,
          `<p style="margin:0 0 16px;font-size:14px;color:#334155">If the button does not work, paste this address into your browser:<br><span style="word-break:break-all">${escapeHtml(action.url)}</span></p>`,
        ]
      : []),
    ...(secondary
      ? [
          `<p style="margin:0 0 16px"><a href="${escapeHtml(secondary.url)}" style="color:#b91c1c;font-weight:600">${escapeHtml(secondary.label)}</a><br><span style="font-size:14px;color:#334155;word-break:break-all">${escapeHtml(secondary.url)}</span></p>`,
        ]
      : []),
    ...(content.after ?? []).map(paragraph),
    `<p style="margin:32px 0 0;font-size:14px;color:#334155">${app} · <a href="${escapeHtml(home)}" style="color:#1d4ed8">${escapeHtml(home)}</a></p>`,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
  const text = [
    content.subject,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(action ? [`${action.label}: ${action.url}`, ""] : []),
    ...(secondary ? [`${secondary.label}: ${secondary.url}`, ""] : []),
    ...(content.after ?? []).flatMap((p) => [p, ""]),
    `${context.appName} · ${home}`,
  ].join("\n");
  return { to, subject: content.subject, html, text };
}

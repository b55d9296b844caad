// The account e-mails against hostile values, as a class: whatever a name or an address holds, the
// parsed HTML has exactly the elements and attributes it has for a plain name, and the value is
// there as text. Links are absolute and on the app's origin. Parsed with happy-dom's HTML parser.
// The mails that only go to an address not verified yet take no name at all.
import fc from "fast-check";
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { absoluteLink, type EmailContext } from "../lib/email/email-layout.ts";
import type { EmailMessage } from "../lib/email/email-message.ts";
import { escapeHtml } from "../lib/email/escape-html.ts";
import {
  accountDeleted,
  changeEmailConfirmation,
  changeEmailVerification,
  passkeyAdded,
  passwordChanged,
  resetPassword,
  signUpAttempted,
  twoFactorDisabled,
  verifyEmail,
} from "../lib/email/templates.ts";

const context: EmailContext = { appName: "Edge Tasks", baseUrl: "https://tasks.example.com" };
const LINK = "https://tasks.example.com/api/auth/verify-email?token=eyJ.abc.def&callbackURL=%2Fdashboard";
const CONFIRM = "https://tasks.example.com/email-change#confirm=eyJ.abc.def&cancel=c4nc3l";
const CANCEL = "https://tasks.example.com/email-change#cancel=c4nc3l";

type Values = { name: string; to: string; newEmail: string };
/** The mails that greet their (verified) recipient by name. */
const named = (v: Values, ctx: EmailContext = context): [string, EmailMessage][] => [
  ["reset password", resetPassword(ctx, { to: v.to, name: v.name, url: LINK })],
  ["password reset (notice)", passwordChanged(ctx, { to: v.to, name: v.name }, "reset")],
  ["password changed, others signed out", passwordChanged(ctx, { to: v.to, name: v.name }, "changed-others-signed-out")],
  ["password changed, others still in", passwordChanged(ctx, { to: v.to, name: v.name }, "changed-others-still-signed-in")],
  ["two-factor turned off", twoFactorDisabled(ctx, { to: v.to, name: v.name })],
  ["passkey added", passkeyAdded(ctx, { to: v.to, name: v.name })],
  [
    "change e-mail (old address)",
    changeEmailConfirmation(ctx, { to: v.to, name: v.name, newEmail: v.newEmail, confirmUrl: CONFIRM, cancelUrl: CANCEL }),
  ],
  ["account deleted", accountDeleted(ctx, { to: v.to, name: v.name })],
];
/** The mails to an address nobody has proved yet: no name. */
const nameless = (v: Values, ctx: EmailContext = context): [string, EmailMessage][] => [
  ["verify e-mail", verifyEmail(ctx, { to: v.to, url: LINK })],
  ["change e-mail (new address)", changeEmailVerification(ctx, { to: v.newEmail, url: LINK })],
  ["sign-up attempted", signUpAttempted(ctx, { to: v.to })],
];
const all = (v: Values, ctx: EmailContext = context) => [...named(v, ctx), ...nameless(v, ctx)];

const window = new Window();
const parse = (html: string) => new window.DOMParser().parseFromString(html, "text/html");

/** Every element in document order with its attributes: what an injected value would change. */
function shape(html: string): string[] {
  return [...parse(html).querySelectorAll("*")].map(
    (element) => `${element.tagName}[${[...element.attributes].map((a) => `${a.name}=${a.value}`).join(" ")}]`,
  );
}

const plain: Values = { name: "Ada", to: "ada@example.com", newEmail: "ada@new.example" };

const hostile = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  "</title><script>alert(1)</script>",
  "</p></div></body><body onload=alert(1)>",
  "<!-- ",
  "<![CDATA[",
  "&lt;script&gt;",
  "&amp;",
  "<a href='javascript:alert(1)'>click</a>",
  "<style>*{display:none}</style>",
  "<base href='https://evil.example/'>",
  "<meta http-equiv=refresh content='0;url=https://evil.example'>",
  "Robert'); DROP TABLE user;--",
  "\u202Eevil",
  "Zoë 🦄 名前",
];

describe("account e-mails", () => {
  it.each(all(plain))("%s: subject, the app's name, a text part, accessible HTML", (_kind, message) => {
    expect(message.subject).toContain("Edge Tasks");
    expect(message.text).toContain("Edge Tasks");
    const document = parse(message.html);
    expect(document.documentElement.getAttribute("lang")).toBe("en");
    expect(document.title).toBe(message.subject);
    expect(document.querySelector("h1")?.textContent).toBe(message.subject);
  });

  it.each(named(plain))("%s: greets the recipient by name", (_kind, message) => {
    expect(message.text).toContain("Hi Ada,");
  });

  it("greets without a name when none is given (an unverified address)", () => {
    const message = resetPassword(context, { to: plain.to, url: LINK });
    expect(message.text).toContain("Hello,");
    expect(message.text).not.toMatch(/Hi .*,/);
  });

  it.each(all(plain))("%s: every link absolute, on the app's origin, and printed in the text part", (_kind, message) => {
    const hrefs = [...parse(message.html).querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "");
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(new URL(href).origin).toBe("https://tasks.example.com");
      expect(message.text).toContain(href);
    }
  });

  it("carries Better Auth's link unchanged (token and callback intact)", () => {
    const message = verifyEmail(context, { to: plain.to, url: LINK });
    expect(parse(message.html).querySelector("a")?.getAttribute("href")).toBe(LINK);
    expect(message.text).toContain(`Verify my e-mail: ${LINK}`);
  });

  it("asks the old address to confirm a change of e-mail, or to cancel it as not theirs", () => {
    const message = changeEmailConfirmation(context, { ...plain, confirmUrl: CONFIRM, cancelUrl: CANCEL });
    const links = [...parse(message.html).querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toContainEqual(["Confirm the change", CONFIRM]);
    expect(links).toContainEqual(["This wasn't me: cancel it and sign out every device", CANCEL]);
    expect(message.text).toContain(`from ada@example.com to ada@new.example`);
    expect(message.text).toContain(`This wasn't me: cancel it and sign out every device: ${CANCEL}`);
  });

  it("says what a password change did to the other devices: never that they were signed out when they were not", () => {
    const textOf = (how: Parameters<typeof passwordChanged>[2]) => passwordChanged(context, plain, how).text;
    expect(textOf("reset")).toContain("was just reset with a link sent to this address, and every device was signed out.");
    expect(textOf("changed-others-signed-out")).toContain("was just changed in Settings, and every other device was signed out.");
    const kept = passwordChanged(context, plain, "changed-others-still-signed-in");
    expect(kept.text).not.toMatch(/signed out\./);
    expect(kept.text).toContain("Your other devices are still signed in.");
    expect(kept.text).toContain("sign out any device you do not recognise in Settings → Devices");
    const links = [...parse(kept.html).querySelectorAll("a")].map((a) => [a.textContent, a.getAttribute("href")]);
    expect(links).toContainEqual(["Reset my password", "https://tasks.example.com/forgot-password"]);
    expect(links).toContainEqual(["Settings → Devices", "https://tasks.example.com/settings#sessions-heading"]);
  });

  it("builds paths on the base URL, and refuses a link that leaves the app's origin", () => {
    expect(absoluteLink("https://tasks.example.com", "/forgot-password")).toBe("https://tasks.example.com/forgot-password");
    expect(absoluteLink("http://localhost:3000/", "/signin?x=1")).toBe("http://localhost:3000/signin?x=1");
    for (const href of [
      "https://evil.example/x",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "data:text/html,x",
    ]) {
      expect(() => verifyEmail(context, { to: plain.to, url: href }), href).toThrow(/origin/);
    }
  });

  it.each(hostile)("keeps %j as text in every e-mail (name, address, new address, app name)", (value) => {
    const reference = all(plain).map(([, message]) => shape(message.html));
    const asName = all({ ...plain, name: value });
    const asAddress = all({ ...plain, to: value, newEmail: value });
    const asAppName = all(plain, { ...context, appName: value });
    for (const variant of [asName, asAddress, asAppName]) {
      variant.forEach(([kind, message], i) => {
        expect(shape(message.html), kind).toEqual(reference[i]);
      });
    }
    for (const [kind, message] of named({ ...plain, name: value })) {
      expect(parse(message.html).body.textContent, kind).toContain(`Hi ${value},`);
      expect(message.text, kind).toContain(`Hi ${value},`);
    }
  });

  it("keeps any string as text: same elements and attributes, value readable (property)", () => {
    // CR and NUL are rewritten by every HTML parser before text is built; they are covered by the
    // shape check only (the second property).
    const readable = fc.string({ unit: "binary", maxLength: 80 }).filter((s) => !/[\r\0]/.test(s));
    const reference = all(plain).map(([, message]) => shape(message.html));
    fc.assert(
      fc.property(readable, (name) => {
        named({ ...plain, name }).forEach(([kind, message], i) => {
          expect(shape(message.html), kind).toEqual(reference[i]);
          expect(parse(message.html).body.textContent, kind).toContain(`Hi ${name},`);
        });
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 40 }), (to, appName) => {
        all({ ...plain, to, newEmail: to }, { ...context, appName }).forEach(([kind, message], i) => {
          expect(shape(message.html), kind).toEqual(reference[i]);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe("escapeHtml", () => {
  it("leaves no markup character, and decodes back to the input (property)", () => {
    const decode = (s: string) =>
      s.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        expect(decode(escaped)).toBe(value);
      }),
    );
  });
});

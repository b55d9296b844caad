// Account fields, checked by the server: Better Auth's endpoints called directly (as anyone can)
// with names and e-mails outside the limits get 400 and write nothing; whatever a person types,
// their JWT stays small, since it carries no profile data.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMAIL_MAX, NAME_MAX } from "../../drizzle/limits.ts";
import { authRoute } from "../lib/auth/auth-route.ts";
import { createAuth } from "../lib/auth/create-auth.ts";
import { checkAccountFields } from "../lib/auth/plugins/account-field-limits/account-limits.ts";
import {
  authEnv,
  authPost,
  authRequest,
  issueToken,
  newClientAddress,
  ORIGIN,
  PASSWORD,
  signUp,
  sql,
} from "./workers-helpers.ts";

function signUpWith(body: Record<string, unknown>) {
  return authRequest("/sign-up/email", {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: ORIGIN, "cf-connecting-ip": newClientAddress() },
    body: JSON.stringify({ password: PASSWORD, ...body }),
  });
}

const usersWithEmail = (email: string) => sql(`select id from "user" where email = $1`, [email]);

const email = () => `${crypto.randomUUID()}@example.test`;

describe("account field limits", () => {
  const badNames: [string, unknown][] = [
    ["101 characters", "n".repeat(101)],
    ["10,000 characters", "n".repeat(10_000)],
    ["empty", ""],
    ["only spaces", "   "],
    ["not a string", 42],
  ];

  it.each(badNames)("sign-up refuses a name of %s with 400 and creates no user", async (_, name) => {
    const address = email();
    const response = await signUpWith({ name, email: address });
    expect(response.status).toBe(400);
    expect(await usersWithEmail(address)).toEqual([]);
  });

  it("sign-up refuses an e-mail over 254 characters", async () => {
    const address = `${"a".repeat(64)}@${"b".repeat(190)}.test`;
    expect(address.length).toBeGreaterThan(254);
    const response = await signUpWith({ name: "Long Mail", email: address });
    expect(response.status).toBe(400);
    expect(await usersWithEmail(address)).toEqual([]);
  });

  it("accepts a name of exactly 100 characters, and the token stays small", async () => {
    const { cookie } = await signUp("n".repeat(100));
    expect((await issueToken(cookie)).length).toBeLessThan(1024);
  });

  it.each(badNames)("update-user refuses a name of %s and keeps the old one", async (_, name) => {
    const { cookie, userId } = await signUp("Kept Name");
    const response = await authPost("/update-user", cookie, { name });
    expect(response.status).toBe(400);
    expect(await sql(`select name from "user" where id = $1`, [userId])).toEqual([{ name: "Kept Name" }]);
  });
});

// ---------------------------------------------------------------------------------------------
// Limits on what is stored: names are trimmed before they are checked and stored, `image` is
// refused (the app never sets one), and the database refuses what the server would (the `user`
// CHECKs). Through the route as deployed (lib/auth/auth-route.ts: the 16 KiB body cap in front).
// ---------------------------------------------------------------------------------------------

const route = authRoute(async (work) => {
  const ctx = createExecutionContext();
  try {
    return await work(createAuth(authEnv, ctx));
  } finally {
    await waitOnExecutionContext(ctx);
  }
});

const postThroughRoute = (path: string, body: unknown, cookie = "") =>
  route(
    new Request(`${ORIGIN}/api/auth${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: ORIGIN, Cookie: cookie, "cf-connecting-ip": newClientAddress() },
      body: JSON.stringify(body),
    }),
  );

/** A response's cookies stay far below the 4 KiB a browser keeps of one. */
const expectSmallCookies = (response: Response) => {
  for (const cookie of response.headers.getSetCookie()) expect(cookie.length).toBeLessThan(4096);
};

type StoredUser = { name: string; email: string; image: string | null; email_verified: boolean };
const storedUser = async (where: string, value: string) =>
  (await sql(`select name, email, image, email_verified from "user" where ${where} = $1`, [value]))[0] as StoredUser | undefined;

const UNPRINTABLE = /[\p{Cc}\p{Cs}]/u;
/** What every stored user satisfies, whatever was sent. */
function expectWithinLimits(user: StoredUser) {
  expect(user.name).toBe(user.name.trim());
  expect([...user.name].length).toBeGreaterThanOrEqual(1);
  expect([...user.name].length).toBeLessThanOrEqual(NAME_MAX);
  expect(user.name).not.toMatch(UNPRINTABLE);
  expect([...user.email].length).toBeLessThanOrEqual(EMAIL_MAX);
  expect(user.image).toBeNull();
}

const WHITESPACE = [" ", "\t", "\n", "\r", "\v", "\f", "\u00a0", "\u1680", "\u2003", "\u2028", "\u202f", "\u3000", "\ufeff"];
const CONTROL = ["\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"];
const UNPAIRED = ["\ud800", "\udfff"];
const unit = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.constantFrom(...WHITESPACE), weight: 2 },
  { arbitrary: fc.constantFrom(...CONTROL, ...UNPAIRED), weight: 1 },
);
const text = fc.string({ unit, maxLength: 120 });
const printable = fc.string({ unit: "grapheme", minLength: 1, maxLength: 100 });
const padding = fc.string({ unit: fc.constantFrom(...WHITESPACE), maxLength: 6 });
const padded = (inner: fc.Arbitrary<string>) => fc.tuple(padding, inner, padding).map(([a, b, c]) => a + b + c);
const huge = fc.constantFrom(
  "n".repeat(NAME_MAX + 1),
  `A${" ".repeat(10_000)}`,
  `${" ".repeat(5_000)}${"n".repeat(NAME_MAX)}${" ".repeat(5_000)}`,
  "é".repeat(NAME_MAX),
  "😀".repeat(NAME_MAX), // 200 UTF-16 units, 100 characters
  "😀".repeat(NAME_MAX + 1),
  "x".repeat(20_000), // over the body cap
);
const hostileString = fc.oneof(padded(text), text, huge);
const hostile = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  { arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object()), weight: 1 },
);
const image = fc.oneof(
  fc.constantFrom("https://example.com/a.png", "data:image/png;base64,iVBORw0KGgo=", "", "javascript:alert(1)"),
  hostile,
);
/** `@id` is replaced by a fresh id for each call: every sign-up is a new address, also while shrinking. */
const emailField = fc.oneof(
  { arbitrary: fc.constantFrom("@id@example.test", "@ID@EXAMPLE.TEST"), weight: 4 },
  { arbitrary: padded(fc.constant("@id@example.test")), weight: 1 },
  { arbitrary: fc.constant(`@id@${"b".repeat(250)}.test`), weight: 1 },
  { arbitrary: hostile, weight: 1 },
);
/** Mostly this, sometimes absent (undefined: JSON leaves it out). */
const mostly = <T, U>(value: fc.Arbitrary<T>, others: fc.Arbitrary<U>): fc.Arbitrary<T | U> =>
  fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: others, weight: 1 });
/** A name people might type, padded or not, or anything hostile. */
const nameField = fc.oneof(
  { arbitrary: padded(printable), weight: 4 },
  { arbitrary: padded(text), weight: 1 },
  { arbitrary: hostile, weight: 1 },
);
const withFreshId = (value: unknown) => (typeof value === "string" ? value.replace(/@id/i, () => crypto.randomUUID()) : value);

describe("what the lockout inputs get now", () => {
  it("a letter and 100,000 spaces: 413 at the route; stored as the letter behind it", async () => {
    const name = `A${" ".repeat(100_000)}`;
    const address = email();
    const refused = await postThroughRoute("/sign-up/email", { name, email: address, password: PASSWORD });
    expect(refused.status).toBe(413);
    expect(await usersWithEmail(address)).toEqual([]);
    // Straight to Better Auth's handler, without the cap: the trimmed name is what is stored.
    const { userId, response } = await signUp(name);
    expectSmallCookies(response);
    expect(await sql(`select name from "user" where id = $1`, [userId])).toEqual([{ name: "A" }]);
  });

  it.each([
    ["a 20,000-character URL", `https://example.com/${"a".repeat(20_000)}`, 413],
    ["an https URL", "https://example.com/a.png", 400],
    ["a data URL of an image", "data:image/png;base64,iVBORw0KGgo=", 400],
    ["an empty string", "", 400],
  ])("an image (%s) is refused, at sign-up and update-user", async (_, value, status) => {
    const { cookie, userId } = await signUp("Has No Picture");
    const updated = await postThroughRoute("/update-user", { image: value }, cookie);
    expect(updated.status).toBe(status);
    const address = email();
    const signedUp = await postThroughRoute("/sign-up/email", { name: "P", email: address, password: PASSWORD, image: value });
    expect(signedUp.status).toBe(status);
    if (status === 400) expect(await signedUp.json()).toMatchObject({ code: "INVALID_ACCOUNT_FIELD" });
    expect(await usersWithEmail(address)).toEqual([]);
    expect(await sql(`select image from "user" where id = $1`, [userId])).toEqual([{ image: null }]);
  });

  it("image: null is accepted (what Better Auth itself stores)", async () => {
    const { cookie } = await signUp("Null Picture");
    expect((await postThroughRoute("/update-user", { name: "Still Null", image: null }, cookie)).status).toBe(200);
  });
});

describe("every field of sign-up, as a class", () => {
  it("never answers 5xx; what it stores is within the limits, the name trimmed; cookies stay small", async () => {
    let trimmedAndStored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: nameField,
          email: mostly(fc.constant("@id@example.test"), emailField),
          password: mostly(fc.constant(PASSWORD), hostile),
          image: mostly(fc.constant(undefined), image),
          callbackURL: mostly(fc.constantFrom(undefined, "/dashboard", `${ORIGIN}/tasks`), hostile),
          rememberMe: mostly(fc.constantFrom(undefined, true, false), hostile),
          emailVerified: mostly(fc.constant(undefined), fc.anything()),
        }),
        async (generated) => {
          const body = { ...generated, email: withFreshId(generated.email) };
          const response = await postThroughRoute("/sign-up/email", body);
          expect(response.status).toBeLessThan(500);
          expectSmallCookies(response);
          if (typeof body.email !== "string") return;
          // Postgres text cannot hold NUL (22021): such an address is refused, never looked up.
          if (body.email.includes("\u0000")) {
            expect(response.status).not.toBe(200);
            return;
          }
          const user = await storedUser("email", body.email.trim().toLowerCase());
          if (response.status !== 200) {
            expect(user).toBeUndefined();
          } else {
            if (!user) throw new Error("signed up, but no user stored");
            expectWithinLimits(user);
            expect(user.name).toBe((body.name as string).trim());
            expect(user.email_verified).toBe(false);
            if (user.name !== body.name) trimmedAndStored += 1;
          }
        },
      ),
      { numRuns: 80 },
    );
    // The class was exercised: padded names did get through, trimmed.
    expect(trimmedAndStored).toBeGreaterThan(3);
  });
});

describe("every field of update-user, as a class", () => {
  it("never answers 5xx; the stored user stays within the limits, the name trimmed; e-mail and verification untouched", async () => {
    const { cookie, userId, email: address } = await signUp("Before Updates");
    let trimmedAndStored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: nameField,
          image: mostly(fc.constant(undefined), fc.oneof(fc.constant(null), image)),
          email: mostly(fc.constant(undefined), fc.oneof(fc.constant(""), hostileString, fc.constant("other@example.test"))),
          emailVerified: mostly(fc.constant(undefined), fc.anything()),
          id: mostly(fc.constant(undefined), fc.string()),
        }),
        mostly(fc.constant({}), fc.dictionary(fc.string({ maxLength: 10 }), fc.anything(), { maxKeys: 3 })),
        async (fields, extra) => {
          const before = (await storedUser("id", userId)) as StoredUser;
          const response = await postThroughRoute("/update-user", { ...extra, ...fields }, cookie);
          expect(response.status).toBeLessThan(500);
          expectSmallCookies(response);
          const after = (await storedUser("id", userId)) as StoredUser;
          expectWithinLimits(after);
          expect([after.email, after.email_verified]).toEqual([address, false]);
          if (response.status !== 200) expect(after).toEqual(before);
          else if (typeof fields.name === "string") {
            expect(after.name).toBe(fields.name.trim());
            if (after.name !== fields.name) trimmedAndStored += 1;
          }
        },
      ),
      { numRuns: 60 },
    );
    expect(trimmedAndStored).toBeGreaterThan(3);
  });
});

describe("the user table's CHECKs", () => {
  const insert = (fields: { name: string; email?: string; image?: string | null }) =>
    sql(`insert into "user" (id, name, email, image) values ($1, $2, $3, $4)`, [
      crypto.randomUUID(),
      fields.name,
      fields.email ?? `${crypto.randomUUID()}@example.test`,
      fields.image ?? null,
    ]).then(
      () => "stored" as const,
      (error: { code?: string; constraint?: string }) => ({ code: error.code, constraint: error.constraint }),
    );

  it.each<[string, Parameters<typeof insert>[0], string]>([
    ["an empty name", { name: "" }, "user_name_length"],
    [`a name of ${NAME_MAX + 1} characters`, { name: "n".repeat(NAME_MAX + 1) }, "user_name_length"],
    ["a letter and 100,000 spaces", { name: `A${" ".repeat(100_000)}` }, "user_name_length"],
    ["a name with a leading space", { name: " Ada" }, "user_name_trimmed"],
    ["a name ending in an ideographic space", { name: "Ada\u3000" }, "user_name_trimmed"],
    ["a name with a line break", { name: "Ada\nLovelace" }, "user_name_printable"],
    ["a name with a C1 control", { name: "Ada\u0085Lovelace" }, "user_name_printable"],
    ["an e-mail over 254 characters", { name: "Ada", email: `${"a".repeat(64)}@${"b".repeat(190)}.test` }, "user_email_length"],
    ["an image", { name: "Ada", image: "https://example.com/a.png" }, "user_image_absent"],
  ])("refuse a direct insert of %s (23514, naming the constraint)", async (_, fields, constraint) => {
    expect(await insert(fields)).toEqual({ code: "23514", constraint });
  });

  it("store what the server would store, counting characters as it does", async () => {
    for (const name of ["n".repeat(NAME_MAX), "é".repeat(NAME_MAX), "😀".repeat(NAME_MAX), "Ada\u200dLovelace"]) {
      expect(await insert({ name })).toBe("stored");
    }
  });

  it("agree with the server's check on any name: stored exactly when the server would store it as sent", async () => {
    // Unpaired surrogates never reach Postgres as such (the driver's UTF-8 replaces them), so only
    // the server can refuse them; NUL, which Postgres cannot hold at all, is refused by both.
    const name = fc.string({ unit: fc.oneof(unit, fc.constantFrom(...WHITESPACE)), maxLength: NAME_MAX + 2 });
    await fc.assert(
      fc.asyncProperty(
        name.filter((value) => !/\p{Cs}/u.test(value)),
        async (value) => {
          const server = checkAccountFields({ name: value });
          const storedAsSent = "name" in server && server.name === value;
          expect((await insert({ name: value })) === "stored").toBe(storedAsSent);
        },
      ),
      { numRuns: 150 },
    );
  });
});

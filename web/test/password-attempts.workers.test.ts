// Every endpoint that checks a password is limited like sign-in: 5 attempts a minute per client
// address, then 429 for the rest of the minute. /verify-password, which nothing in the app uses,
// is switched off: it answers 404 without checking anything.
import { describe, expect, it } from "vitest";
import { authPost, newClientAddress, PASSWORD, signUp, sql } from "./workers-helpers.ts";

const WRONG = "not the password!";

type Endpoint = {
  path: string;
  /** The body of a guess at the password. */
  guess: (email: string) => Record<string, unknown>;
  /** Whether the guess goes with the person's session cookie. */
  withSession: boolean;
  /** The answer to a wrong guess within the limit. */
  refused: number;
};

const LIMITED: Endpoint[] = [
  { path: "/sign-in/email", guess: (email) => ({ email, password: WRONG }), withSession: false, refused: 401 },
  { path: "/delete-user", guess: () => ({ password: WRONG }), withSession: true, refused: 400 },
  {
    path: "/change-password",
    guess: () => ({ currentPassword: WRONG, newPassword: "a brand new passphrase" }),
    withSession: true,
    refused: 400,
  },
  {
    path: "/change-email",
    guess: () => ({ newEmail: `${crypto.randomUUID()}@example.test`, password: WRONG }),
    withSession: true,
    refused: 400,
  },
];

async function verifiedPerson() {
  const person = await signUp();
  await sql(`update "user" set email_verified = true where id = $1`, [person.userId]);
  return person;
}

describe("password guesses", () => {
  it.each(LIMITED)("$path: 5 wrong guesses a minute per address, then 429 for the rest of the minute", async (endpoint) => {
    const { email, cookie } = await verifiedPerson();
    const address = newClientAddress();
    const answers: Response[] = [];
    for (let i = 0; i < 7; i++) {
      answers.push(await authPost(endpoint.path, endpoint.withSession ? cookie : "", endpoint.guess(email), address));
    }
    const expected = [...Array(5).fill(endpoint.refused), 429, 429];
    expect(answers.map((answer) => answer.status)).toEqual(expected);
    const retryAfter = Number(answers[5]?.headers.get("X-Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(55);
  });

  it("/verify-password is off: 404 for every guess and for the right password, never an answer about it", async () => {
    const { cookie } = await verifiedPerson();
    const address = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await authPost("/verify-password", cookie, { password: WRONG }, address)).status);
    statuses.push((await authPost("/verify-password", cookie, { password: PASSWORD }, address)).status);
    expect(new Set(statuses)).toEqual(new Set([404]));
  });
});

/**
 * bench:web's two-factor code step: two-factor turned on for a person (not timed: the setup, a
 * first code, then the password step), then the code step the sign-in page calls, timed
 * (POST /api/auth/two-factor/sign-in, web/lib/auth/plugins/two-factor/code-step.ts).
 */
import * as OTPAuth from "otpauth";

type Post = (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>;

export async function measureTwoFactorStep(
  person: {
    email: string;
    password: string;
    /** A session of the person's. */
    cookie: string;
    client: Record<string, string>;
    post: Post;
    cookiesOf: (response: Response) => string;
  },
  measure: (request: () => Promise<Response>) => Promise<Response>,
): Promise<void> {
  const { email, password, cookie, client, post, cookiesOf } = person;
  const enabling = await post("/two-factor/enable", { password }, { Cookie: cookie, ...client });
  if (enabling.status !== 200) throw new Error(`two-factor not enabled: ${enabling.status} ${await enabling.text()}`);
  const { totpURI } = (await enabling.json()) as { totpURI: string };
  const totp = OTPAuth.URI.parse(totpURI) as OTPAuth.TOTP;
  const confirmed = await post("/two-factor/verify-totp", { code: totp.generate() }, { Cookie: cookie, ...client });
  if (confirmed.status !== 200) throw new Error(`two-factor not confirmed: ${confirmed.status} ${await confirmed.text()}`);
  const passwordStep = await post("/sign-in/email", { email, password }, client);
  const pending = cookiesOf(passwordStep);
  if (!pending.includes("two_factor=")) throw new Error(`no code step after the password: ${passwordStep.status}`);
  await measure(() => post("/two-factor/sign-in", { code: totp.generate() }, { Cookie: pending, ...client }));
}

import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { readEnv } from "../../web/lib/env.ts";
import { retireEarlierSecrets, rotateSecret } from "./dev-secret-rotation.ts";

const OLD = "vNE3tzhwY1NlZ2HL0atauD0186WFDHvp8oBOCsROheA=";
const NEW = "Qm9vc3RlZCBzZWNyZXQgZm9yIHRoZSByb3RhdGlvbiE=";
const NEWER = "dGhpcmQgc2VjcmV0LCBzdGlsbCByYW5kb20tbG9va2luZw==";
const devVars = `# a comment\nBETTER_AUTH_SECRET=${OLD}\nDATABASE_URL=postgres://postgres:postgres@127.0.0.1:5433/postgres\n`;

/** The web worker's settings as `npm run dev` would read this web/.dev.vars. */
const settingsOf = (text: string) =>
  readEnv({
    ...parseEnv(text),
    // What web/wrangler.toml's [vars] add to web/.dev.vars under `npm run dev`.
    BETTER_AUTH_URL: "http://localhost:3000",
    API_URL: "http://localhost:8787",
    APP_ENV: "development",
    MAIL_CAPTURE_URL: "http://127.0.0.1:8025",
  });

describe("rotating the auth secret in web/.dev.vars", () => {
  it("makes a new secret current and keeps the old one accepted, as step 2 of the README", () => {
    const rotated = rotateSecret(devVars, NEW);
    expect(parseEnv(rotated)).toMatchObject({ BETTER_AUTH_SECRET: OLD, BETTER_AUTH_SECRETS: `2:${NEW},1:${OLD}` });
    expect(rotated).toContain("# a comment\n");
    expect(settingsOf(rotated)).toMatchObject({ currentSecret: NEW, earlierSecrets: [OLD] });
  });

  it("rotates again on top of a rotation, and retires all but the current secret", () => {
    const twice = rotateSecret(rotateSecret(devVars, NEW), NEWER);
    expect(settingsOf(twice)).toMatchObject({ currentSecret: NEWER, earlierSecrets: [NEW, OLD] });
    const retired = retireEarlierSecrets(twice);
    expect(parseEnv(retired)).toMatchObject({ BETTER_AUTH_SECRET: NEWER, BETTER_AUTH_SECRETS: `3:${NEWER}` });
    expect(settingsOf(retired)).toMatchObject({ currentSecret: NEWER, earlierSecrets: [] });
  });

  it("says what to do when there is nothing to rotate or retire", () => {
    expect(() => rotateSecret("DATABASE_URL=x\n", NEW)).toThrow(/npm run setup/);
    expect(() => retireEarlierSecrets(devVars)).toThrow(/rotate first/);
  });
});

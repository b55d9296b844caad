// `npm run keys:rotate` takes secrets from the environment only: any argument but --env and
// --withdraw is refused, and the refusal never repeats what was typed (it may be a secret).
import { describe, expect, it } from "vitest";
import { parseKeysArgs } from "./keys-rotate-args.ts";

const SECRET = "vNE3tzhwY1NlZ2HL0atauD0186WFDHvp8oBOCsROheA=";

describe("keys:rotate arguments", () => {
  it("takes an environment and a key to withdraw", () => {
    expect(parseKeysArgs([])).toEqual({});
    expect(parseKeysArgs(["--env", "production"])).toEqual({ env: "production" });
    expect(parseKeysArgs(["--withdraw", "p4RkPZbd3nRVX9CdfRyM4JZ2OaP1clYs", "--env=staging"])).toEqual({
      env: "staging",
      withdraw: "p4RkPZbd3nRVX9CdfRyM4JZ2OaP1clYs",
    });
  });

  it.each([
    [[SECRET]],
    [["--env", "production", SECRET]],
    [["--secret", SECRET]],
    [[`--BETTER_AUTH_SECRET=${SECRET}`]],
    [["--database-url", `postgresql://owner:${SECRET}@db.example/app`]],
    [["--env", SECRET]],
    [["--withdraw", `postgresql://owner:${SECRET}@db.example/app`]],
    [["--env"]],
  ])("refuses %j without repeating it", (args) => {
    let message = "";
    try {
      parseKeysArgs(args);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/secrets come from the environment/);
    expect(message).not.toContain(SECRET);
  });
});

/**
 * The arguments `npm run keys:rotate` takes, and nothing else: which environment, and which key
 * to withdraw. Secrets (BETTER_AUTH_SECRET or BETTER_AUTH_SECRETS, DATABASE_URL) are read from the
 * environment only, never from arguments, which land in shell history and process listings; an
 * argument that is not one of these is refused without repeating it.
 */
import { parseArgs } from "node:util";

export const ENVIRONMENTS = ["preview", "staging", "production"] as const;
export type KeysCommand = { env?: (typeof ENVIRONMENTS)[number]; withdraw?: string };

/** Better Auth's key ids (32 letters and digits), and the ids of older or test keys. */
const KEY_ID = /^[A-Za-z0-9_-]{1,128}$/;

const USAGE =
  "usage: npm run keys:rotate [-- --env <preview|staging|production>] [-- --withdraw <kid>]; " +
  "secrets come from the environment (BETTER_AUTH_SECRET or BETTER_AUTH_SECRETS, DATABASE_URL), never from arguments";

export function parseKeysArgs(args: readonly string[]): KeysCommand {
  let values: { env?: string; withdraw?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { env: { type: "string" }, withdraw: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    // Node's message quotes the offending argument, which may be a secret typed in the wrong place.
    throw new Error(`unexpected argument: ${USAGE}`);
  }
  const command: KeysCommand = {};
  if (values.env !== undefined) {
    const env = ENVIRONMENTS.find((name) => name === values.env);
    if (!env) throw new Error(`--env must be one of ${ENVIRONMENTS.join(", ")}: ${USAGE}`);
    command.env = env;
  }
  if (values.withdraw !== undefined) {
    if (!KEY_ID.test(values.withdraw)) throw new Error(`--withdraw takes a key id (the JWKS's "kid"): ${USAGE}`);
    command.withdraw = values.withdraw;
  }
  return command;
}

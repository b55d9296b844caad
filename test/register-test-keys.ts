/**
 * Puts the test keys' ids in the `jwks` table, as Better Auth's jwt plugin does before it signs
 * with a key: the API checks the signing key's row in the same statement as the session, so a
 * token is accepted only while its key is in the key store. Only the ids and public halves are
 * real; nothing here can sign (the private keys stay with the tests). `retired` marks them expired,
 * as a rotation leaves an old key: a real Better Auth on the same database then never picks one to
 * sign with (its private half is not stored), while the API still accepts their tokens.
 */
import pg from "pg";
import type { TestKeys } from "./test-keys.ts";

export async function registerTestKeys(databaseUrl: string, keys: TestKeys, { retired = false } = {}): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const { d, p, q, dp, dq, qi, ...publicKey } of Object.values(keys)) {
      await client.query(
        `insert into jwks (id, public_key, private_key, created_at, expires_at, alg)
         values ($1, $2, 'a test key: not stored', now(), case when $4 then now() at time zone 'utc' end, $3)
         on conflict (id) do nothing`,
        [publicKey.kid, JSON.stringify(publicKey), publicKey.alg, retired],
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * The web app's signing keys, as far as the API may see them: whether a key id exists. Better
 * Auth's jwt plugin writes a key here before it signs anything with it, so this is the strongly
 * consistent answer to "was this key rotated in, or is the kid made up?".
 */
import { eq } from "drizzle-orm";
import { jwks } from "../../../drizzle/index.ts";
import type { Database } from "../db.ts";

export async function isSigningKeyId(db: Database, kid: string): Promise<boolean> {
  const rows = await db.select({ id: jwks.id }).from(jwks).where(eq(jwks.id, kid)).limit(1);
  return rows.length > 0;
}

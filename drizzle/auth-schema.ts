/**
 * Better Auth's tables (core + `jwt`, `twoFactor` and `passkey` plugins + database rate-limit storage), in the shape the
 * Better Auth CLI generates for Drizzle/Postgres (`npx @better-auth/cli generate`), checked
 * field by field against `getAuthTables()` of better-auth 1.7.25. Regenerate, don't hand-edit,
 * when Better Auth or its plugins change, and keep the two additions of our own (below).
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { EMAIL_MAX, NAME_MAX, PASSKEY_NAME_MAX } from "./limits.ts";

// Added by hand to the generated shape: the CHECKs below (the limits of web/lib/auth/plugins/
// account-field-limits, held by the database too), the index on rate_limit.last_request, and the
// indexes on session, verification and jwks `expires_at` that the scheduled clean-up deletes by
// (web/lib/maintenance).

/** What JavaScript's `trim()` removes: a stored name starts and ends with none of it. */
const TRIMMED_WHITESPACE = String.raw`[\u0009-\u000d\u0020\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]`;
/** C0 and C1 control characters (Unicode's Cc; Postgres text cannot hold NUL at all). */
const CONTROL_CHARACTER = String.raw`[\u0001-\u001f\u007f-\u009f]`;

export const user = pgTable(
  "user",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    email: text("email").notNull().unique(),
    emailVerified: boolean("email_verified").default(false).notNull(),
    image: text("image"),
    // The two-factor plugin's (web/lib/auth/plugins/two-factor): true once a first code confirmed it.
    twoFactorEnabled: boolean("two_factor_enabled").default(false),
    createdAt: timestamp("created_at").defaultNow().notNull(),
    updatedAt: timestamp("updated_at")
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [
    check("user_name_length", sql`char_length(${table.name}) between 1 and ${sql.raw(String(NAME_MAX))}`),
    check("user_name_trimmed", sql`${table.name} !~ ${sql.raw(`'^${TRIMMED_WHITESPACE}|${TRIMMED_WHITESPACE}$'`)}`),
    check("user_name_printable", sql`${table.name} !~ ${sql.raw(`'${CONTROL_CHARACTER}'`)}`),
    check("user_email_length", sql`char_length(${table.email}) <= ${sql.raw(String(EMAIL_MAX))}`),
    // The app sets no picture; a stored one would ride in every session cookie.
    check("user_image_absent", sql`${table.image} is null`),
  ],
);

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    expiresAt: timestamp("expires_at").notNull(),
    token: text("token").notNull().unique(),
    createdAt: timestamp("created_at").defaultNow().notNull(),
    updatedAt: timestamp("updated_at")
      .$onUpdate(() => new Date())
      .notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
  },
  (table) => [index("session_userId_idx").on(table.userId), index("session_expires_at_idx").on(table.expiresAt)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at"),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamp("created_at").defaultNow().notNull(),
    updatedAt: timestamp("updated_at")
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [index("account_userId_idx").on(table.userId)],
);

export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: timestamp("created_at").defaultNow().notNull(),
    updatedAt: timestamp("updated_at")
      .defaultNow()
      .$onUpdate(() => new Date())
      .notNull(),
  },
  (table) => [
    index("verification_identifier_idx").on(table.identifier),
    index("verification_expires_at_idx").on(table.expiresAt),
  ],
);

export const jwks = pgTable(
  "jwks",
  {
    id: text("id").primaryKey(),
    publicKey: text("public_key").notNull(),
    privateKey: text("private_key").notNull(),
    createdAt: timestamp("created_at").notNull(),
    expiresAt: timestamp("expires_at"),
    alg: text("alg"),
    crv: text("crv"),
  },
  (table) => [index("jwks_expires_at_idx").on(table.expiresAt)],
);

export const rateLimit = pgTable(
  "rate_limit",
  {
    id: text("id").primaryKey(),
    key: text("key").notNull().unique(),
    count: integer("count").notNull(),
    lastRequest: bigint("last_request", { mode: "number" }).notNull(),
  },
  // The clean-up deletes rows by age (web/lib/auth/rate-limit-storage.ts): without it, a scan of
  // the whole table on every new window.
  (table) => [index("rate_limit_last_request_idx").on(table.lastRequest)],
);

/** The `twoFactor` plugin's: one row per person who started or finished turning two-factor on. */
export const twoFactor = pgTable(
  "two_factor",
  {
    id: text("id").primaryKey(),
    // The TOTP secret and the recovery codes, both encrypted with the auth secret.
    secret: text("secret").notNull(),
    backupCodes: text("backup_codes").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    // False until the first code confirms the secret (a setup that was never finished).
    verified: boolean("verified").default(true),
    failedVerificationCount: integer("failed_verification_count").default(0),
    lockedUntil: timestamp("locked_until"),
  },
  (table) => [index("twoFactor_secret_idx").on(table.secret), index("twoFactor_userId_idx").on(table.userId)],
);

/**
 * The `passkey` plugin's (@better-auth/passkey): one row per passkey, its public key only. Ours on
 * top of the generated shape: `last_used_at` (set by a trigger when a sign-in moves the signature
 * counter: migration 0010_passkey_last_used), a unique credential id, and the name's length.
 */
export const passkey = pgTable(
  "passkey",
  {
    id: text("id").primaryKey(),
    name: text("name"),
    publicKey: text("public_key").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    credentialID: text("credential_id").notNull().unique(),
    counter: integer("counter").notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: boolean("backed_up").notNull(),
    transports: text("transports"),
    createdAt: timestamp("created_at").defaultNow(),
    aaguid: text("aaguid"),
    lastUsedAt: timestamp("last_used_at"),
  },
  (table) => [
    index("passkey_userId_idx").on(table.userId),
    check("passkey_name_length", sql`char_length(${table.name}) <= ${sql.raw(String(PASSKEY_NAME_MAX))}`),
  ],
);

/** The one schema both workers use: Better Auth's tables and the app's. */
export * from "./auth-schema.ts";
export * from "./schema.ts";

/** The one schema both workers use: Better Auth's tables (and their relations) and the app's. */
export * from "./auth-relations.ts";
export * from "./auth-schema.ts";
export * from "./schema.ts";

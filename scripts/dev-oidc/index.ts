export { DEV_ACCOUNTS, type DevAccount } from "./accounts.ts";
export { type DevClient, type DevOidcProvider, startDevOidcProvider } from "./provider-server.ts";

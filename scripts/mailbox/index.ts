export type { StoredMessage } from "./captured-message.ts";
export { type Mailbox, type MailboxOptions, startMailbox } from "./mailbox-server.ts";

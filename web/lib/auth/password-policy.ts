/** Password length limits, shared by the server's Better Auth options and the browser's forms. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

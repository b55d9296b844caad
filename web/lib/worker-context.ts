/**
 * What the web worker's code needs of a request's execution context: `waitUntil`, to run work after
 * the response (mail, pruning, Better Auth's background writes). workerd's `ExecutionContext`
 * satisfies it; scripts and tests pass their own. Called as a method: workerd's needs its `this`.
 */
export type WaitUntil = { waitUntil(promise: Promise<unknown>): void };

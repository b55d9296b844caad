// PGlite is one Postgres session shared by every connection, and pglite-socket interleaves the
// protocol messages of concurrent connections one by one. Two conversations at once can then
// replace each other's unnamed statement or portal ("portal \"\" does not exist") or read each
// other's answers. The gate gives the session to one conversation at a time: from a
// connection's first message until Postgres is ready for a query again outside a transaction.
// Real Postgres has a session per connection and needs none of this.

export type SessionGate = {
  /** Waits for the session; the returned function hands it on. */
  acquire(): Promise<() => void>;
  /** Runs `work` holding the session. */
  run<T>(work: () => Promise<T>): Promise<T>;
};

export function createSessionGate(): SessionGate {
  let tail: Promise<void> = Promise.resolve();
  const acquire = async () => {
    let handOn!: () => void;
    const previous = tail;
    tail = new Promise<void>((resolve) => {
      handOn = resolve;
    });
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      handOn();
    };
  };
  return {
    acquire,
    async run(work) {
      const release = await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
  };
}

const READY_FOR_QUERY = "Z".charCodeAt(0);
const IDLE = "I".charCodeAt(0);

/**
 * Reads the server's side of one connection and reports each ReadyForQuery: `idle` is false
 * while a transaction is open (status T or E).
 */
export function createReadyWatcher(onReady: (idle: boolean) => void) {
  let buffer: Buffer = Buffer.alloc(0);
  return {
    push(data: Buffer) {
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
      let offset = 0;
      while (buffer.length - offset >= 5) {
        const type = buffer.readUInt8(offset);
        const length = buffer.readInt32BE(offset + 1);
        if (buffer.length - offset < 1 + length) break;
        if (type === READY_FOR_QUERY && length === 5) onReady(buffer.readUInt8(offset + 5) === IDLE);
        offset += 1 + length;
      }
      buffer = Buffer.from(buffer.subarray(offset));
    },
  };
}

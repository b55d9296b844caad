// Splits the client->server half of a Postgres connection into protocol messages, so that a
// proxy can see the Terminate message ('X', bytes 58 00 00 00 04) at a message boundary.
//
// Framing: before the StartupMessage come untyped messages (int32 length + int32 code:
// SSLRequest, GSSENCRequest, CancelRequest, StartupMessage); after it, every message is
// 1 type byte + int32 length (which counts itself but not the type byte).
//
// It also holds back the extended-protocol messages Parse/Bind/Describe/Execute/Close until
// the next message of another kind (normally Sync or Flush), so that a whole pipeline reaches
// Postgres in one TCP write. Postgres answers nothing before Sync/Flush anyway; the point is
// pglite-socket, whose connections share one session and interleave per received chunk:
// a pipeline split over several chunks could have another connection's Parse land between
// this one's Parse and Bind.

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const HELD_TYPES = new Set(["P", "B", "D", "E", "C"].map((c) => c.charCodeAt(0)));
const TERMINATE = "X".charCodeAt(0);
/** Messages each answered by one ReadyForQuery: Sync, simple Query, FunctionCall. */
const READY_ANSWERED = new Set(["S", "Q", "F"].map((c) => c.charCodeAt(0)));
const MAX_HELD_BYTES = 1 << 20;

export type FramerOutput = {
  /** Bytes to forward to the server now (possibly empty). */
  forward: Buffer;
  /** The client sent Terminate (included in `forward`): close both sides after forwarding. */
  terminated: boolean;
  /** The client asked for SSL/GSS encryption: a server answer of 'S'/'G' means the stream becomes opaque. */
  encryptionRequested: boolean;
  /** How many ReadyForQuery answers `forward` asks for (a startup, a Sync, a simple Query each). */
  readyExpected: number;
};

export type FrontendFramer = {
  push(data: Buffer): FramerOutput;
  /** Stop parsing (e.g. after the server accepted SSL): forward bytes untouched from now on. */
  passthrough(): Buffer;
};

export function createFrontendFramer(): FrontendFramer {
  let state: "startup" | "typed" | "passthrough" | "terminated" = "startup";
  let buffer: Buffer = Buffer.alloc(0);
  let held: Buffer[] = [];
  let heldBytes = 0;

  const takeHeld = (): Buffer[] => {
    const out = held;
    held = [];
    heldBytes = 0;
    return out;
  };

  return {
    push(data) {
      const out: Buffer[] = [];
      let terminated = false;
      let encryptionRequested = false;
      let readyExpected = 0;
      if (state === "terminated") return { forward: Buffer.alloc(0), terminated: false, encryptionRequested, readyExpected };
      if (state === "passthrough") return { forward: data, terminated: false, encryptionRequested, readyExpected };
      buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data]);
      let offset = 0;
      let parsing = true;
      while (parsing) {
        const rest = buffer.length - offset;
        if (state === "startup") {
          if (rest < 8) break;
          const length = buffer.readInt32BE(offset);
          const code = buffer.readInt32BE(offset + 4);
          if (length < 8 || length > 1 << 20) {
            state = "passthrough";
            parsing = false;
            break;
          }
          if (rest < length) break;
          out.push(...takeHeld(), buffer.subarray(offset, offset + length));
          offset += length;
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) encryptionRequested = true;
          else if (code !== CANCEL_REQUEST) {
            // StartupMessage (protocol 3.x); anything unknown: stop interpreting.
            state = code >> 16 === 3 ? "typed" : "passthrough";
            parsing = state === "typed";
          }
          continue;
        }
        // typed
        if (rest < 5) break;
        const type = buffer.readUInt8(offset);
        const length = buffer.readInt32BE(offset + 1);
        if (length < 4) {
          state = "passthrough";
          parsing = false;
          break;
        }
        if (rest < 1 + length) break;
        const message = buffer.subarray(offset, offset + 1 + length);
        offset += 1 + length;
        if (READY_ANSWERED.has(type)) readyExpected++;
        if (type === TERMINATE) {
          out.push(...takeHeld(), message);
          terminated = true;
          state = "terminated";
          parsing = false;
          break;
        }
        if (HELD_TYPES.has(type) && heldBytes + message.length <= MAX_HELD_BYTES) {
          held.push(message);
          heldBytes += message.length;
        } else {
          out.push(...takeHeld(), message);
        }
      }
      buffer = buffer.subarray(offset);
      if (state === "passthrough") {
        out.push(...takeHeld(), buffer);
        buffer = Buffer.alloc(0);
      } else if (state === "terminated") {
        buffer = Buffer.alloc(0);
      } else if (buffer.length > 0) {
        // keep a copy so that the caller's chunk is not retained whole
        buffer = Buffer.from(buffer);
      }
      const forward = out.length === 1 && out[0] ? out[0] : Buffer.concat(out);
      return { forward, terminated, encryptionRequested, readyExpected };
    },
    passthrough() {
      const out = Buffer.concat([...takeHeld(), buffer]);
      buffer = Buffer.alloc(0);
      state = "passthrough";
      return out;
    },
  };
}

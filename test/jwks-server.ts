/**
 * A stand-in for the web app's `/api/auth/jwks` during tests (the real one is Better Auth inside
 * the web worker). It serves public keys per named "set", so each test gets a cache of its own,
 * and lets tests count fetches, rotate the signing key and take the origin down.
 *
 *   GET  /jwks/:set    the set's JWKS (503 while down); counts the fetch
 *   GET  /state/:set   { fetches, rotated, down, upstream }
 *   POST /state/:set   { rotated?, down?, upstream?, staleFetches? }
 *
 * `staleFetches`: that many next fetches answer without the rotated key, as the web worker does
 * when it is asked for a new kid within 2 s of its last reload for one (it serves its copy).
 *
 * `upstream` (a JWKS URL, e.g. a real Better Auth's) adds that origin's keys, fetched live, to the
 * set: the benchmarks use it to verify real tokens while still counting the API's fetches.
 */
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import type { TestKeys } from "./test-keys.ts";

type SetState = { fetches: number; rotated: boolean; down: boolean; upstream?: string; staleFetches?: number };

async function privateJwk(alg: "EdDSA" | "RS256" | "ES256", kid: string): Promise<JWK> {
  const options = alg === "EdDSA" ? { crv: "Ed25519", extractable: true } : { extractable: true };
  const { privateKey } = await generateKeyPair(alg, options);
  return { ...(await exportJWK(privateKey)), kid, alg };
}

function publicPart({ d, p, q, dp, dq, qi, ...rest }: JWK): JWK {
  return rest;
}

export async function startJwksServer(): Promise<{ url: string; keys: TestKeys; close: () => Promise<void> }> {
  const keys: TestKeys = {
    primary: await privateJwk("EdDSA", "key-primary"),
    rotated: await privateJwk("EdDSA", "key-rotated"),
    withdrawable: await privateJwk("EdDSA", "key-withdrawable"),
    impostor: await privateJwk("EdDSA", "key-primary"),
    rsa: await privateJwk("RS256", "key-rsa"),
    ec: await privateJwk("ES256", "key-ec"),
  };
  const sets = new Map<string, SetState>();
  const stateOf = (name: string) => {
    let state = sets.get(name);
    if (!state) {
      state = { fetches: 0, rotated: false, down: false };
      sets.set(name, state);
    }
    return state;
  };

  const server: Server = createServer(async (req, res) => {
    const [, kind, name = "default"] = (req.url ?? "/").split("?")[0]?.split("/") ?? [];
    const state = stateOf(decodeURIComponent(name));
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (kind === "jwks" && req.method === "GET") {
      state.fetches += 1;
      if (state.down) return send(503, { message: "down" });
      const stale = (state.staleFetches ?? 0) > 0;
      if (stale) state.staleFetches = (state.staleFetches ?? 0) - 1;
      const rotated = state.rotated && !stale ? [keys.rotated] : [];
      const served = [keys.primary, keys.rsa, keys.ec, keys.withdrawable, ...rotated].map(publicPart);
      if (state.upstream) {
        // The API worker's ?kid= (a key it knows was just created) is passed on.
        const upstreamUrl = new URL(state.upstream);
        const kid = new URL(req.url ?? "/", "http://stand-in").searchParams.get("kid");
        if (kid) upstreamUrl.searchParams.set("kid", kid);
        const upstream = await fetch(upstreamUrl).catch(() => undefined);
        if (!upstream?.ok) return send(503, { message: "upstream down" });
        // The test keys are in the key store too (register-test-keys.ts), so the upstream serves
        // them as well: each kid once, or jose refuses the set (JWKSMultipleMatchingKeys).
        const known = new Set(served.map((key) => key.kid));
        served.push(...((await upstream.json()) as { keys: JWK[] }).keys.filter((key) => !known.has(key.kid)));
      }
      return send(200, { keys: served });
    }
    if (kind === "state" && req.method === "GET") return send(200, state);
    if (kind === "state" && req.method === "POST") {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      Object.assign(state, JSON.parse(raw || "{}"));
      return send(200, state);
    }
    send(404, { message: "not found" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("JWKS server has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    keys,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

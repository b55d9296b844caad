/**
 * After a deploy: the API worker is up (`/health`), can serve (`/ready`: its database answers and
 * the web worker's JWKS loads through its AUTH binding) and the web worker publishes its signing
 * keys (`/api/auth/jwks`: Ed25519 public keys). Retried until `timeoutSeconds`: a new custom
 * domain takes a moment to answer.
 */

export type VerifyTargets = { api: string; web: string };
export type CheckResult = { name: string; url: string; ok: boolean; detail: string };

type Check = { name: string; url: string; accept: (status: number, body: unknown) => string | null };

const CHECKS = (targets: VerifyTargets): Check[] => [
  {
    name: "API /health",
    url: new URL("/health", targets.api).href,
    accept: (status) => (status === 200 ? null : `HTTP ${status}`),
  },
  {
    name: "API /ready",
    url: new URL("/ready", targets.api).href,
    accept: (status, body) =>
      status === 200 ? null : `HTTP ${status} ${JSON.stringify((body as { details?: unknown } | null)?.details ?? body)}`,
  },
  {
    name: "web JWKS",
    url: new URL("/api/auth/jwks", targets.web).href,
    accept: (status, body) => {
      const keys = (body as { keys?: { kty?: string; crv?: string }[] } | null)?.keys;
      if (status !== 200) return `HTTP ${status}`;
      if (!keys?.length) return "no keys published";
      return keys.every((key) => key.kty === "OKP" && key.crv === "Ed25519") ? null : "a key that is not Ed25519";
    },
  },
];

async function probe(check: Check): Promise<CheckResult> {
  try {
    const response = await fetch(check.url, { signal: AbortSignal.timeout(10_000), redirect: "manual" });
    const body: unknown = await response.json().catch(() => null);
    const problem = check.accept(response.status, body);
    return { name: check.name, url: check.url, ok: problem === null, detail: problem ?? "ok" };
  } catch (error) {
    return { name: check.name, url: check.url, ok: false, detail: (error as Error).message };
  }
}

export async function verifyDeployment(targets: VerifyTargets, timeoutSeconds: number): Promise<CheckResult[]> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const results = await Promise.all(CHECKS(targets).map(probe));
    if (results.every((result) => result.ok) || Date.now() >= deadline) return results;
    await new Promise((settle) => setTimeout(settle, 2000));
  }
}

/**
 * The dev OpenID provider for `npm run dev` and `npm run preview` (scripts/dev-oidc), on loopback
 * only, with the app registered as its client for this run (a fresh client secret each time), and
 * the web worker's settings that point the app at it. Its port is 9400; LOCAL_OIDC_PORT moves it.
 */
import { randomBytes } from "node:crypto";
import { type DevOidcProvider, startDevOidcProvider } from "../dev-oidc/index.ts";

export const DEFAULT_OIDC_PORT = 9400;
const CLIENT_ID = "edge-tasks-dev";

export type DevOpenId = DevOidcProvider & { vars: Record<string, string> };

export async function startDevOpenId(appOrigin: string): Promise<DevOpenId> {
  const port = Number(process.env.LOCAL_OIDC_PORT ?? DEFAULT_OIDC_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LOCAL_OIDC_PORT must be a port number, got ${process.env.LOCAL_OIDC_PORT}`);
  }
  const clientSecret = randomBytes(24).toString("base64url");
  try {
    const provider = await startDevOidcProvider({
      port,
      clients: [
        { clientId: CLIENT_ID, clientSecret, name: "Edge Tasks (dev)", redirectUris: [`${appOrigin}/api/auth/callback/oidc`] },
      ],
      log: (line) => console.log(`[openid] ${line}`),
    });
    const vars = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_NAME: "Dev OpenID",
    };
    return { ...provider, vars };
  } catch (error) {
    if ((error as { code?: string }).code === "EADDRINUSE") {
      throw new Error(`The dev OpenID provider's port ${port} is taken (another npm run dev?): stop it, or set LOCAL_OIDC_PORT`);
    }
    throw error;
  }
}

/**
 * The provider buttons as the server sees this environment: read from the worker's bindings at
 * request time (never baked into the build, which every environment shares).
 */
import { connection } from "next/server";
import { providerButtons, readProviderSettings } from "@/lib/auth/providers/settings";
import { requestContext } from "@/lib/request-context";
import { ProviderButtons } from "./provider-buttons";

export async function SignInProviders() {
  await connection();
  const { bindings } = await requestContext();
  return <ProviderButtons providers={providerButtons(readProviderSettings(bindings))} />;
}

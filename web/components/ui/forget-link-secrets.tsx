"use client";
/** Removes a mailed link's secrets (e.g. `token`) from the address bar of a page that does not need them. */
import { useLinkSecrets } from "./use-link-secrets";

export function ForgetLinkSecrets({ names }: { names: readonly string[] }) {
  useLinkSecrets(names);
  return null;
}

// The @peculiar/x509 stand-in (stand-ins/peculiar-x509, root package.json dependencies and overrides): SimpleWebAuthn
// reaches it only for attestation formats with trust anchors, never for what passkeys here ask for.
import { createRequire } from "node:module";
import { validateCertificatePath } from "@simplewebauthn/server/helpers";
import { describe, expect, it } from "vitest";

// Resolved as SimpleWebAuthn resolves it (npm installs the override under its folder).
const simpleWebAuthn = createRequire(import.meta.url).resolve("@simplewebauthn/server");
const { X509Certificate } = createRequire(simpleWebAuthn)("@peculiar/x509") as typeof import("@peculiar/x509");

describe("@peculiar/x509 stand-in", () => {
  it("is installed in place of the package and throws a clear error if ever used", () => {
    expect(createRequire(simpleWebAuthn).resolve("@peculiar/x509")).toMatch(/stand-ins[\\/]peculiar-x509[\\/]index\.cjs$/);
    expect(() => new X509Certificate("")).toThrow(/stand-in in this app .*attestation: none/);
  });

  it("is not reached when an attestation has no trust anchors to chain to (packed, fido-u2f, tpm)", async () => {
    await expect(validateCertificatePath(["-----BEGIN CERTIFICATE-----"], [])).resolves.toBe(true);
  });

  it("is reached with trust anchors (android-key, android-safetynet, apple): that registration is refused", async () => {
    await expect(validateCertificatePath(["-----BEGIN CERTIFICATE-----"], ["anchor"])).rejects.toThrow(/stand-in/);
  });
});

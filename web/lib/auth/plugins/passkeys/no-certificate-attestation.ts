/**
 * Stands in for `@peculiar/x509` in the web worker's build (next.config.ts `turbopack.resolveAlias`).
 *
 * `@simplewebauthn/server` uses that package only to check an attestation's certificate chain and
 * revocation, for authenticators that prove their make and model. This app asks for no attestation
 * (the passkey plugin's `attestationType: "none"`), so browsers send the `none` format and no
 * certificate is ever read; the package (with tsyringe and reflect-metadata) was most of what
 * passkeys added to the worker. Should an authenticator send a certificate anyway, registering it
 * fails with this error instead of being accepted unchecked.
 */
class CertificateAttestationNotSupported {
  constructor() {
    throw new Error("Attestation certificates are not checked by this app: it asks authenticators for no attestation.");
  }
}

export {
  CertificateAttestationNotSupported as AuthorityKeyIdentifierExtension,
  CertificateAttestationNotSupported as CRLDistributionPointsExtension,
  CertificateAttestationNotSupported as SubjectKeyIdentifierExtension,
  CertificateAttestationNotSupported as X509Certificate,
  CertificateAttestationNotSupported as X509Crl,
};

// Stand-in for @peculiar/x509, to keep about 250 KB of certificate code (x509, tsyringe,
// reflect-metadata, asn1-cms/-pkcs9/-pfx/…) out of the web worker (docs/benchmarks.md, "bench:web").
// The root package.json depends on it (`file:stand-ins/peculiar-x509`) and its `overrides` point
// every @peculiar/x509 at that dependency (`$@peculiar/x509`). A `file:` path written in `overrides`
// itself is resolved from the package that depends on it, and `npm ci` then refuses the lock file.
//
// Why it is safe: its only user is @simplewebauthn/server (through Better Auth's passkey plugin),
// whose `validateCertificatePath` builds an X509Certificate only when the attestation format has
// trust anchors to chain to, and returns before that otherwise. SimpleWebAuthn ships anchors for
// the "android-key", "android-safetynet" and "apple" formats only (SettingsService), and no
// metadata service is set up here. A browser sends those formats only when the site asks for
// attestation; the plugin asks for none (`attestationType: "none"`), so browsers send the "none"
// format, or "packed" self-attestation, which never reach this code. Should one of those
// formats arrive anyway, that registration is refused with the error below (SimpleWebAuthn
// reports it as a failed verification); sign-in never parses certificates.
"use strict";

const message =
  "@peculiar/x509 is a stand-in in this app (stand-ins/peculiar-x509): certificate attestation " +
  "(android-key, android-safetynet, apple) is not supported because passkeys ask for attestation: none";

class StandIn {
  constructor() {
    throw new Error(message);
  }
}

class X509Certificate extends StandIn {}
class X509Crl extends StandIn {}
class AuthorityKeyIdentifierExtension extends StandIn {}
class SubjectKeyIdentifierExtension extends StandIn {}
class CRLDistributionPointsExtension extends StandIn {}

module.exports = {
  X509Certificate,
  X509Crl,
  AuthorityKeyIdentifierExtension,
  SubjectKeyIdentifierExtension,
  CRLDistributionPointsExtension,
};

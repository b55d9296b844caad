// Types of the stand-in (index.cjs): the names @simplewebauthn/server imports, each throwing when built.
export declare class X509Certificate {
  constructor(raw: string | ArrayBuffer | ArrayBufferView);
  readonly notBefore: Date;
  readonly notAfter: Date;
}
export declare class X509Crl {
  constructor(raw: string | ArrayBuffer | ArrayBufferView);
}
export declare class AuthorityKeyIdentifierExtension {}
export declare class SubjectKeyIdentifierExtension {}
export declare class CRLDistributionPointsExtension {}

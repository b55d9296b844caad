/**
 * The dev provider's people. A few are listed on its login page; anyone else can sign in by typing
 * an address and saying whether the provider has verified it, so that every case of the app's
 * linking rules (provider verified or not × local account verified or not) can be tried by hand.
 * The subject is the address: one identity per address, its claims those of its last sign-in.
 */
export type DevAccount = { email: string; name: string; emailVerified: boolean };

export const DEV_ACCOUNTS: readonly DevAccount[] = [
  { email: "ada@dev-idp.test", name: "Ada Lovelace", emailVerified: true },
  { email: "grace@dev-idp.test", name: "Grace Hopper", emailVerified: true },
  { email: "mallory@dev-idp.test", name: "Mallory (unverified address)", emailVerified: false },
];

export class DevAccounts {
  private readonly known = new Map<string, DevAccount>(DEV_ACCOUNTS.map((account) => [account.email, account]));

  /** Records `account`'s claims for this sign-in; returns its subject. */
  signIn(account: DevAccount): string {
    const email = account.email.trim().toLowerCase();
    this.known.set(email, { ...account, email });
    return email;
  }

  find(subject: string): DevAccount | undefined {
    return this.known.get(subject);
  }
}

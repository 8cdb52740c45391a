import type { Output } from "@pulumi/pulumi";
import * as irsfa from "pulumi-irsfa";

/**
 * Declares the shop's DNSSEC delegation and its registrant contact: two DS records for the same
 * key (SHA-256 and SHA-384 digests), as a registrar publishes during a digest rollover, and a
 * contact handle for later orders. The key material is fictitious.
 */
export function records(shopDomain: Output<string>, registrant: irsfa.RegistrantArgs) {
  const dsSha256 = new irsfa.DnssecRecord("shop-ds-sha256", {
    domain: shopDomain,
    keyTag: 20326,
    algorithm: 13,
    digestType: 2,
    digest: "8F2A 61C0 9B4E 7D35 A1F0 C6E2 4B98 D713 5E0A 2C4F 96B1 D8E7 3A05 F2C9 6E41 B7D0",
  });
  const dsSha384 = new irsfa.DnssecRecord("shop-ds-sha384", {
    domain: shopDomain,
    keyTag: 20326,
    algorithm: 13,
    digestType: 4,
    digest:
      "c41e9a7d02b6f3851e4a9c0d7b23f6e8a15d4c92b0e7f3a6d18c5b4e2f907a3dc6e0b1f49a8d2c57e3f1a06b9d4c2e8f",
  });

  const contact = new irsfa.Contact("shop-contact", registrant);

  return {
    dnssec: [dsSha256, dsSha384].map((record) => ({
      keyTag: record.keyTag,
      digestType: record.digestType,
    })),
    contactId: contact.contactId,
  };
}

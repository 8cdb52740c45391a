import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Inputs of a {@link DnssecRecord}. Every change replaces the record, creating the new one first. */
export interface DnssecRecordArgs {
  /** Domain in the account the DS record belongs to, e.g. `example.co.id`. */
  domain: pulumi.Input<string>;
  /** Key tag of the DNSKEY the record points to, 0 to 65535. */
  keyTag: pulumi.Input<number>;
  /** DNSSEC algorithm number of the key: 8, 10, 13, 14, 15 or 16. Retired algorithms are rejected. */
  algorithm: pulumi.Input<number>;
  /** Digest type: 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384). */
  digestType: pulumi.Input<number>;
  /** Digest as hex: 40, 64 or 96 characters for digest type 1, 2 or 4. Case and whitespace do not matter. */
  digest: pulumi.Input<string>;
}

/**
 * A DS record of a domain at the registry. Create adopts an identical record that already exists;
 * deleting a record that is already gone succeeds.
 */
export class DnssecRecord extends pulumi.dynamic.Resource {
  /** Domain name, lowercase ASCII. */
  declare public readonly domain: pulumi.Output<string>;
  /** Key tag. */
  declare public readonly keyTag: pulumi.Output<number>;
  /** DNSSEC algorithm number. */
  declare public readonly algorithm: pulumi.Output<number>;
  /** Digest type number. */
  declare public readonly digestType: pulumi.Output<number>;
  /** Digest as uppercase hex without whitespace. */
  declare public readonly digest: pulumi.Output<string>;

  constructor(name: string, args: DnssecRecordArgs, opts?: pulumi.CustomResourceOptions) {
    super(dynamicProvider("DnssecRecord"), name, { ...args }, opts, TYPE_MODULE, "DnssecRecord");
  }
}

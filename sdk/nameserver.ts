import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Inputs of a {@link Nameserver}. Any change replaces the host, deleting the old one first. */
export interface NameserverArgs {
  /** Hostname of the glue host, under a domain in the account, e.g. `ns1.example.co.id`. */
  host: pulumi.Input<string>;
  /** IPv4 address of the host. */
  ipv4: pulumi.Input<string>;
  /** IPv6 address of the host, compared in canonical form. Omitted for a host without IPv6. */
  ipv6?: pulumi.Input<string>;
}

/**
 * A glue host (child nameserver) registered under a domain of the account. Create adopts a host that
 * already exists with the same addresses; deleting a host that is already gone succeeds.
 */
export class Nameserver extends pulumi.dynamic.Resource {
  /** Hostname, lowercase ASCII. */
  declare public readonly host: pulumi.Output<string>;
  /** IPv4 address. */
  declare public readonly ipv4: pulumi.Output<string>;
  /** Canonical IPv6 address, or an empty string. */
  declare public readonly ipv6: pulumi.Output<string>;
  /** Numeric id of the host record at the API. */
  declare public readonly hostId: pulumi.Output<number>;

  constructor(name: string, args: NameserverArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dynamicProvider("Nameserver"),
      name,
      { ...args, hostId: undefined },
      opts,
      TYPE_MODULE,
      "Nameserver",
    );
  }
}

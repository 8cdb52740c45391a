import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Inputs of a {@link Vps}. */
export interface VpsArgs {
  /** VPS product id, e.g. `PR00056` (see {@link getVpsProducts}). Changing it orders a new VPS. */
  productId: pulumi.Input<string>;
  /** OS id, e.g. `2` (see {@link getVpsOperatingSystems}). Changing it needs `allowRebuild: true`. */
  osId: pulumi.Input<number>;
  /** Fully qualified hostname, e.g. `web1.example.co.id`. Changing it orders a new VPS. */
  hostname: pulumi.Input<string>;
  /**
   * Root password: at least 6 characters, including at least 2 non-alphanumeric characters, an
   * uppercase letter and a digit. Always stored as a secret. Changing it needs `allowRebuild: true`.
   */
  rootPassword: pulumi.Input<string>;
  /** Billing period in months, used only when the VPS is ordered. Defaults to 1. */
  period?: pulumi.Input<number>;
  /** Power state to keep the machine in while it is not suspended. Defaults to `running`. */
  powerState?: pulumi.Input<"running" | "stopped">;
  /** Whether the machine is suspended. Defaults to false. */
  suspended?: pulumi.Input<boolean>;
  /** Any string; a change restarts the machine when it is running. */
  restartTrigger?: pulumi.Input<string>;
  /**
   * Allows a change of `osId` or `rootPassword`, which rebuilds the machine and erases its disk.
   * Defaults to false, and such a change then fails at preview.
   */
  allowRebuild?: pulumi.Input<boolean>;
  /**
   * Action of delete, because the API cannot terminate a VPS: `poweroff` (the default) powers it
   * off, `retain` leaves it as it is. Either way the order must be cancelled with Irsfa.
   */
  onDelete?: pulumi.Input<"poweroff" | "retain">;
  /** Id of an existing VPS to bring under management instead of ordering a new one. */
  vpsId?: pulumi.Input<number>;
}

/**
 * A VPS of the Irsfa reseller account. Create orders it and waits for its build. Updates start,
 * stop, restart, suspend, unsuspend or rebuild it. Delete powers it off or leaves it running,
 * because the API cannot terminate a VPS.
 */
export class Vps extends pulumi.dynamic.Resource {
  /** Numeric vps id at the API. */
  declare public readonly vpsId: pulumi.Output<number>;
  declare public readonly productId: pulumi.Output<string>;
  /** Product name from the catalogue, e.g. `VPS Start 1`. */
  declare public readonly productName: pulumi.Output<string>;
  declare public readonly osId: pulumi.Output<number>;
  /** OS name, e.g. `Ubuntu 22.04 LTS`. */
  declare public readonly osName: pulumi.Output<string>;
  /** Hostname, lowercase ASCII. */
  declare public readonly hostname: pulumi.Output<string>;
  /** Root password; a secret. */
  declare public readonly rootPassword: pulumi.Output<string>;
  /** Power state as last read; shows the declared one while the machine is suspended or building. */
  declare public readonly powerState: pulumi.Output<"running" | "stopped">;
  /** Whether the machine is suspended, as last read. */
  declare public readonly suspended: pulumi.Output<boolean>;
  /** Status as the API words it, e.g. `active`, `building` or `suspended`. */
  declare public readonly status: pulumi.Output<string>;
  /** Public IPv4 address, or an empty string. */
  declare public readonly ipv4: pulumi.Output<string>;
  /** Public IPv6 address, or an empty string. */
  declare public readonly ipv6: pulumi.Output<string>;

  constructor(name: string, args: VpsArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is listed, because the SDK resolves only the properties present here.
    const props = {
      ...args,
      rootPassword: pulumi.secret(args.rootPassword),
      period: args.period,
      powerState: args.powerState,
      suspended: args.suspended,
      restartTrigger: args.restartTrigger,
      allowRebuild: args.allowRebuild,
      onDelete: args.onDelete,
      vpsId: args.vpsId,
      status: undefined,
      productName: undefined,
      osName: undefined,
      ipv4: undefined,
      ipv6: undefined,
    };
    const secretOpts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["rootPassword"] });
    super(dynamicProvider("Vps"), name, props, secretOpts, TYPE_MODULE, "Vps");
  }
}

import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Inputs of a {@link HostingAccount}. */
export interface HostingAccountArgs {
  /** Domain the account serves, e.g. `example.co.id`. Changing it replaces the account with a new order. */
  domain: pulumi.Input<string>;
  /** Hosting product id, e.g. `PR0001`; see `getHostingProducts`. Changing it replaces the account with a new order. */
  productId: pulumi.Input<string>;
  /** Account username, letters and digits only. Changing it replaces the account with a new order. */
  username: pulumi.Input<string>;
  /** Contact email sent with the order; a later change has no effect. */
  email: pulumi.Input<string>;
  /**
   * Account password: at least 6 characters, including at least 2 non-alphanumeric characters, an
   * uppercase letter and a digit. Stored as a secret; a change calls change-password.
   */
  password: pulumi.Input<string>;
  /** Billing period of the order in months. Defaults to 1; a later change has no effect. */
  period?: pulumi.Input<number>;
  /** Whether the service is suspended. Defaults to false. */
  suspended?: pulumi.Input<boolean>;
  /**
   * Delete behaviour, since the API cannot cancel a service: `suspend` (the default) suspends it,
   * `retain` leaves it running. Either way the service must then be cancelled with Irsfa.
   */
  onDelete?: pulumi.Input<"suspend" | "retain">;
  /**
   * Id of an existing hosting service to bring under management instead of ordering a new one. Its
   * domain, product and username must match the declared ones; its password is left as it is.
   */
  serviceId?: pulumi.Input<number>;
}

/**
 * A cPanel-style hosting service ordered through the Irsfa reseller API. Create places an order;
 * delete suspends the service (or leaves it running) because the API cannot cancel it.
 */
export class HostingAccount extends pulumi.dynamic.Resource {
  /** Domain of the service as the API reports it. */
  declare public readonly domain: pulumi.Output<string>;
  /** Product id of the service as the API reports it. */
  declare public readonly productId: pulumi.Output<string>;
  /** Product name, e.g. `Hosting Business`. */
  declare public readonly productName: pulumi.Output<string>;
  declare public readonly username: pulumi.Output<string>;
  declare public readonly email: pulumi.Output<string>;
  /** Account password; always a secret. */
  declare public readonly password: pulumi.Output<string>;
  /** Billing period of the order in months. */
  declare public readonly period: pulumi.Output<number>;
  /** Whether the service is suspended, as last read. */
  declare public readonly suspended: pulumi.Output<boolean>;
  declare public readonly onDelete: pulumi.Output<"suspend" | "retain">;
  /** Numeric service id at the API, also the resource id. */
  declare public readonly serviceId: pulumi.Output<number>;
  /** Status as the API words it, e.g. `Active` or `Suspended`. */
  declare public readonly status: pulumi.Output<string>;
  /** True when the account adopted an existing service by `serviceId` rather than ordering one. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: HostingAccountArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      // The password is marked secret on the way in, so it is encrypted among the inputs in the state too.
      password: args.password === undefined ? undefined : pulumi.secret(args.password),
      // Every output must be a key of the props, or the class does not expose it.
      period: args.period,
      suspended: args.suspended,
      onDelete: args.onDelete,
      serviceId: args.serviceId,
      productName: undefined,
      status: undefined,
      adopted: undefined,
    };
    const secretOpts = pulumi.mergeOptions(opts, { additionalSecretOutputs: ["password"] });
    super(
      dynamicProvider("HostingAccount"),
      name,
      props,
      secretOpts,
      TYPE_MODULE,
      "HostingAccount",
    );
  }
}

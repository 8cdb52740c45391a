import * as pulumi from "@pulumi/pulumi";
import * as irsfa from "pulumi-irsfa";

/** Inputs of the demo servers. */
export interface ServerArgs {
  /** Domain the shop's hosting account serves. */
  shopDomain: pulumi.Input<string>;
}

/**
 * Declares the demo estate's servers: a hosting account for the shop on the "Hosting Business"
 * product, picked by name. The password comes from the secret config value `hostingPassword`, with
 * a fixed value for the bundled simulator when it is unset. Returns the stack outputs.
 */
export function servers(args: ServerArgs) {
  const config = new pulumi.Config();
  const hostingPassword = config.getSecret("hostingPassword") ?? pulumi.secret("Batik#Demo-2026");
  const product = irsfa.getHostingProduct({ name: "Hosting Business" });

  const shopHosting = new irsfa.HostingAccount("shop-hosting", {
    domain: args.shopDomain,
    productId: product.id,
    username: "tokobatik",
    email: "admin@tokobatik.co.id",
    password: hostingPassword,
    period: 12,
  });

  return {
    hosting: {
      serviceId: shopHosting.serviceId,
      domain: shopHosting.domain,
      product: shopHosting.productName,
      status: shopHosting.status,
    },
  };
}

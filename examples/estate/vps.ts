import * as pulumi from "@pulumi/pulumi";
import * as irsfa from "pulumi-irsfa";

/**
 * Declares the shop's two VPS: a running web server and a staging machine kept stopped. Products
 * and images are picked by name. Returns their stack outputs.
 */
export function vpsEstate() {
  // The demo password is fictitious; a real program sets `estate:vpsRootPassword` with --secret.
  const config = new pulumi.Config("estate");
  const rootPassword = config.getSecret("vpsRootPassword") ?? pulumi.secret("Batik#Root-2026");

  const small = irsfa.getVpsProduct({ nameContains: "start" });
  const ubuntu = irsfa.getVpsOperatingSystem({ nameContains: "ubuntu 22.04" });
  const debian = irsfa.getVpsOperatingSystem({ nameContains: "debian" });

  const web = new irsfa.Vps("shop-web", {
    productId: small.id,
    osId: ubuntu.id,
    hostname: "web.tokobatik.co.id",
    rootPassword,
    period: 12,
  });
  const staging = new irsfa.Vps("shop-staging", {
    productId: small.id,
    osId: debian.id,
    hostname: "staging.tokobatik.co.id",
    rootPassword,
    powerState: "stopped",
  });

  return {
    web: { vpsId: web.vpsId, os: web.osName, powerState: web.powerState, ipv4: web.ipv4 },
    staging: {
      vpsId: staging.vpsId,
      os: staging.osName,
      powerState: staging.powerState,
      ipv4: staging.ipv4,
    },
  };
}

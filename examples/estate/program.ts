import * as irsfa from "pulumi-irsfa";

import { records } from "./records";
import { domainLookups, shopKeepValidUntil } from "./renewal";
import { shopCertificate } from "./ssl";
import { servers } from "./servers";
import { vpsEstate } from "./vps";

/** Registrant of the demo domains; the data is fictitious. */
const registrant: irsfa.RegistrantArgs = {
  companyName: "Toko Batik Nusantara",
  firstName: "Sari",
  lastName: "Wulandari",
  gender: "F",
  street: "Jalan Malioboro",
  number: "12",
  city: "Yogyakarta",
  state: "DI Yogyakarta",
  zipCode: "55271",
  country: "ID",
  email: "admin@tokobatik.co.id",
  phone: "+6281234567890",
  locale: "id_ID",
};

/**
 * Declares the demo estate: a .co.id shop domain that serves its own nameservers through glue
 * hosts, and a .id domain delegated to those nameservers. The shop also gets DS records, a
 * registrant contact, a certificate and a hosting account, and the estate has two VPS, one of
 * them stopped. Returns the stack outputs.
 */
export function estate() {
  const shop = new irsfa.Domain("shop", {
    name: "tokobatik.co.id",
    nameservers: ["ns1.registeredns.id", "ns2.registeredns.id"],
    locked: true,
    period: 1,
    keepValidUntil: shopKeepValidUntil(),
    registrant,
  });

  const ns1 = new irsfa.Nameserver("shop-ns1", {
    host: shop.name.apply((name) => `ns1.${name}`),
    ipv4: "203.0.113.10",
    ipv6: "2001:DB8:0:0:0:0:0:10",
  });
  const ns2 = new irsfa.Nameserver("shop-ns2", {
    host: shop.name.apply((name) => `ns2.${name}`),
    ipv4: "203.0.113.11",
  });

  const coffee = new irsfa.Domain("coffee", {
    name: "KopiNusantara.ID.",
    nameservers: [ns1.host, ns2.host],
    period: 2,
    registrant,
  });

  // The shop's DS records and registrant contact.
  const shopRecords = records(shop.name, registrant);
  const tls = shopCertificate(shop, shopRecords.contactId);
  const serverOutputs = servers({ shopDomain: shop.name });

  return {
    shopRecords,
    servers: serverOutputs,
    domains: {
      shop: {
        name: shop.name,
        status: shop.status,
        expiresOn: shop.expiresOn,
        locked: shop.isLocked,
      },
      coffee: {
        name: coffee.name,
        status: coffee.status,
        expiresOn: coffee.expiresOn,
        nameservers: coffee.nameservers,
      },
    },
    glueHosts: [ns1, ns2].map((ns) => ({ host: ns.host, ipv4: ns.ipv4, ipv6: ns.ipv6 })),
    certificate: tls,
    vps: vpsEstate(),
    lookups: domainLookups(shop),
  };
}

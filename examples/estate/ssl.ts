import { join } from "node:path";

import * as pulumi from "@pulumi/pulumi";
import * as irsfa from "pulumi-irsfa";

/**
 * Orders a certificate for the shop domain and its www name, with `contactId` as the order's
 * contact handle. The key and CSR are made on this machine and kept under `keyDirectory`, and
 * only the CSR goes to the API. Returns the order's outputs, with the records to publish at the
 * shop's DNS and web server for domain validation.
 */
export function shopCertificate(
  shop: irsfa.Domain,
  contactId: pulumi.Input<string>,
  keyDirectory = join(process.cwd(), ".demo", "keys"),
) {
  const hostnames = shop.name.apply((name) => [name, `www.${name}`]);
  const csr = hostnames.apply((names) =>
    irsfa.loadOrCreateLocalCsr({
      directory: keyDirectory,
      hostnames: names,
      organization: "Toko Batik Nusantara",
      locality: "Yogyakarta",
      country: "ID",
    }),
  );

  const certificate = new irsfa.SslCertificate("shop-tls", {
    productId: "PR00023",
    hostnames,
    csr,
    contact: contactId,
    approvalEmail: "admin@tokobatik.co.id",
    domainValidation: hostnames.apply(([apex, www]) => [
      { hostname: apex, method: "dns" },
      { hostname: www, method: "http" },
    ]),
    clientEmail: "admin@tokobatik.co.id",
    clientPhone: "+6281234567890",
    renewWithinDays: 30,
  });

  return {
    orderId: certificate.orderId,
    status: certificate.status,
    expiresAt: certificate.expiresAt,
    validation: certificate.validationRecords.apply((records) =>
      records.map((record) =>
        record.method === "dns"
          ? {
              hostname: record.hostname,
              dns: `${record.recordName} ${record.recordType} ${record.recordValue}`,
            }
          : { hostname: record.hostname, file: `http://${record.hostname}${record.httpPath}` },
      ),
    ),
  } satisfies Record<string, pulumi.Output<unknown>>;
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import * as pulumi from "@pulumi/pulumi";

import type { CsrSubject, DecodedCsr, SslOrder, SslProduct, SslType } from "../provider/client";
import { LocalCsrRequest, generateLocalCsr as generateLocally, parseCsr } from "../provider/csr";
import { lookup } from "./api";

export type { CsrSubject, DecodedCsr, LocalCsrRequest, SslOrder, SslProduct, SslType };

/** Returns the certificate types, e.g. Domain Validation. */
export function getSslTypes(): pulumi.Output<SslType[]> {
  return lookup({}, (_inputs, api) => api.ssl.types());
}

/** Filter of {@link getSslProducts}; both parts are case-insensitive. */
export interface SslProductFilter {
  /** Part of the product name, e.g. `positive`. */
  nameContains?: string;
  /** Type name, e.g. `Domain Validation`, or type id. */
  type?: string | number;
}

/** Returns the certificate products, optionally filtered by name or type. */
export function getSslProducts(
  filter: pulumi.Input<SslProductFilter> = {},
): pulumi.Output<SslProduct[]> {
  return lookup(filter, async (resolved, api) => {
    const products = await api.ssl.products();
    const name = resolved.nameContains?.toLowerCase();
    const type = resolved.type === undefined ? undefined : String(resolved.type).toLowerCase();
    return products.filter(
      (product) =>
        (name === undefined || product.name.toLowerCase().includes(name)) &&
        (type === undefined ||
          product.typeName.toLowerCase() === type ||
          String(product.typeId) === type),
    );
  });
}

/** Returns every order for a hostname, across all pages of `ssl/list`. */
export function listSslOrders(hostname: pulumi.Input<string>): pulumi.Output<SslOrder[]> {
  return lookup({ hostname }, ({ hostname: name }, api) => api.ssl.listOrders(name.toLowerCase()));
}

/** Inputs of {@link generateCsr}. */
export interface GenerateCsrArgs extends CsrSubject {
  /** Registry id of the product, from `getSslProducts()`. */
  registryId: number;
  /** RSA key size in bits. Defaults to 2048. */
  bits?: number;
}

/**
 * Generates a key pair and a CSR at the API. The private key travels over the network and is stored
 * (encrypted) in the stack, so prefer {@link generateLocalCsr}. The result is a secret.
 */
export function generateCsr(
  args: pulumi.Input<GenerateCsrArgs>,
): pulumi.Output<{ csr: string; privateKey: string }> {
  return lookup(
    args,
    ({ registryId, bits, ...subject }, api) =>
      api.ssl.generateCsr(registryId, bits ?? 2048, subject as CsrSubject),
    { secret: true },
  );
}

/** Decodes a CSR at the API; `registryId` defaults to 2, the registry of the Sectigo products. */
export function decodeCsr(
  csr: pulumi.Input<string>,
  registryId: pulumi.Input<number> = 2,
): pulumi.Output<DecodedCsr> {
  return lookup({ csr, registryId }, (resolved, api) =>
    api.ssl.decodeCsr(resolved.registryId, resolved.csr),
  );
}

/**
 * Generates a key pair and a CSR on this machine with node:crypto, so the private key never leaves
 * it. Pass the CSR to an SslCertificate and keep the key out of the stack: write it to the web
 * server's key store, or wrap it in `pulumi.secret` when a program must pass it on.
 */
export function generateLocalCsr(
  request: LocalCsrRequest,
): Promise<{ csr: string; privateKey: string }> {
  return generateLocally(request);
}

/** Options of {@link loadOrCreateLocalCsr}. */
export interface LocalCsrFiles extends LocalCsrRequest {
  /** Folder of the key and CSR files; created with mode 0700 when missing. */
  directory: string;
  /** File name stem, e.g. `shop` for `shop.key` and `shop.csr`. Defaults to the first hostname. */
  name?: string;
}

/**
 * Returns a CSR kept in `<directory>/<name>.csr`, generating it and its key `<name>.key` (mode 0600)
 * on this machine the first time, and again when the saved CSR no longer names every hostname. The
 * CSR stays the same across runs, so the certificate is not reissued on every `pulumi up`.
 */
export async function loadOrCreateLocalCsr(options: LocalCsrFiles): Promise<string> {
  const { directory, name, ...request } = options;
  const stem = join(directory, name ?? request.hostnames[0].replace(/^\*\./, "wildcard."));
  const csrFile = `${stem}.csr`;
  const keyFile = `${stem}.key`;

  if (existsSync(csrFile) && existsSync(keyFile)) {
    const saved = readFileSync(csrFile, "utf8");
    const names = (await parseCsr(saved)).names;
    if (request.hostnames.every((hostname) => names.includes(hostname.toLowerCase()))) {
      return saved;
    }
  }

  const { csr, privateKey } = await generateLocally(request);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  writeFileSync(keyFile, privateKey, { mode: 0o600 });
  writeFileSync(csrFile, csr);
  return csr;
}

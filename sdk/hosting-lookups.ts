import * as pulumi from "@pulumi/pulumi";

import { lookup } from "./api";

/** A hosting product of the account's catalogue. */
export interface HostingProduct {
  /** Product id to pass as `HostingAccount.productId`, e.g. `PR0001`. */
  id: string;
  /** Product name, e.g. `Hosting Business`. */
  name: string;
  /** Every field the API returned for the product (disk, bandwidth, price, ...), as returned. */
  details: Record<string, unknown>;
}

/** Name filter of the hosting product lookups. Without a filter every product matches. */
export interface HostingProductFilter {
  /** Product name to match exactly, ignoring case, e.g. `Hosting Business`. */
  name?: string;
  /** Regular expression the product name must match, ignoring case, e.g. `business`. */
  nameRegex?: string;
}

/** Returns the hosting products whose name matches the filter, in catalogue order. */
export function getHostingProducts(
  filter: pulumi.Input<HostingProductFilter> = {},
): pulumi.Output<HostingProduct[]> {
  return lookup(filter, async (resolved, api) =>
    filterProducts(await api.hosting.products(), resolved),
  );
}

/**
 * Returns the one hosting product whose name matches the filter. Fails, listing the catalogue,
 * when no product or more than one matches.
 */
export function getHostingProduct(
  filter: pulumi.Input<HostingProductFilter>,
): pulumi.Output<HostingProduct> {
  return lookup(filter, async (resolved, api) => {
    const products = await api.hosting.products();
    const matches = filterProducts(products, resolved);
    if (matches.length === 1) {
      return matches[0];
    }
    const catalogue =
      products.map((product) => `${product.id} "${product.name}"`).join(", ") || "(none)";
    const found =
      matches.length === 0
        ? "no hosting product matches"
        : `${matches.length} hosting products match`;
    throw new Error(
      `getHostingProduct: ${found} ${JSON.stringify(resolved)}; the catalogue has ${catalogue}`,
    );
  });
}

/** Keeps the products whose name matches every part of the filter. */
export function filterProducts<T extends { name: string }>(
  products: T[],
  filter: HostingProductFilter | undefined,
): T[] {
  const name = filter?.name?.trim().toLowerCase();
  let pattern: RegExp | undefined;
  if (filter?.nameRegex !== undefined) {
    try {
      pattern = new RegExp(filter.nameRegex, "i");
    } catch (error) {
      throw new Error(
        `nameRegex ${JSON.stringify(filter.nameRegex)} is not a valid regular expression: ${(error as Error).message}`,
      );
    }
  }
  return products.filter(
    (product) =>
      (name === undefined || product.name.toLowerCase() === name) &&
      (pattern === undefined || pattern.test(product.name)),
  );
}

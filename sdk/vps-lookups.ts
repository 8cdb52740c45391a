import * as pulumi from "@pulumi/pulumi";

import type { VpsOperatingSystem, VpsProduct } from "../provider/client";
import { lookup } from "./api";

export type { VpsOperatingSystem, VpsProduct };

/** Filter of the VPS lookups. */
export interface VpsLookupArgs {
  /** Keeps the entries whose name contains this text, ignoring case. Omitted, all entries are kept. */
  nameContains?: pulumi.Input<string>;
}

/** Returns the VPS products of the catalogue, optionally filtered by name. */
export function getVpsProducts(args: VpsLookupArgs = {}): pulumi.Output<VpsProduct[]> {
  return lookup(args, async (resolved, api) =>
    filterByName(await api.vps.products(), resolved.nameContains),
  );
}

/** Returns the operating systems a VPS can run, optionally filtered by name. */
export function getVpsOperatingSystems(
  args: VpsLookupArgs = {},
): pulumi.Output<VpsOperatingSystem[]> {
  return lookup(args, async (resolved, api) =>
    filterByName(await api.vps.operatingSystems(), resolved.nameContains),
  );
}

/** Returns the one VPS product whose name contains `nameContains`; fails on none or several. */
export function getVpsProduct(args: {
  nameContains: pulumi.Input<string>;
}): pulumi.Output<VpsProduct> {
  return lookup(args, async (resolved, api) =>
    onlyMatch("VPS product", await api.vps.products(), resolved.nameContains),
  );
}

/** Returns the one operating system whose name contains `nameContains`; fails on none or several. */
export function getVpsOperatingSystem(args: {
  nameContains: pulumi.Input<string>;
}): pulumi.Output<VpsOperatingSystem> {
  return lookup(args, async (resolved, api) =>
    onlyMatch("VPS operating system", await api.vps.operatingSystems(), resolved.nameContains),
  );
}

function filterByName<T extends { name: string }>(
  entries: T[],
  nameContains: string | undefined,
): T[] {
  if (nameContains === undefined || nameContains === "") {
    return entries;
  }
  const needle = nameContains.toLowerCase();
  return entries.filter((entry) => entry.name.toLowerCase().includes(needle));
}

function onlyMatch<T extends { id: string | number; name: string }>(
  kind: string,
  entries: T[],
  nameContains: string,
): T {
  const matches = filterByName(entries, nameContains);
  if (matches.length === 1) {
    return matches[0];
  }
  const candidates = (matches.length === 0 ? entries : matches)
    .map((entry) => `${entry.name} (${entry.id})`)
    .join(", ");
  const found = matches.length === 0 ? "matches none" : `matches ${matches.length}`;
  throw new Error(
    `${kind} name filter "${nameContains}" ${found}; expected exactly one. Candidates: ${candidates}`,
  );
}

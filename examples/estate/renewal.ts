import * as irsfa from "pulumi-irsfa";

/**
 * Returns the date the shop domain must stay registered until: the last day of the year after
 * next. A fresh one-year registration falls short of it, so the first `up` renews the domain once.
 */
export function shopKeepValidUntil(now = new Date()): string {
  return `${now.getUTCFullYear() + 2}-12-31`;
}

/** Looks up the shop domain's live details and whether the shop's .id name is still free. */
export function domainLookups(shop: irsfa.Domain) {
  return {
    shop: irsfa
      .getDomain(shop.name)
      .apply((details) => ({ status: details.status, expiresOn: details.expiresOn })),
    shopIdAvailable: irsfa
      .checkDomainAvailability("tokobatik.id")
      .apply((result) => result.available),
  };
}

import * as pulumi from "@pulumi/pulumi";

import { IrsfaValidationError } from "../provider/client";
import { NormalisedDomain, normaliseDomain, normaliseNameserverSet } from "../provider/normalize";
import { lookup } from "./api";

/** Result of {@link checkDomainAvailability}. */
export interface DomainAvailability {
  /** Full domain name, lowercase ASCII, e.g. `example.co.id`. */
  name: string;
  /** True when the domain can be registered. */
  available: boolean;
}

/** Result of {@link getDomain}: a domain of the account as `domain/info` reports it. */
export interface DomainDetails {
  /** Full domain name, lowercase ASCII, e.g. `example.co.id`. */
  name: string;
  /** Label without the extension, e.g. `example`. */
  domainName: string;
  /** Extension without a leading dot, e.g. `co.id`. */
  extension: string;
  /** Registry status, e.g. `Active`, `Pending Transfer`, `Expired` or `Redemption`. */
  status: string;
  /** Expiry date as `YYYY-MM-DD`, or an empty string when the API does not report it. */
  expiresOn: string;
  /** Registrar lock, when the API reports it. */
  locked?: boolean;
  /** Delegated nameservers, sorted, when the API reports them. */
  nameservers?: string[];
}

/**
 * Returns the EPP (auth) code of a domain in the account, as a secret, to transfer it to another
 * registrar. The API gives it only for unlocked domains.
 */
export function getDomainEppCode(name: pulumi.Input<string>): pulumi.Output<string> {
  return lookup(
    name,
    async (resolved, api) => {
      const domain = parsedName("getDomainEppCode", resolved);
      try {
        return await api.domains.eppCode(domain);
      } catch (error) {
        if (error instanceof IrsfaValidationError) {
          const reasons = Object.values(error.fieldErrors).flat().join(" ") || error.apiMessage;
          throw new Error(
            `getDomainEppCode: the API gives no EPP code for ${domain.fqdn} (${reasons}). ` +
              "A locked domain has none: set its Domain.locked to false first.",
          );
        }
        throw error;
      }
    },
    { secret: true },
  );
}

/** Returns whether a domain can be registered. */
export function checkDomainAvailability(
  name: pulumi.Input<string>,
): pulumi.Output<DomainAvailability> {
  return lookup(name, async (resolved, api) => {
    const domain = parsedName("checkDomainAvailability", resolved);
    return { name: domain.fqdn, available: await api.domains.isAvailable(domain) };
  });
}

/** Returns a domain of the account; fails when the account has no such domain. */
export function getDomain(name: pulumi.Input<string>): pulumi.Output<DomainDetails> {
  return lookup(name, async (resolved, api) => {
    const domain = parsedName("getDomain", resolved);
    const info = await api.domains.info(domain);
    if (!info) {
      throw new Error(`getDomain: ${domain.fqdn} is not in the Irsfa account`);
    }

    const nameservers = info.nameservers ? normaliseNameserverSet(info.nameservers) : undefined;
    const details: DomainDetails = {
      name: domain.fqdn,
      domainName: domain.name,
      extension: domain.extension,
      status: info.status,
      expiresOn: info.expiresOn ?? "",
    };
    if (info.locked !== undefined) {
      details.locked = info.locked;
    }
    if (nameservers) {
      details.nameservers = nameservers.ok ? nameservers.value : [...info.nameservers!].sort();
    }
    return details;
  });
}

function parsedName(lookupName: string, name: unknown): NormalisedDomain {
  if (typeof name !== "string") {
    throw new Error(
      `${lookupName}: the name is ${JSON.stringify(name)}; expected a domain name such as "example.co.id"`,
    );
  }
  const domain = normaliseDomain(name);
  if (!domain.ok) {
    throw new Error(`${lookupName}: ${domain.reason}`);
  }
  return domain.value;
}

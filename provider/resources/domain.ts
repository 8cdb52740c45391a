import type * as pulumi from "@pulumi/pulumi";

import { DomainInfo, IrsfaTransportError } from "../client";
import { CheckFailures, isIntegerBetween, isSet, isUnknown, partialFailure } from "../checks";
import { ApiContext, apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { NormalisedDomain, normaliseDomain, normaliseNameserverSet, sameList } from "../normalize";
import { RegistrantInputs, checkRegistrant, registrantParams } from "../registrant";

/** Domain inputs after `check`: the name and nameservers normalised, defaults filled in. */
export interface DomainInputs {
  name: string;
  nameservers: string[];
  locked?: boolean;
  period: number;
  description: string;
  registrant?: RegistrantInputs;
}

/** Domain state: the inputs plus what the API reports. */
export interface DomainOutputs extends DomainInputs {
  /** Label without the extension, e.g. `example`. */
  domainName: string;
  /** Extension without a leading dot, e.g. `co.id`. */
  extension: string;
  status: string;
  expiresOn: string;
  /** Registrar lock as last read; `locked` is present only when the program declares it. */
  isLocked: boolean;
  /** True when create found the domain already in the account and took it over. */
  adopted: boolean;
}

const KIND = "Domain";
const DEFAULT_DESCRIPTION = "Managed by Pulumi";
const MAX_NAMESERVERS = 13;

/** Dynamic provider of the `Domain` resource. */
export const domainProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const failures = new CheckFailures(KIND);
    const inputs: Record<string, any> = { ...news };

    if (!isSet(news.name)) {
      failures.missing("name", 'the full domain name, e.g. "example.co.id"');
    } else if (!isUnknown(news.name)) {
      const domain = typeof news.name === "string" ? normaliseDomain(news.name) : undefined;
      if (domain?.ok) {
        inputs.name = domain.value.fqdn;
      } else {
        failures.add("name", domain ? domain.reason : `expected a string, got ${JSON.stringify(news.name)}`);
      }
    }

    checkNameservers(failures, news.nameservers, inputs);

    if (isSet(news.locked) && !isUnknown(news.locked) && typeof news.locked !== "boolean") {
      failures.add("locked", `is ${JSON.stringify(news.locked)}; expected true or false`);
    }
    if (!isSet(news.period)) {
      inputs.period = 1;
    } else if (!isUnknown(news.period) && !isIntegerBetween(news.period, 1, 10)) {
      failures.add("period", `is ${JSON.stringify(news.period)}; expected whole years from 1 to 10`);
    }
    if (!isSet(news.description)) {
      inputs.description = DEFAULT_DESCRIPTION;
    }
    checkRegistrant(failures, news.registrant);

    return { inputs, failures: failures.failures };
  },

  async diff(_id: string, olds: DomainOutputs, news: DomainInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = [];
    const changed: string[] = [];

    // The name is the registration itself: another name is another domain.
    if (olds.name !== news.name) {
      replaces.push("name");
    }
    if (!sameList(olds.nameservers, news.nameservers)) {
      changed.push("nameservers");
    }
    if (isSet(news.locked) && news.locked !== (olds.isLocked ?? olds.locked)) {
      changed.push("locked");
    }

    return {
      changes: replaces.length + changed.length > 0,
      replaces,
      stables: ["domainName", "extension"],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs: DomainInputs): Promise<pulumi.dynamic.CreateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const domain = parsedName(inputs.name);

    let info = await context.domains.info(domain, { deadline });
    let adopted = info !== undefined;
    if (info) {
      await log.info(`${KIND} ${domain.fqdn} is already in the account: adopting it instead of registering it again`);
    } else {
      info = await register(context, domain, inputs, deadline);
      adopted = false;
    }

    try {
      const live = await reconcile(context, domain, inputs, info, deadline);
      return { id: domain.fqdn, outs: outputsOf(inputs, domain, live, adopted) };
    } catch (error) {
      const properties = outputsOf(inputs, domain, info, adopted);
      throw partialFailure(
        domain.fqdn,
        properties,
        `${KIND} ${domain.fqdn} is registered, but setting its nameservers or lock failed: ${messageOf(error)}. ` +
          "Run `pulumi up` again to finish.",
      );
    }
  },

  async read(id: string, props: DomainOutputs): Promise<pulumi.dynamic.ReadResult> {
    const context = apiContext();
    const domain = parsedName(props?.name ?? id);

    const info = await context.domains.info(domain, { deadline: operationDeadline(context) });
    if (!info) {
      return {};
    }

    const declared: DomainInputs = {
      name: domain.fqdn,
      nameservers: props?.nameservers ?? [],
      locked: props?.locked,
      period: props?.period ?? 1,
      description: props?.description ?? DEFAULT_DESCRIPTION,
      registrant: props?.registrant,
    };
    const outs = outputsOf(declared, domain, info, props?.adopted ?? true);
    const { domainName, extension, status, expiresOn, isLocked, adopted, ...inputs } = outs;
    return { id: domain.fqdn, props: outs, inputs: dropUndefined(inputs) };
  },

  async update(_id: string, olds: DomainOutputs, news: DomainInputs): Promise<pulumi.dynamic.UpdateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const domain = parsedName(news.name);

    const before = await context.domains.info(domain, { deadline });
    if (!before) {
      throw new Error(
        `${KIND} ${domain.fqdn} is no longer in the account (transferred away or removed). ` +
          "Run `pulumi refresh` to drop it from the stack.",
      );
    }
    const live = await reconcile(context, domain, news, before, deadline);
    return { outs: outputsOf(news, domain, live, olds.adopted) };
  },

  async delete(id: string, props: DomainOutputs): Promise<void> {
    const name = props?.name ?? id;
    await log.warn(
      `${KIND} ${name} was removed from the stack, but it stays registered at Irsfa: the API has no ` +
        `domain delete. It remains in the account until it expires on ${props?.expiresOn ?? "its expiry date"}.`,
    );
  },
};

function checkNameservers(failures: CheckFailures, value: unknown, inputs: Record<string, any>): void {
  if (!isSet(value)) {
    failures.missing("nameservers", 'a list of 1 to 13 hostnames, e.g. ["ns1.example.net", "ns2.example.net"]');
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" && !isUnknown(item))) {
    failures.add("nameservers", `is ${JSON.stringify(value)}; expected a list of hostnames`);
    return;
  }
  if (value.some(isUnknown)) {
    return;
  }

  const normalised = normaliseNameserverSet(value);
  if (!normalised.ok) {
    failures.add("nameservers", normalised.reason);
  } else if (normalised.value.length < 1 || normalised.value.length > MAX_NAMESERVERS) {
    failures.add("nameservers", `has ${normalised.value.length} distinct hostnames; expected 1 to ${MAX_NAMESERVERS}`);
  } else {
    inputs.nameservers = normalised.value;
  }
}

async function register(
  context: ApiContext,
  domain: NormalisedDomain,
  inputs: DomainInputs,
  deadline: number,
): Promise<DomainInfo> {
  if (!inputs.registrant) {
    throw new Error(
      `${KIND} ${domain.fqdn} is not in the account, so it must be registered, which needs registrant details: ` +
        "set `registrant` (company, names, address, email, phone).",
    );
  }

  await log.info(`${KIND} ${domain.fqdn}: registering for ${inputs.period} year(s)`);
  try {
    await context.domains.register(
      domain,
      {
        period: inputs.period,
        nameservers: inputs.nameservers,
        description: inputs.description,
        registrant: registrantParams(inputs.registrant),
      },
      { deadline },
    );
  } catch (error) {
    // The response was lost after the request was sent: the domain can be looked up to learn
    // whether the registration went through, without ordering it a second time.
    if (!(error instanceof IrsfaTransportError && error.maybeDelivered)) {
      throw error;
    }
    const after = await context.domains.info(domain, { deadline });
    if (!after) {
      throw error;
    }
    await log.info(`${KIND} ${domain.fqdn}: the registration response was lost, but the domain is in the account`);
    return after;
  }

  const info = await context.domains.info(domain, { deadline });
  if (!info) {
    throw new Error(`${KIND} ${domain.fqdn}: the registration succeeded, but domain/info does not report the domain yet`);
  }
  return info;
}

/** Brings the live nameservers and lock in line with the inputs; returns the live state after. */
async function reconcile(
  context: ApiContext,
  domain: NormalisedDomain,
  inputs: DomainInputs,
  live: DomainInfo,
  deadline: number,
): Promise<DomainInfo> {
  let changed = false;
  const liveNameservers = normaliseLive(live.nameservers);
  if (live.nameservers === undefined || !sameList(liveNameservers, inputs.nameservers)) {
    await context.domains.modifyNameservers(domain, inputs.nameservers, { deadline });
    changed = true;
  }
  if (isSet(inputs.locked) && inputs.locked !== live.locked) {
    await context.domains.setLock(domain, inputs.locked, { deadline });
    changed = true;
  }
  if (!changed) {
    return live;
  }
  return (await context.domains.info(domain, { deadline })) ?? live;
}

function outputsOf(
  inputs: DomainInputs,
  domain: NormalisedDomain,
  live: DomainInfo,
  adopted: boolean,
): DomainOutputs {
  const isLocked = live.locked ?? inputs.locked ?? false;
  return dropUndefined({
    ...inputs,
    name: domain.fqdn,
    nameservers: live.nameservers ? normaliseLive(live.nameservers) : inputs.nameservers,
    // A declared lock reports the live value, so that drift shows as a change of `locked`.
    locked: isSet(inputs.locked) ? isLocked : undefined,
    isLocked,
    domainName: domain.name,
    extension: domain.extension,
    status: live.status,
    expiresOn: live.expiresOn ?? "",
    adopted,
  });
}

function normaliseLive(nameservers: string[] | undefined): string[] {
  const normalised = normaliseNameserverSet(nameservers ?? []);
  return normalised.ok ? normalised.value : [...(nameservers ?? [])].sort();
}

function parsedName(name: string): NormalisedDomain {
  const domain = normaliseDomain(name);
  if (!domain.ok) {
    throw new Error(`${KIND}.name: ${domain.reason}`);
  }
  return domain.value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

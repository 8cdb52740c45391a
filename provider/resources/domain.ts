import type * as pulumi from "@pulumi/pulumi";

import { DomainInfo } from "../client";
import { CheckFailures, isIntegerBetween, isSet, isUnknown, partialFailure } from "../checks";
import { ApiContext, apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { NormalisedDomain, normaliseDomain, normaliseNameserverSet, sameList } from "../normalize";
import { RegistrantInputs, checkRegistrant } from "../registrant";
import { register, transferIn } from "./domain-orders";
import { checkKeepValidUntil, checkNameservers, checkTransfer } from "./domain-checks";
import { RenewalInDoubtError, keepValid } from "./domain-renewal";
import {
  UnconfirmedRenewal,
  effectiveExpiry,
  isTransferPending,
  previewRenewal,
  stillUnconfirmed,
} from "./domain-renewal-plan";

/** Domain inputs after `check`: the name and nameservers normalised, defaults filled in. */
export interface DomainInputs {
  name: string;
  nameservers: string[];
  locked?: boolean;
  period: number;
  description: string;
  registrant?: RegistrantInputs;
  /** Date (`YYYY-MM-DD`) until which the domain must stay registered; renewals reach it. */
  keepValidUntil?: string;
  /** Auth code of a transfer-in, used only when the domain is not in the account yet. */
  transfer?: { authCode: string };
}

/** Domain state: the inputs, without the transfer auth code, plus what the API reports. */
export interface DomainOutputs extends Omit<DomainInputs, "transfer"> {
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
  /** True when create transferred the domain in from another registrar. */
  transferred: boolean;
  /** A renewal or restore that was sent but does not show in `domain/info` yet. */
  unconfirmedRenewal?: UnconfirmedRenewal;
}

const KIND = "Domain";
const DEFAULT_DESCRIPTION = "Managed by Pulumi";

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
        failures.add(
          "name",
          domain ? domain.reason : `expected a string, got ${JSON.stringify(news.name)}`,
        );
      }
    }

    checkNameservers(failures, news.nameservers, inputs);

    if (isSet(news.locked) && !isUnknown(news.locked) && typeof news.locked !== "boolean") {
      failures.add("locked", `is ${JSON.stringify(news.locked)}; expected true or false`);
    }
    if (!isSet(news.period)) {
      inputs.period = 1;
    } else if (!isUnknown(news.period) && !isIntegerBetween(news.period, 1, 10)) {
      failures.add(
        "period",
        `is ${JSON.stringify(news.period)}; expected whole years from 1 to 10`,
      );
    }
    if (!isSet(news.description)) {
      inputs.description = DEFAULT_DESCRIPTION;
    }
    checkRegistrant(failures, news.registrant);
    checkKeepValidUntil(failures, news.keepValidUntil);
    checkTransfer(failures, news.transfer);

    return { inputs, failures: failures.failures };
  },

  async diff(
    _id: string,
    olds: DomainOutputs,
    news: DomainInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
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
    // `transfer` is not compared: only create uses it, so a change to it alone does nothing.

    // A renewal is planned from the expiry in the state; update reads the live expiry again.
    const target = news.keepValidUntil;
    if (
      replaces.length === 0 &&
      isSet(target) &&
      (isUnknown(target) || (await previewRenewal(olds, target)))
    ) {
      changed.push("keepValidUntil");
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
    const adopted = info !== undefined;
    if (info) {
      await log.info(
        `${KIND} ${domain.fqdn} is already in the account: adopting it instead of registering it again`,
      );
    } else if (inputs.transfer) {
      info = await transferIn(context, domain, inputs, inputs.transfer.authCode, deadline);
    } else {
      info = await register(context, domain, inputs, deadline);
    }

    const origin = { adopted, transferred: !adopted && inputs.transfer !== undefined };
    const { live, unconfirmed } = await bringInLine(
      context,
      domain,
      inputs,
      info,
      undefined,
      origin,
      deadline,
    );
    return { id: domain.fqdn, outs: outputsOf(inputs, domain, live, origin, unconfirmed) };
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
      keepValidUntil: props?.keepValidUntil,
    };
    const origin = { adopted: props?.adopted ?? true, transferred: props?.transferred };
    const unconfirmed = stillUnconfirmed(props?.unconfirmedRenewal, info.expiresOn);
    const outs = outputsOf(declared, domain, info, origin, unconfirmed);
    const {
      domainName,
      extension,
      status,
      expiresOn,
      isLocked,
      adopted,
      transferred,
      unconfirmedRenewal,
      ...inputs
    } = outs;

    // A domain that expires before keepValidUntil reads as kept valid only until its expiry, so that
    // the renewal shows as a change of keepValidUntil after a refresh, as drift does elsewhere.
    const validUntil = effectiveExpiry(info.expiresOn, unconfirmed);
    if (inputs.keepValidUntil && validUntil && validUntil < inputs.keepValidUntil) {
      inputs.keepValidUntil = validUntil;
    }
    return { id: domain.fqdn, props: outs, inputs: dropUndefined(inputs) };
  },

  async update(
    _id: string,
    olds: DomainOutputs,
    news: DomainInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
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
    const origin = { adopted: olds.adopted, transferred: olds.transferred };
    const { live, unconfirmed } = await bringInLine(
      context,
      domain,
      news,
      before,
      olds.unconfirmedRenewal,
      origin,
      deadline,
    );
    return { outs: outputsOf(news, domain, live, origin, unconfirmed) };
  },

  async delete(id: string, props: DomainOutputs): Promise<void> {
    const name = props?.name ?? id;
    await log.warn(
      `${KIND} ${name} was removed from the stack, but it stays registered at Irsfa: the API has no ` +
        `domain delete. It remains in the account until it expires on ${props?.expiresOn ?? "its expiry date"}.`,
    );
  },
};

/**
 * Renews or restores the domain as `keepValidUntil` requires, then brings the live nameservers and lock
 * in line with the inputs. A failure here comes after an order was placed, so the engine gets the
 * domain's id and properties with the error and keeps the domain in the stack.
 */
async function bringInLine(
  context: ApiContext,
  domain: NormalisedDomain,
  inputs: DomainInputs,
  live: DomainInfo,
  unconfirmed: UnconfirmedRenewal | undefined,
  origin: Origin,
  deadline: number,
): Promise<{ live: DomainInfo; unconfirmed?: UnconfirmedRenewal }> {
  let current = live;
  let step = "renewing it to reach keepValidUntil";
  try {
    if (inputs.keepValidUntil) {
      const kept = await keepValid(context, {
        domain,
        keepValidUntil: inputs.keepValidUntil,
        description: inputs.description,
        live,
        unconfirmed,
        deadline,
      });
      current = kept.live;
      unconfirmed = kept.unconfirmed;
    } else {
      unconfirmed = stillUnconfirmed(unconfirmed, live.expiresOn);
    }
    step = "setting its nameservers or lock";
    current = await reconcile(context, domain, inputs, current, deadline);
    return { live: current, unconfirmed };
  } catch (error) {
    if (error instanceof RenewalInDoubtError) {
      const properties = outputsOf(inputs, domain, error.live, origin, error.unconfirmed);
      throw partialFailure(domain.fqdn, properties, error.message);
    }
    const properties = outputsOf(inputs, domain, current, origin, unconfirmed);
    throw partialFailure(
      domain.fqdn,
      properties,
      `${KIND} ${domain.fqdn} is registered, but ${step} failed: ${messageOf(error)}. Run \`pulumi up\` again to finish.`,
    );
  }
}

/** Brings the live nameservers and lock in line with the inputs; returns the live state after. */
async function reconcile(
  context: ApiContext,
  domain: NormalisedDomain,
  inputs: DomainInputs,
  live: DomainInfo,
  deadline: number,
): Promise<DomainInfo> {
  if (isTransferPending(live.status)) {
    // The registry accepts no change to a domain while its transfer is pending.
    await log.info(
      `${KIND} ${domain.fqdn}: its transfer is pending, so nameservers and lock are set by a later up`,
    );
    return live;
  }

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

/** Origin of the domain in the stack: registered, transferred in or adopted. */
interface Origin {
  adopted: boolean;
  transferred?: boolean;
}

function outputsOf(
  inputs: DomainInputs,
  domain: NormalisedDomain,
  live: DomainInfo,
  origin: Origin,
  unconfirmed: UnconfirmedRenewal | undefined,
): DomainOutputs {
  const { transfer: _transfer, ...declared } = inputs;
  const isLocked = live.locked ?? inputs.locked ?? false;
  return dropUndefined({
    ...declared,
    name: domain.fqdn,
    nameservers: live.nameservers ? normaliseLive(live.nameservers) : inputs.nameservers,
    // A declared lock reports the live value, so that drift shows as a change of `locked`.
    locked: isSet(inputs.locked) ? isLocked : undefined,
    isLocked,
    domainName: domain.name,
    extension: domain.extension,
    status: live.status,
    expiresOn: live.expiresOn ?? "",
    adopted: origin.adopted,
    transferred: origin.transferred ?? false,
    unconfirmedRenewal: unconfirmed,
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

import type * as pulumi from "@pulumi/pulumi";

import { HostRecord, IrsfaNotFoundError, IrsfaTransportError } from "../client";
import { CheckFailures, isSet, isUnknown } from "../checks";
import { ApiContext, apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { normaliseDomain, normaliseHostname, normaliseIpv4, normaliseIpv6 } from "../normalize";

/** Nameserver (glue host) inputs after `check`: hostname and addresses in canonical form. */
export interface NameserverInputs {
  host: string;
  ipv4: string;
  /** Canonical IPv6 address, or an empty string for a host without one. */
  ipv6: string;
}

/** Nameserver state: the inputs plus the API's numeric host id. */
export interface NameserverOutputs extends NameserverInputs {
  /** Numeric id of the host record, which the delete endpoint needs. */
  hostId: number;
}

const KIND = "Nameserver";

/** Dynamic provider of the `Nameserver` (glue host) resource. */
export const nameserverProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const failures = new CheckFailures(KIND);
    const inputs: Record<string, any> = { ...news };

    if (!isSet(news.host)) {
      failures.missing(
        "host",
        'a hostname under a domain in the account, e.g. "ns1.example.co.id"',
      );
    } else if (!isUnknown(news.host)) {
      const host = typeof news.host === "string" ? normaliseHostname(news.host) : undefined;
      if (!host?.ok) {
        failures.add(
          "host",
          host ? host.reason : `expected a string, got ${JSON.stringify(news.host)}`,
        );
      } else if (host.value.split(".").length < 3 || normaliseDomain(host.value).ok) {
        // A registrable name such as example.co.id has three labels but is a domain, not a host under one.
        failures.add(
          "host",
          `"${news.host}" is a bare domain; a glue host is a name under it, e.g. "ns1.${host.value}"`,
        );
      } else {
        inputs.host = host.value;
      }
    }

    if (!isSet(news.ipv4)) {
      failures.missing("ipv4", 'an IPv4 address, e.g. "192.0.2.10"');
    } else if (!isUnknown(news.ipv4)) {
      const ipv4 = normaliseIpv4(String(news.ipv4));
      if (ipv4.ok) {
        inputs.ipv4 = ipv4.value;
      } else {
        failures.add("ipv4", ipv4.reason);
      }
    }

    if (!isSet(news.ipv6) || news.ipv6 === "") {
      inputs.ipv6 = "";
    } else if (!isUnknown(news.ipv6)) {
      const ipv6 = normaliseIpv6(String(news.ipv6));
      if (ipv6.ok) {
        inputs.ipv6 = ipv6.value;
      } else {
        failures.add("ipv6", ipv6.reason);
      }
    }

    return { inputs, failures: failures.failures };
  },

  async diff(
    _id: string,
    olds: NameserverOutputs,
    news: NameserverInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    // The API has no update for glue hosts: any change is a delete and a create, and the old host
    // must go first because two hosts cannot share a name.
    const replaces = (["host", "ipv4", "ipv6"] as const).filter(
      (field) => (olds[field] ?? "") !== (news[field] ?? ""),
    );
    return {
      changes: replaces.length > 0,
      replaces,
      deleteBeforeReplace: replaces.length > 0,
    };
  },

  async create(inputs: NameserverInputs): Promise<pulumi.dynamic.CreateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);

    const existing = await context.domains.getHost(inputs.host, { deadline });
    if (existing) {
      return adopt(existing, inputs);
    }

    try {
      await context.domains.createHost(inputs.host, inputs.ipv4, inputs.ipv6, { deadline });
    } catch (error) {
      // After a lost response the host can be looked up by name to learn whether it was created.
      if (!(error instanceof IrsfaTransportError && error.maybeDelivered)) {
        throw error;
      }
      const after = await context.domains.getHost(inputs.host, { deadline });
      if (!after) {
        throw error;
      }
      return adopt(after, inputs);
    }

    const created = await context.domains.getHost(inputs.host, { deadline });
    if (!created) {
      throw new Error(
        `${KIND} ${inputs.host}: the host was created, but nameserver/get does not report it yet`,
      );
    }
    return { id: inputs.host, outs: outputsOf(created) };
  },

  async read(id: string, props: NameserverOutputs): Promise<pulumi.dynamic.ReadResult> {
    const context = apiContext();
    const host = normaliseHostname(props?.host ?? id);
    const name = host.ok ? host.value : id;

    const live = await context.domains.getHost(name, { deadline: operationDeadline(context) });
    if (!live) {
      return {};
    }
    const outs = outputsOf(live);
    const { hostId, ...inputs } = outs;
    return { id: name, props: outs, inputs };
  },

  async delete(id: string, props: NameserverOutputs): Promise<void> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const name = props?.host ?? id;

    await deleteHost(context, name, props?.hostId, deadline);
  },
};

async function adopt(
  existing: HostRecord,
  inputs: NameserverInputs,
): Promise<pulumi.dynamic.CreateResult> {
  const live = outputsOf(existing);
  if (live.ipv4 !== inputs.ipv4 || live.ipv6 !== inputs.ipv6) {
    throw new Error(
      `${KIND} ${inputs.host} already exists with ipv4 ${live.ipv4 || "(none)"} and ipv6 ${live.ipv6 || "(none)"}, ` +
        `but ipv4 ${inputs.ipv4} and ipv6 ${inputs.ipv6 || "(none)"} were declared. ` +
        "Declare the existing addresses to adopt it, or delete the host first.",
    );
  }
  await log.info(`${KIND} ${inputs.host} already exists with the declared addresses: adopting it`);
  return { id: inputs.host, outs: live };
}

async function deleteHost(
  context: ApiContext,
  name: string,
  knownId: number | undefined,
  deadline: number,
): Promise<void> {
  // The stored id can be stale when the host was recreated out of band; the name decides.
  const live = await context.domains.getHost(name, { deadline });
  if (!live) {
    return;
  }
  if (knownId !== undefined && knownId !== live.id) {
    await log.info(
      `${KIND} ${name}: the host id changed from ${knownId} to ${live.id} outside Pulumi`,
    );
  }

  try {
    await context.domains.deleteHost(live.id, name, { deadline });
  } catch (error) {
    if (!(error instanceof IrsfaNotFoundError)) {
      throw error;
    }
  }
}

function outputsOf(record: HostRecord): NameserverOutputs {
  const ipv4 = normaliseIpv4(record.ipv4);
  let ipv6 = record.ipv6;
  if (ipv6 !== "") {
    const canonical = normaliseIpv6(ipv6);
    ipv6 = canonical.ok ? canonical.value : ipv6;
  }
  return {
    host: record.host.toLowerCase(),
    ipv4: ipv4.ok ? ipv4.value : record.ipv4,
    ipv6,
    hostId: record.id,
  };
}

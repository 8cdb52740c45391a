import type * as pulumi from "@pulumi/pulumi";

import { DsRecord, IrsfaNotFoundError, IrsfaTransportError, normaliseDigest } from "../client";
import { CheckFailures, isIntegerBetween, isSet, isUnknown } from "../checks";
import { ApiContext, apiContext, operationDeadline } from "../context";
import {
  DIGEST_HEX_LENGTHS,
  DIGEST_TYPE_NAMES,
  algorithmProblem,
  digestTypeProblem,
} from "../dnssec";
import * as log from "../log";
import { NormalisedDomain, normaliseDomain } from "../normalize";

/** DnssecRecord inputs after `check`: the domain normalised, the digest in uppercase hex. */
export interface DnssecRecordInputs {
  domain: string;
  keyTag: number;
  algorithm: number;
  digestType: number;
  digest: string;
}

/** DnssecRecord state: the inputs; the id joins all five fields. */
export type DnssecRecordOutputs = DnssecRecordInputs;

const KIND = "DnssecRecord";
const FIELDS = ["domain", "keyTag", "algorithm", "digestType", "digest"] as const;

/** Dynamic provider of the `DnssecRecord` (DS record) resource. */
export const dnssecRecordProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const failures = new CheckFailures(KIND);
    const inputs: Record<string, any> = { ...news };

    if (!isSet(news.domain)) {
      failures.missing("domain", 'a domain in the account, e.g. "example.co.id"');
    } else if (!isUnknown(news.domain)) {
      const domain = typeof news.domain === "string" ? normaliseDomain(news.domain) : undefined;
      if (domain?.ok) {
        inputs.domain = domain.value.fqdn;
      } else {
        failures.add(
          "domain",
          domain ? domain.reason : `expected a string, got ${JSON.stringify(news.domain)}`,
        );
      }
    }

    checkInteger(failures, "keyTag", news.keyTag, "a key tag from 0 to 65535", (value) =>
      isIntegerBetween(value, 0, 65535)
        ? undefined
        : `is ${JSON.stringify(value)}; expected a whole number from 0 to 65535`,
    );
    checkInteger(
      failures,
      "algorithm",
      news.algorithm,
      "a DNSSEC algorithm number such as 13",
      algorithmProblem,
    );
    checkInteger(
      failures,
      "digestType",
      news.digestType,
      "1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)",
      digestTypeProblem,
    );
    checkDigest(failures, news, inputs);

    return { inputs, failures: failures.failures };
  },

  async diff(
    _id: string,
    olds: DnssecRecordOutputs,
    news: DnssecRecordInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    // The API has no update for DS records, and a record is identified by all its fields, so any
    // change is a new record. The new one is created first: a domain keeps a valid chain of trust
    // while the key rolls over.
    const replaces = FIELDS.filter((field) => olds[field] !== news[field]);
    return { changes: replaces.length > 0, replaces, deleteBeforeReplace: false };
  },

  async create(inputs: DnssecRecordInputs): Promise<pulumi.dynamic.CreateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const domain = parsedDomain(inputs.domain);
    const record = recordOf(inputs);

    if (await findRecord(context, domain, record, deadline)) {
      await log.info(`${KIND} ${recordId(inputs)} already exists at the registry: adopting it`);
      return { id: recordId(inputs), outs: inputs };
    }

    try {
      await context.dnssec.create(domain, record, { deadline });
    } catch (error) {
      // After a lost response the record can be looked up to learn whether it was created.
      if (!(error instanceof IrsfaTransportError && error.maybeDelivered)) {
        throw error;
      }
      if (!(await findRecord(context, domain, record, deadline))) {
        throw error;
      }
    }
    return { id: recordId(inputs), outs: inputs };
  },

  async read(id: string, props: DnssecRecordOutputs): Promise<pulumi.dynamic.ReadResult> {
    const context = apiContext();
    const stored = isSet(props?.domain) ? props : parseRecordId(id);
    const domain = parsedDomain(stored.domain);

    const found = await findRecord(context, domain, recordOf(stored), operationDeadline(context));
    if (!found) {
      return {};
    }
    const outs = { ...stored, digest: normaliseDigest(stored.digest) };
    return { id: recordId(outs), props: outs, inputs: outs };
  },

  async delete(_id: string, props: DnssecRecordOutputs): Promise<void> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const domain = parsedDomain(props.domain);
    const record = recordOf(props);

    if (!(await findRecord(context, domain, record, deadline))) {
      await log.info(`${KIND} ${recordId(props)} is already gone`);
      return;
    }
    try {
      await context.dnssec.delete(domain, record, { deadline });
    } catch (error) {
      if (!(error instanceof IrsfaNotFoundError)) {
        throw error;
      }
    }
  },
};

function checkInteger(
  failures: CheckFailures,
  field: string,
  value: unknown,
  expected: string,
  problem: (value: number) => string | undefined,
): void {
  if (!isSet(value)) {
    failures.missing(field, expected);
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  if (typeof value !== "number" || !Number.isInteger(value)) {
    failures.add(field, `is ${JSON.stringify(value)}; expected a whole number, ${expected}`);
    return;
  }
  const reason = problem(value);
  if (reason !== undefined) {
    failures.add(field, reason);
  }
}

function checkDigest(
  failures: CheckFailures,
  news: Record<string, any>,
  inputs: Record<string, any>,
): void {
  if (!isSet(news.digest)) {
    failures.missing("digest", "the DS digest as hex, e.g. from `dnssec-dsfromkey`");
    return;
  }
  if (isUnknown(news.digest)) {
    return;
  }
  if (typeof news.digest !== "string") {
    failures.add("digest", `is ${JSON.stringify(news.digest)}; expected a hex string`);
    return;
  }

  const digest = normaliseDigest(news.digest);
  if (!/^[0-9A-F]+$/.test(digest)) {
    failures.add(
      "digest",
      `"${news.digest}" is not hexadecimal; expected the digits 0-9 and A-F only`,
    );
    return;
  }
  inputs.digest = digest;

  const length = DIGEST_HEX_LENGTHS[news.digestType];
  if (length !== undefined && digest.length !== length) {
    failures.add(
      "digest",
      `has ${digest.length} hex characters; digest type ${news.digestType} (${DIGEST_TYPE_NAMES[news.digestType]}) needs exactly ${length}`,
    );
  }
}

/**
 * Looks the record up in `dnssec/get` by key tag, algorithm, digest type and digest. A response
 * that leaves the algorithm or digest type empty, as the reference's example does, matches on the
 * fields it has. A domain that is not in the account has no records.
 */
async function findRecord(
  context: ApiContext,
  domain: NormalisedDomain,
  expected: Required<DsRecord>,
  deadline: number,
): Promise<boolean> {
  const records = await context.dnssec.list(domain, { deadline });
  return (records ?? []).some(
    (record) =>
      record.keyTag === expected.keyTag &&
      (record.algorithm === undefined || record.algorithm === expected.algorithm) &&
      (record.digestType === undefined || record.digestType === expected.digestType) &&
      record.digest === expected.digest,
  );
}

function recordOf(inputs: DnssecRecordInputs): Required<DsRecord> {
  return {
    keyTag: inputs.keyTag,
    algorithm: inputs.algorithm,
    digestType: inputs.digestType,
    digest: normaliseDigest(inputs.digest),
  };
}

/** Returns the resource id, `<domain>/<keyTag>/<algorithm>/<digestType>/<digest>`. */
export function recordId(inputs: DnssecRecordInputs): string {
  return [
    inputs.domain,
    inputs.keyTag,
    inputs.algorithm,
    inputs.digestType,
    normaliseDigest(inputs.digest),
  ].join("/");
}

/** Parses a resource id made by {@link recordId}. */
export function parseRecordId(id: string): DnssecRecordInputs {
  const parts = id.split("/");
  const [keyTag, algorithm, digestType] = parts.slice(1, 4).map(Number);
  if (
    parts.length !== 5 ||
    [keyTag, algorithm, digestType].some((number) => !Number.isInteger(number))
  ) {
    throw new Error(
      `${KIND} id "${id}" is invalid; expected <domain>/<keyTag>/<algorithm>/<digestType>/<digest>, ` +
        'e.g. "example.co.id/12345/13/2/<64 hex characters>"',
    );
  }
  return { domain: parts[0], keyTag, algorithm, digestType, digest: normaliseDigest(parts[4]) };
}

function parsedDomain(name: string): NormalisedDomain {
  const domain = normaliseDomain(name);
  if (!domain.ok) {
    throw new Error(`${KIND}.domain: ${domain.reason}`);
  }
  return domain.value;
}

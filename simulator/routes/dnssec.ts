import { ApiError, ApiRequest, invalid, notFound } from "../http";
import { RouteContext, Router } from "../router";
import { DomainRecord } from "../state";
import { LABEL_PATTERN, validate } from "../validation";
import { SUPPORTED_EXTENSIONS, refreshLifecycle } from "./domain";

/** A DS record stored at the simulated registry. */
export interface DsRecordState {
  /** Key tag as the API stores it: a decimal string. */
  keyTag: string;
  algorithm: number;
  digestType: number;
  /** Hex digest in uppercase. */
  digest: string;
  createdAt: string;
  updatedAt: string;
}

/** DS records by full domain name. */
type DnssecSection = Record<string, DsRecordState[]>;

/**
 * Algorithms the simulated registry accepts. It still takes the SHA-1 algorithms 5 and 7, as many
 * registries do, so that the provider's stricter check is the one that rejects them.
 */
const ACCEPTED_ALGORITHMS = [5, 7, 8, 10, 13, 14, 15, 16];

/** Hex length of the digest of each DS digest type: SHA-1, SHA-256, SHA-384. */
export const DIGEST_HEX_LENGTHS: Readonly<Record<number, number>> = { 1: 40, 2: 64, 4: 96 };

const RECORD_FIELDS = {
  key_tag: {
    type: "string" as const,
    pattern: /^\d{1,5}$/,
    patternMessage: "The key tag must be a number from 0 to 65535.",
  },
  alg: { type: "integer" as const, oneOf: ACCEPTED_ALGORITHMS },
  digest_type: { type: "integer" as const, oneOf: [1, 2, 4] },
};

/** Adds the DNSSEC endpoints: get, create and delete of DS records. */
export function registerDnssecRoutes(router: Router): void {
  router.read("POST", "api/rest/v3/domain/dnssec/get", getRecords);
  router.write("POST", "api/rest/v3/domain/dnssec/create", createRecord);
  router.write("DELETE", "api/rest/v3/domain/dnssec/delete", deleteRecord);
}

/** Returns the DS records of a domain, creating its empty list on first use. */
export function dsRecordsOf(context: RouteContext, domain: string): DsRecordState[] {
  const section = context.store.section<DnssecSection>("dnssec", () => ({}));
  section[domain] ??= [];
  return section[domain];
}

/**
 * Returns the account's domain that a DNSSEC request names. The reference shows the extension with
 * a leading dot on these endpoints (".com") and without one elsewhere, so both forms are accepted.
 */
function dnssecDomain(request: ApiRequest, context: RouteContext): DomainRecord {
  const fields = validate(request.body, {
    domain_name: { type: "string", max: 63, pattern: LABEL_PATTERN },
    domain_extension: { type: "string" },
  });
  const extension = fields.domain_extension.toLowerCase().replace(/^\./, "");
  if (!SUPPORTED_EXTENSIONS.includes(extension)) {
    invalid("domain_extension", "The selected domain extension is invalid.");
  }

  const domain = context.store.state.domains[`${fields.domain_name.toLowerCase()}.${extension}`];
  if (!domain) {
    notFound("Domain not found in your account!");
  }
  refreshLifecycle(domain);
  return domain;
}

/** Returns a DS record in the shape the reference shows: every value a string. */
function recordData(
  clientId: string,
  domain: string,
  record: DsRecordState,
): Record<string, string> {
  return {
    client_id: clientId,
    domain,
    key_tag: record.keyTag,
    alg: String(record.algorithm),
    digest_type: String(record.digestType),
    digest: record.digest,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

function getRecords(request: ApiRequest, context: RouteContext): unknown {
  const domain = dnssecDomain(request, context);
  return dsRecordsOf(context, domain.domain).map((record) =>
    recordData(request.clientId, domain.domain, record),
  );
}

function createRecord(request: ApiRequest, context: RouteContext): unknown {
  const domain = dnssecDomain(request, context);
  // The reference marks the digest optional, but a DS record without one cannot be validated by
  // resolvers, so the simulator requires it on create.
  const fields = validate(request.body, { ...RECORD_FIELDS, digest: { type: "string" } });
  checkKeyTag(fields.key_tag);
  const digest = checkDigest(fields.digest, fields.digest_type);

  const records = dsRecordsOf(context, domain.domain);
  const keyTag = String(Number(fields.key_tag));
  if (
    records.some((record) => sameRecord(record, keyTag, fields.alg, fields.digest_type, digest))
  ) {
    invalid(
      "key_tag",
      `The DS record ${keyTag} ${fields.alg} ${fields.digest_type} already exists on ${domain.domain}.`,
    );
  }

  const now = new Date().toISOString();
  records.push({
    keyTag,
    algorithm: fields.alg,
    digestType: fields.digest_type,
    digest,
    createdAt: now,
    updatedAt: now,
  });
  return true;
}

function deleteRecord(request: ApiRequest, context: RouteContext): unknown {
  const domain = dnssecDomain(request, context);
  const fields = validate(request.body, {
    ...RECORD_FIELDS,
    digest: { type: "string", required: false },
  });
  checkKeyTag(fields.key_tag);
  const digest = fields.digest === undefined ? undefined : normaliseDigest(fields.digest);

  const records = dsRecordsOf(context, domain.domain);
  const keyTag = String(Number(fields.key_tag));
  const matches = records.filter((record) =>
    sameRecord(record, keyTag, fields.alg, fields.digest_type, digest),
  );
  if (matches.length === 0) {
    notFound(
      `DNSSEC record ${keyTag} ${fields.alg} ${fields.digest_type} not found on ${domain.domain}!`,
    );
  }
  if (matches.length > 1) {
    invalid("digest", "Several DS records match; send the digest to choose one.");
  }

  records.splice(records.indexOf(matches[0]), 1);
  return recordData(request.clientId, domain.domain, matches[0]);
}

function sameRecord(
  record: DsRecordState,
  keyTag: string,
  algorithm: number,
  digestType: number,
  digest: string | undefined,
): boolean {
  return (
    record.keyTag === keyTag &&
    record.algorithm === algorithm &&
    record.digestType === digestType &&
    (digest === undefined || record.digest === digest)
  );
}

function checkKeyTag(keyTag: string): void {
  if (Number(keyTag) > 65535) {
    invalid("key_tag", "The key tag must be a number from 0 to 65535.");
  }
}

function normaliseDigest(digest: string): string {
  return digest.replace(/\s+/g, "").toUpperCase();
}

/** Returns the digest in uppercase, or throws 422 when it is not hex of the type's length. */
function checkDigest(digest: string, digestType: number): string {
  const normalised = normaliseDigest(digest);
  const length = DIGEST_HEX_LENGTHS[digestType];
  if (!/^[0-9A-F]+$/.test(normalised)) {
    throw new ApiError(422, "The given data was invalid.", {
      digest: ["The digest must be hexadecimal."],
    });
  }
  if (normalised.length !== length) {
    invalid(
      "digest",
      `The digest of digest type ${digestType} must be ${length} hex characters, got ${normalised.length}.`,
    );
  }
  return normalised;
}

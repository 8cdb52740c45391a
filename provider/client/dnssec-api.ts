import { CallOptions, IrsfaClient, readEndpoint, writeEndpoint } from "./client";
import type { DomainRef } from "./domain-api";
import { IrsfaNotFoundError } from "./errors";
import { JsonRecord, isRecord, pickNumber, pickString, recordList } from "./shapes";

/** A DS record of a domain, as sent to and read from the DNSSEC endpoints. */
export interface DsRecord {
  /** Key tag of the DNSKEY the record points to, 0 to 65535. */
  keyTag: number;
  /** DNSSEC algorithm number. Undefined when a `dnssec/get` response leaves it empty. */
  algorithm?: number;
  /** DS digest type number. Undefined when a `dnssec/get` response leaves it empty. */
  digestType?: number;
  /** Digest as hex, uppercase, without whitespace. */
  digest: string;
}

export const DNSSEC_ENDPOINTS = {
  get: readEndpoint("POST", "api/rest/v3/domain/dnssec/get"),
  create: writeEndpoint("POST", "api/rest/v3/domain/dnssec/create"),
  delete: writeEndpoint("DELETE", "api/rest/v3/domain/dnssec/delete"),
} as const;

/** DNSSEC (DS record) endpoints of the API. */
export class DnssecApi {
  constructor(private readonly client: IrsfaClient) {}

  /** Returns the domain's DS records, or undefined when the domain is not in this account. */
  async list(ref: DomainRef, options?: CallOptions): Promise<DsRecord[] | undefined> {
    try {
      const data = await this.client.call(DNSSEC_ENDPOINTS.get, dnssecParams(ref), options);
      const records =
        isRecord(data) && pickString(data, ["key_tag", "keytag"]) !== undefined
          ? [data]
          : recordList(data);
      return records
        .map(parseDsRecord)
        .filter((record): record is DsRecord => record !== undefined);
    } catch (error) {
      if (error instanceof IrsfaNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Adds a DS record to the domain at the registry. */
  async create(ref: DomainRef, record: Required<DsRecord>, options?: CallOptions): Promise<void> {
    await this.client.call(
      DNSSEC_ENDPOINTS.create,
      { ...dnssecParams(ref), ...recordParams(record) },
      options,
    );
  }

  /** Removes a DS record from the domain at the registry. */
  async delete(ref: DomainRef, record: Required<DsRecord>, options?: CallOptions): Promise<void> {
    await this.client.call(
      DNSSEC_ENDPOINTS.delete,
      { ...dnssecParams(ref), ...recordParams(record) },
      options,
    );
  }
}

/** Returns the domain fields of a DNSSEC call: the reference shows the extension with a leading dot here. */
function dnssecParams(ref: DomainRef): { domain_name: string; domain_extension: string } {
  return { domain_name: ref.name, domain_extension: `.${ref.extension}` };
}

/** Maps a DS record to the documented types: `key_tag` a string, `alg` and `digest_type` integers. */
function recordParams(record: Required<DsRecord>): Record<string, string | number> {
  return {
    key_tag: String(record.keyTag),
    alg: record.algorithm,
    digest_type: record.digestType,
    digest: record.digest,
  };
}

/** Returns the digest in the form records are compared in: hex in uppercase, no whitespace. */
export function normaliseDigest(digest: string): string {
  return digest.replace(/\s+/g, "").toUpperCase();
}

/**
 * Reads a `dnssec/get` record. The reference shows every value as a string and `alg` and
 * `digest_type` empty, so those two are optional here.
 */
export function parseDsRecord(record: JsonRecord): DsRecord | undefined {
  const keyTag = pickNumber(record, ["key_tag", "keytag", "keyTag"]);
  const digest = pickString(record, ["digest"]);
  if (keyTag === undefined || digest === undefined) {
    return undefined;
  }
  return {
    keyTag,
    algorithm: pickNumber(record, ["alg", "algorithm"]),
    digestType: pickNumber(record, ["digest_type", "digestType", "digest_alg"]),
    digest: normaliseDigest(digest),
  };
}

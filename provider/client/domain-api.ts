import { CallOptions, IrsfaClient, readEndpoint, writeEndpoint } from "./client";
import { IrsfaNotFoundError } from "./errors";
import {
  JsonRecord,
  firstRecord,
  isRecord,
  pickBoolean,
  pickString,
  pickStringArray,
} from "./shapes";

/** A domain as the API addresses it: the label and the extension, both without dots at the ends. */
export interface DomainRef {
  /** Label left of the public suffix, e.g. `example` for `example.co.id`. */
  name: string;
  /** Public suffix without a leading dot, e.g. `co.id`. */
  extension: string;
}

/** Registrant fields sent with a registration or a transfer. */
export interface Registrant {
  company_name: string;
  initial: string;
  first_name: string;
  last_name: string;
  gender: string;
  street: string;
  number: number;
  city: string;
  state: string;
  zip_code: number;
  country: string;
  email: string;
  telephone_number: string;
  locale: string;
}

/** Details that `domain/info` reports about a domain in the account. */
export interface DomainInfo {
  /** Full domain name, e.g. `example.co.id`. */
  domain: string;
  /** Registry status as the API words it, e.g. `Active`. */
  status: string;
  /** Expiry date as `YYYY-MM-DD`, when reported. */
  expiresOn?: string;
  /** Whether the registrar lock is on, when reported. */
  locked?: boolean;
  /** Delegated nameservers, when reported. */
  nameservers?: string[];
}

/** A glue host record as `domain/nameserver/get` reports it. */
export interface HostRecord {
  /** Numeric id that `domain/nameserver/delete` needs. */
  id: number;
  host: string;
  ipv4: string;
  ipv6: string;
}

export const DOMAIN_ENDPOINTS = {
  availability: readEndpoint("POST", "api/rest/v3/domain/availability"),
  info: readEndpoint("POST", "api/rest/v3/domain/info"),
  register: writeEndpoint("POST", "api/rest/v3/domain/register"),
  renew: writeEndpoint("POST", "api/rest/v3/domain/renew"),
  transfer: writeEndpoint("POST", "api/rest/v3/domain/transfer"),
  restore: writeEndpoint("POST", "api/rest/v3/domain/restore"),
  lock: writeEndpoint("POST", "api/rest/v3/domain/lock"),
  eppCode: readEndpoint("POST", "api/rest/v3/domain/eppcode"),
  modifyNameservers: writeEndpoint("PUT", "api/rest/v3/domain/modify/ns"),
  hostGet: readEndpoint("POST", "api/rest/v3/domain/nameserver/get"),
  hostCreate: writeEndpoint("POST", "api/rest/v3/domain/nameserver/create"),
  hostDelete: writeEndpoint("DELETE", "api/rest/v3/domain/nameserver/delete"),
} as const;

/** Domain and glue host endpoints of the API. */
export class DomainApi {
  constructor(private readonly client: IrsfaClient) {}

  /**
   * Checks whether a domain can be registered. The reference shows a success with empty data, so
   * a success without an `available` field counts as available.
   */
  async isAvailable(ref: DomainRef, options?: CallOptions): Promise<boolean> {
    const data = await this.client.call(DOMAIN_ENDPOINTS.availability, refParams(ref), options);
    const record = isRecord(data) ? data : {};
    return pickBoolean(record, ["available", "is_available", "availability"]) ?? true;
  }

  /** Returns the domain's details, or undefined when it is not in this account. */
  async info(ref: DomainRef, options?: CallOptions): Promise<DomainInfo | undefined> {
    try {
      const data = await this.client.call(DOMAIN_ENDPOINTS.info, refParams(ref), options);
      const record = firstRecord(data);
      return record ? parseDomainInfo(record, ref) : undefined;
    } catch (error) {
      if (error instanceof IrsfaNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Registers a domain; this places an order. */
  async register(
    ref: DomainRef,
    order: { period: number; nameservers: string[]; description: string; registrant: Registrant },
    options?: CallOptions,
  ): Promise<void> {
    const params = {
      ...refParams(ref),
      period: order.period,
      nameserver: order.nameservers,
      description: order.description,
      ...order.registrant,
    };
    await this.client.call(DOMAIN_ENDPOINTS.register, params, options);
  }

  /** Renews a domain by whole years; this charges the account. */
  async renew(
    ref: DomainRef,
    years: number,
    description: string,
    options?: CallOptions,
  ): Promise<void> {
    const params = { ...refParams(ref), period: years, description };
    await this.client.call(DOMAIN_ENDPOINTS.renew, params, options);
  }

  /** Restores a domain from redemption; this charges the account. */
  async restore(
    ref: DomainRef,
    years: number,
    description: string,
    options?: CallOptions,
  ): Promise<void> {
    const params = { ...refParams(ref), period: years, description };
    await this.client.call(DOMAIN_ENDPOINTS.restore, params, options);
  }

  /** Starts an inbound transfer with the current registrar's auth code; this places an order. */
  async transfer(
    ref: DomainRef,
    order: {
      authCode: string;
      nameservers: string[];
      description: string;
      registrant?: Registrant;
    },
    options?: CallOptions,
  ): Promise<void> {
    // The transfer endpoint documents the registrant fields without `initial` and `locale`.
    const {
      initial: _initial,
      locale: _locale,
      ...registrant
    } = order.registrant ?? ({} as Partial<Registrant>);
    const params = {
      ...refParams(ref),
      epp: order.authCode,
      nameserver: order.nameservers,
      description: order.description,
      ...registrant,
    };
    await this.client.call(DOMAIN_ENDPOINTS.transfer, params, options);
  }

  /** Turns the registrar lock on or off. */
  async setLock(ref: DomainRef, locked: boolean, options?: CallOptions): Promise<void> {
    await this.client.call(
      DOMAIN_ENDPOINTS.lock,
      { ...refParams(ref), status: locked ? 1 : 0 },
      options,
    );
  }

  /** Returns the domain's EPP (auth) code. The API gives it only for unlocked domains. */
  async eppCode(ref: DomainRef, options?: CallOptions): Promise<string> {
    const data = await this.client.call(DOMAIN_ENDPOINTS.eppCode, refParams(ref), options);
    if (typeof data === "string") {
      return data;
    }
    const code = isRecord(data)
      ? pickString(data, ["epp", "eppcode", "epp_code", "auth_code", "code"])
      : undefined;
    if (code === undefined) {
      throw new Error(`${DOMAIN_ENDPOINTS.eppCode.path} returned no EPP code`);
    }
    return code;
  }

  /** Replaces the domain's delegated nameservers. */
  async modifyNameservers(
    ref: DomainRef,
    nameservers: string[],
    options?: CallOptions,
  ): Promise<void> {
    await this.client.call(
      DOMAIN_ENDPOINTS.modifyNameservers,
      { ...refParams(ref), nameserver: nameservers },
      options,
    );
  }

  /** Returns a glue host, or undefined when the account has none by that name. */
  async getHost(host: string, options?: CallOptions): Promise<HostRecord | undefined> {
    try {
      const data = await this.client.call(DOMAIN_ENDPOINTS.hostGet, { host }, options);
      const record = firstRecord(data);
      return record ? parseHostRecord(record, host) : undefined;
    } catch (error) {
      if (error instanceof IrsfaNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Creates a glue host. An empty `ipv6` means the host has no IPv6 address. */
  async createHost(host: string, ipv4: string, ipv6: string, options?: CallOptions): Promise<void> {
    await this.client.call(DOMAIN_ENDPOINTS.hostCreate, { host, ipv4, ipv6 }, options);
  }

  /** Deletes a glue host by id and name. */
  async deleteHost(id: number, host: string, options?: CallOptions): Promise<void> {
    await this.client.call(DOMAIN_ENDPOINTS.hostDelete, { nameserver_id: id, host }, options);
  }
}

function refParams(ref: DomainRef): { domain_name: string; domain_extension: string } {
  return { domain_name: ref.name, domain_extension: ref.extension };
}

/** Reads a `domain/info` record; only `domain` and `status_domain` are documented. */
export function parseDomainInfo(record: JsonRecord, ref: DomainRef): DomainInfo {
  const nameservers =
    pickStringArray(record, ["nameserver", "nameservers", "ns"]) ?? numberedNameservers(record);
  return {
    domain: pickString(record, ["domain", "domain_full", "fqdn"]) ?? `${ref.name}.${ref.extension}`,
    status: pickString(record, ["status_domain", "status", "domain_status"]) ?? "Unknown",
    expiresOn: dateOnly(
      pickString(record, [
        "expired_date",
        "expiry_date",
        "expire_date",
        "expired_at",
        "expires_at",
        "expiration_date",
      ]),
    ),
    locked: pickBoolean(record, ["lock_status", "locked", "is_locked", "status_lock", "lock"]),
    nameservers,
  };
}

function numberedNameservers(record: JsonRecord): string[] | undefined {
  const found: string[] = [];
  for (let index = 1; index <= 13; index++) {
    const value = pickString(record, [`ns${index}`, `nameserver${index}`]);
    if (value !== undefined) {
      found.push(value);
    }
  }
  return found.length > 0 ? found : undefined;
}

function dateOnly(value: string | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match ? match[1] : value;
}

/** Reads a `domain/nameserver/get` record; the reference leaves its shape open. */
export function parseHostRecord(record: JsonRecord, host: string): HostRecord | undefined {
  const idText = pickString(record, ["id", "nameserver_id", "ns_id", "host_id"]);
  const id = idText === undefined ? NaN : Number(idText);
  if (!Number.isInteger(id)) {
    return undefined;
  }
  return {
    id,
    host: pickString(record, ["host", "hostname", "name"]) ?? host,
    ipv4: pickString(record, ["ipv4", "ip", "ip_address", "ipv4_address"]) ?? "",
    ipv6: pickString(record, ["ipv6", "ipv6_address"]) ?? "",
  };
}

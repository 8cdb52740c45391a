import { CallOptions, IrsfaClient, readEndpoint, writeEndpoint } from "./client";
import { IrsfaNotFoundError } from "./errors";
import {
  JsonRecord,
  firstRecord,
  isRecord,
  pickNumber,
  pickString,
  pickStringArray,
  recordList,
} from "./shapes";

/** Domain validation method of one hostname: `dns`, `http`, `https`, or an approval email address. */
export interface SslValidationMethod {
  hostname: string;
  method: string;
}

/**
 * Record one hostname must publish to pass domain validation, as the order detail reports it.
 * Fields that do not apply to the method are empty strings.
 */
export interface SslValidationDetail {
  hostname: string;
  method: string;
  /** DNS record name for the `dns` method, e.g. `_a1b2.example.com`. */
  recordName: string;
  /** DNS record type for the `dns` method, e.g. `CNAME` or `TXT`. */
  recordType: string;
  /** DNS record value for the `dns` method. */
  recordValue: string;
  /** URL path of the validation file for the `http` and `https` methods. */
  httpPath: string;
  /** Content of the validation file for the `http` and `https` methods. */
  httpContent: string;
  /** Address the approval email goes to, for the email method. */
  approvalEmail: string;
  /** Validation state as the API words it, e.g. `pending` or `validated`. */
  status: string;
}

/** An SSL order as `ssl/detail` and `ssl/list` report it. */
export interface SslOrder {
  /** Numeric order id, the only handle that `ssl/detail`, reissue, modify and renew take. */
  id: number;
  productId: string;
  /** Order state as the API words it (`status_ssl`), e.g. `Pending` or `Active`. */
  status: string;
  /** Hostnames of the order: the service name first, then the other validated hostnames. */
  hostnames: string[];
  csr: string;
  /** Contact handle of the organisation contact. */
  contact: string;
  approvalEmail: string;
  /** Period in years. */
  period: number;
  /** Expiry as the API reports it, e.g. `2025-06-20 09:07:11`; empty when not reported. */
  expiresAt: string;
  /** Activation date; empty until the certificate is issued. */
  activeAt: string;
  certificate: string;
  intermediateCertificate: string;
  rootCertificate: string;
  caBundle: string;
  serialNumber: string;
  /** Certificate state as the API words it, e.g. `VALID`; empty before issuance. */
  certificateStatus: string;
  validationMethods: SslValidationMethod[];
  validationDetails: SslValidationDetail[];
}

/** Fields of an order that `ssl/create`, `ssl/reissue` and `ssl/renew` send. */
export interface SslOrderRequest {
  productId: string;
  hostnames: string[];
  csr: string;
  contact: string;
  approvalEmail: string;
  /** Period in years; the API takes it as a string. */
  period: number;
  validationMethods: SslValidationMethod[];
  clientEmail: string;
  clientPhone: string;
}

/** A certificate type, e.g. Domain Validation. */
export interface SslType {
  typeId: number;
  name: string;
  active: boolean;
}

/** A certificate product the reseller can order. */
export interface SslProduct {
  productId: string;
  name: string;
  typeId: number;
  typeName: string;
  /** Registry id that `ssl/generate` and `ssl/decode` take. */
  registryId: number;
  /** Currency of the prices, e.g. `IDR`. */
  currency: string;
  registerPrice: number;
  renewPrice: number;
}

/** Subject fields that `ssl/generate` puts into a CSR. */
export interface CsrSubject {
  hostname: string;
  country: string;
  state: string;
  locality: string;
  organization: string;
  unit: string;
  email: string;
}

/** A CSR and its private key as `ssl/generate` returns them. */
export interface GeneratedCsr {
  csr: string;
  /** PEM private key; a secret. */
  privateKey: string;
}

/** Fields that `ssl/decode` reports about a CSR. */
export interface DecodedCsr {
  commonName: string;
  organization: string;
  unit: string;
  locality: string;
  state: string;
  country: string;
  email: string;
  /** Public key size in bits. */
  keyBits: number;
  /** PEM public key. */
  publicKey: string;
  signatureAlgorithm: string;
  /** DNS names of the subject alternative name extension. */
  subjectAlternativeNames: string[];
}

export const SSL_ENDPOINTS = {
  types: readEndpoint("GET", "api/rest/v3/ssl/type"),
  products: readEndpoint("GET", "api/rest/v3/ssl/product"),
  // Documented as a GET with a JSON body; fetch cannot send one, so the id goes in the query string.
  detail: readEndpoint("GET", "api/rest/v3/ssl/detail"),
  list: readEndpoint("POST", "api/rest/v3/ssl/list"),
  create: writeEndpoint("POST", "api/rest/v3/ssl/create"),
  reissue: writeEndpoint("POST", "api/rest/v3/ssl/reissue"),
  modify: writeEndpoint("POST", "api/rest/v3/ssl/modify"),
  renew: writeEndpoint("POST", "api/rest/v3/ssl/renew"),
  generate: writeEndpoint("POST", "api/rest/v3/ssl/generate"),
  decode: readEndpoint("POST", "api/rest/v3/ssl/decode"),
} as const;

/** Pages of `ssl/list` read at most, so a list whose paging never ends cannot loop forever. */
export const MAX_LIST_PAGES = 100;

/** SSL certificate endpoints of the API. */
export class SslApi {
  constructor(private readonly client: IrsfaClient) {}

  /** Returns the certificate types. */
  async types(options?: CallOptions): Promise<SslType[]> {
    const data = await this.client.call(SSL_ENDPOINTS.types, {}, options);
    return recordList(data).map((record) => ({
      typeId: pickNumber(record, ["ssl_type_id", "type_id", "id"]) ?? 0,
      name: pickString(record, ["ssl_type_name", "type_name", "name"]) ?? "",
      active: (pickNumber(record, ["active", "is_active"]) ?? 1) !== 0,
    }));
  }

  /** Returns the certificate products. */
  async products(options?: CallOptions): Promise<SslProduct[]> {
    const data = await this.client.call(SSL_ENDPOINTS.products, {}, options);
    return recordList(data).map(parseSslProduct);
  }

  /** Returns an order by id, or undefined when the account has no such order. */
  async detail(id: number, options?: CallOptions): Promise<SslOrder | undefined> {
    try {
      const data = await this.client.call(SSL_ENDPOINTS.detail, { id }, options);
      const record = firstRecord(data);
      return record ? parseSslOrder(record) : undefined;
    } catch (error) {
      if (error instanceof IrsfaNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Returns every order for a hostname, following the list's pages (10 per page on the API). */
  async listOrders(hostname: string, options?: CallOptions): Promise<SslOrder[]> {
    const orders: SslOrder[] = [];
    for (let page = 1; page <= MAX_LIST_PAGES; page++) {
      const endpoint = { ...SSL_ENDPOINTS.list, path: `${SSL_ENDPOINTS.list.path}?page=${page}` };
      const data = await this.client.call(endpoint, { hostname }, options);
      const records = recordList(data);
      orders.push(...records.map(parseSslOrder));

      if (records.length === 0 || !hasNextPage(data, page)) {
        return orders;
      }
    }
    throw new Error(
      `${SSL_ENDPOINTS.list.path} for ${hostname} still reports more pages after ${MAX_LIST_PAGES}`,
    );
  }

  /** Places a new order; this charges the account. The API returns no order id. */
  async create(order: SslOrderRequest, options?: CallOptions): Promise<void> {
    await this.client.call(SSL_ENDPOINTS.create, orderParams(order), options);
  }

  /** Reissues an order's certificate for new hostnames, CSR or contacts. */
  async reissue(id: number, order: SslOrderRequest, options?: CallOptions): Promise<void> {
    const { period, domain_validation_method, product_id, ...params } = orderParams(order);
    await this.client.call(SSL_ENDPOINTS.reissue, { id, ...params }, options);
  }

  /** Changes how the order's hostnames are validated. */
  async modify(id: number, methods: SslValidationMethod[], options?: CallOptions): Promise<void> {
    await this.client.call(
      SSL_ENDPOINTS.modify,
      { id, domain_validation_method: methodParams(methods) },
      options,
    );
  }

  /**
   * Renews an order; this charges the account. Returns the order id the API reports, which may be
   * a new order's id, or undefined when the response carries none.
   */
  async renew(
    id: number,
    order: SslOrderRequest,
    options?: CallOptions,
  ): Promise<number | undefined> {
    const { product_id, ...params } = orderParams(order);
    const data = await this.client.call(SSL_ENDPOINTS.renew, { id, ...params }, options);
    return isRecord(data) ? pickNumber(data, ["id", "order_id", "orderID"]) : undefined;
  }

  /** Generates a key pair and a CSR at the API. The response carries the private key. */
  async generateCsr(
    registryId: number,
    bits: number,
    subject: CsrSubject,
    options?: CallOptions,
  ): Promise<GeneratedCsr> {
    const data = await this.client.call(
      SSL_ENDPOINTS.generate,
      { registry_id: registryId, bits, ...subject },
      options,
    );
    const record = isRecord(data) ? data : {};
    const csr = pickString(record, ["csr"]);
    const privateKey = pickString(record, ["key", "private_key", "privateKey"]);
    if (csr === undefined || privateKey === undefined) {
      throw new Error(`${SSL_ENDPOINTS.generate.path} returned no CSR or no private key`);
    }
    return { csr, privateKey };
  }

  /** Decodes a CSR at the API. */
  async decodeCsr(registryId: number, csr: string, options?: CallOptions): Promise<DecodedCsr> {
    const data = await this.client.call(
      SSL_ENDPOINTS.decode,
      { registry_id: registryId, csr },
      options,
    );
    return parseDecodedCsr(isRecord(data) ? data : {});
  }
}

function orderParams(order: SslOrderRequest) {
  return {
    product_id: order.productId,
    hostname: order.hostnames,
    csr: order.csr,
    contact: order.contact,
    approval_email: order.approvalEmail,
    period: String(order.period),
    domain_validation_method: methodParams(order.validationMethods),
    email_client: order.clientEmail,
    phonenumber_client: order.clientPhone,
  };
}

function methodParams(methods: SslValidationMethod[]): Array<{ hostname: string; method: string }> {
  return methods.map(({ hostname, method }) => ({ hostname, method }));
}

function hasNextPage(data: unknown, page: number): boolean {
  if (!isRecord(data)) {
    return false;
  }
  const lastPage = pickNumber(data, ["last_page", "lastPage"]);
  if (lastPage !== undefined) {
    return page < lastPage;
  }
  return typeof data.next_page_url === "string" && data.next_page_url !== "";
}

/** Reads an order record of `ssl/detail` or `ssl/list`. */
export function parseSslOrder(record: JsonRecord): SslOrder {
  const validationMethods = parseValidationMethods(
    record.domain_validation_methods ?? record.domain_validation_method,
  );
  const serviceName = pickString(record, ["service_name", "hostname", "common_name"]);
  const listed = pickStringArray(record, ["hostnames", "hostname"]) ?? [];
  const hostnames = unique([
    ...(serviceName ? [serviceName] : []),
    ...listed,
    ...validationMethods.map((m) => m.hostname),
  ]);

  return {
    id: pickNumber(record, ["id", "order_id", "orderID"]) ?? 0,
    productId: pickString(record, ["product_id"]) ?? "",
    status:
      pickString(record, ["status_ssl", "status_name"]) ??
      pickString(record, ["status"]) ??
      "Unknown",
    hostnames: hostnames.map((name) => name.toLowerCase()),
    csr: pickString(record, ["csr"]) ?? "",
    contact: pickString(record, ["organization_handle", "contact", "technical_handle"]) ?? "",
    approvalEmail: pickString(record, ["approval_email", "email_reissue"]) ?? "",
    period: pickNumber(record, ["period"]) ?? 1,
    expiresAt:
      pickString(record, ["exp_date", "expired_date", "expiry_date", "order_ends_at"]) ?? "",
    activeAt: pickString(record, ["active_date", "activated_at"]) ?? "",
    certificate: pickString(record, ["certificate", "crt"]) ?? "",
    intermediateCertificate: pickString(record, ["intermediate_certificate", "intermediate"]) ?? "",
    rootCertificate: pickString(record, ["root_certificate", "root"]) ?? "",
    caBundle: pickString(record, ["ca_bundle", "cabundle"]) ?? "",
    serialNumber: pickString(record, ["serial_number", "serial"]) ?? "",
    certificateStatus: pickString(record, ["certificate_status"]) ?? "",
    validationMethods,
    validationDetails: parseValidationDetails(record),
  };
}

/**
 * Reads the validation methods: objects with `hostName` or `hostname`, or `hostname:method` strings
 * (the request field is typed `string[]` in the reference).
 */
function parseValidationMethods(value: unknown): SslValidationMethod[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const methods: SslValidationMethod[] = [];
  for (const item of value) {
    if (isRecord(item)) {
      const hostname = pickString(item, ["hostName", "hostname", "host"]);
      const method = pickString(item, ["method", "dcv_method", "validation_method"]);
      if (hostname && method) {
        methods.push({ hostname: hostname.toLowerCase(), method });
      }
    }
  }
  return methods;
}

/**
 * Reads the details of domain validation. The reference leaves them unspecified; the simulator sends
 * `domain_validation_details`, and `additional_data.dcv` or `dcv` are read as well.
 */
function parseValidationDetails(record: JsonRecord): SslValidationDetail[] {
  const additional = isRecord(record.additional_data) ? record.additional_data : {};
  const list = [record.domain_validation_details, additional.dcv, record.dcv].find(
    Array.isArray,
  ) as unknown[] | undefined;
  return (list ?? []).filter(isRecord).map((item) => {
    const dns = isRecord(item.dns) ? item.dns : item;
    const http = isRecord(item.http) ? item.http : item;
    return {
      hostname: (pickString(item, ["hostName", "hostname", "host"]) ?? "").toLowerCase(),
      method: pickString(item, ["method"]) ?? "",
      recordName: pickString(dns, ["name", "record_name", "host_record"]) ?? "",
      recordType: pickString(dns, ["type", "record_type"]) ?? "",
      recordValue: pickString(dns, ["value", "record_value", "target"]) ?? "",
      httpPath: pickString(http, ["path", "http_path", "file_path"]) ?? "",
      httpContent: pickString(http, ["content", "http_content", "file_content"]) ?? "",
      approvalEmail: pickString(item, ["email", "approval_email"]) ?? "",
      status: pickString(item, ["status", "state"]) ?? "",
    };
  });
}

function parseSslProduct(record: JsonRecord): SslProduct {
  return {
    productId: pickString(record, ["product_id", "id"]) ?? "",
    name: pickString(record, ["product_name", "name"]) ?? "",
    typeId: pickNumber(record, ["ssl_type_id", "type_id"]) ?? 0,
    typeName: pickString(record, ["ssl_type_name", "type_name"]) ?? "",
    registryId: pickNumber(record, ["registry_id"]) ?? 0,
    currency: pickString(record, ["kurs_product", "currency"]) ?? "",
    registerPrice: pickNumber(record, ["pricing_register", "price"]) ?? 0,
    renewPrice: pickNumber(record, ["pricing_renew"]) ?? 0,
  };
}

function parseDecodedCsr(record: JsonRecord): DecodedCsr {
  const subject = isRecord(record.subject) ? record.subject : {};
  const publicKey = isRecord(record.publicKey) ? record.publicKey : {};
  const alternative = record.subjectAlternativeName;
  const names = Array.isArray(alternative)
    ? alternative.filter((name): name is string => typeof name === "string")
    : typeof alternative === "string"
      ? alternative
          .split(",")
          .map((name) => name.replace(/^DNS:/i, "").trim())
          .filter((name) => name !== "")
      : [];
  return {
    commonName: pickString(subject, ["commonName", "CN"]) ?? "",
    organization: pickString(subject, ["organization", "O"]) ?? "",
    unit: pickString(subject, ["unit", "OU"]) ?? "",
    locality: pickString(subject, ["locality", "L"]) ?? "",
    state: pickString(subject, ["state", "ST"]) ?? "",
    country: pickString(subject, ["country", "C"]) ?? "",
    email: pickString(subject, ["email", "emailAddress"]) ?? "",
    keyBits: pickNumber(publicKey, ["bits"]) ?? 0,
    publicKey: pickString(publicKey, ["key"]) ?? "",
    signatureAlgorithm: pickString(record, ["signatureHashAlgorithm", "signatureAlgorithm"]) ?? "",
    subjectAlternativeNames: names,
  };
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

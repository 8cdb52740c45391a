import { CallOptions, IrsfaClient, readEndpoint, writeEndpoint } from "./client";
import { IrsfaNotFoundError } from "./errors";
import { JsonRecord, firstRecord, isRecord, pickNumber, pickString, recordList } from "./shapes";

/** A hosting plan of the `hosting/product` catalogue. */
export interface HostingProduct {
  /** Product id that `hosting/create` takes as `product_id`, e.g. `PR0008`. */
  id: string;
  /** Product name, e.g. `Hosting Business`; the id when the API gives no name. */
  name: string;
  /** Every field the API returned for the product, as it returned them. */
  details: JsonRecord;
}

/** Fields of a `hosting/create` order. */
export interface HostingOrder {
  /** Domain the account serves, e.g. `example.com`. */
  domain: string;
  productId: string;
  /** Account username, letters and digits only. */
  username: string;
  email: string;
  password: string;
  /** Billing period in months. */
  period: number;
}

/** A service as `hosting/detail` reports it. */
export interface HostingService {
  serviceId: number;
  domain: string;
  productId: string;
  /** Product name, when reported. */
  productName?: string;
  /** Account username, when reported. */
  username?: string;
  /** Status as the API words it, e.g. `Active` or `Suspended`. */
  status: string;
  /** True when the status reports the service as suspended. */
  suspended: boolean;
  /** True when the status reports the service as terminated or cancelled, so it no longer exists. */
  terminated: boolean;
  /** Next billing date as reported, when reported. */
  nextDueDate?: string;
}

/**
 * `hosting/create` succeeded but its response named no service id. The order was placed, so the
 * caller must not send it again.
 */
export class HostingServiceIdMissingError extends Error {
  constructor(readonly data: unknown) {
    super(`${HOSTING_ENDPOINTS.create.path} succeeded but returned no service id`);
    this.name = "HostingServiceIdMissingError";
  }
}

export const HOSTING_ENDPOINTS = {
  product: readEndpoint("GET", "api/rest/v3/hosting/product"),
  create: writeEndpoint("POST", "api/rest/v3/hosting/create"),
  detail: readEndpoint("POST", "api/rest/v3/hosting/detail"),
  changePassword: writeEndpoint("POST", "api/rest/v3/hosting/change-password"),
  suspend: writeEndpoint("POST", "api/rest/v3/hosting/suspend"),
  unsuspend: writeEndpoint("POST", "api/rest/v3/hosting/unsuspend"),
} as const;

const SERVICE_ID_KEYS = ["serviceID", "serviceId", "service_id", "serviceid", "id"];
const PRODUCT_ID_KEYS = ["product_id", "productID", "productId", "pid", "id", "code"];

/** Hosting endpoints of the API. The API has no list of services and no terminate. */
export class HostingApi {
  constructor(private readonly client: IrsfaClient) {}

  /** Returns the hosting product catalogue; products without an id are skipped. */
  async products(options?: CallOptions): Promise<HostingProduct[]> {
    const data = await this.client.call(HOSTING_ENDPOINTS.product, {}, options);
    return productRecords(data).flatMap((record) => {
      const product = parseHostingProduct(record);
      return product ? [product] : [];
    });
  }

  /**
   * Orders a hosting service and returns its service id. Throws a
   * {@link HostingServiceIdMissingError} when the order succeeded without naming the id.
   */
  async create(order: HostingOrder, options?: CallOptions): Promise<number> {
    const params = {
      domain: order.domain,
      product_id: order.productId,
      username: order.username,
      email: order.email,
      password: order.password,
      period: order.period,
    };
    const data = await this.client.call(HOSTING_ENDPOINTS.create, params, options);
    const serviceId = serviceIdFrom(data);
    if (serviceId === undefined) {
      throw new HostingServiceIdMissingError(data);
    }
    return serviceId;
  }

  /** Returns a service's details, or undefined when the account has no service by that id. */
  async detail(serviceId: number, options?: CallOptions): Promise<HostingService | undefined> {
    try {
      const data = await this.client.call(
        HOSTING_ENDPOINTS.detail,
        { serviceID: serviceId },
        options,
      );
      const record = firstRecord(unwrap(data));
      return record ? parseHostingService(record, serviceId) : undefined;
    } catch (error) {
      if (error instanceof IrsfaNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Sets the account's password. */
  async changePassword(serviceId: number, password: string, options?: CallOptions): Promise<void> {
    await this.client.call(
      HOSTING_ENDPOINTS.changePassword,
      { serviceID: serviceId, password },
      options,
    );
  }

  /** Suspends the service. The API returns an error when it is already suspended. */
  async suspend(serviceId: number, options?: CallOptions): Promise<void> {
    await this.client.call(HOSTING_ENDPOINTS.suspend, { serviceID: serviceId }, options);
  }

  /** Lifts a suspension. The API returns an error when the service is not suspended. */
  async unsuspend(serviceId: number, options?: CallOptions): Promise<void> {
    await this.client.call(HOSTING_ENDPOINTS.unsuspend, { serviceID: serviceId }, options);
  }
}

/**
 * Reads the service id from a `hosting/create` response, which the reference leaves open: a bare
 * number or numeric string, or an object with the id at the top or under `service`, `order` or
 * `data`.
 */
export function serviceIdFrom(data: unknown): number | undefined {
  const direct = typeof data === "string" && data.trim() !== "" ? Number(data) : data;
  if (typeof direct === "number") {
    return Number.isInteger(direct) && direct > 0 ? direct : undefined;
  }

  const record = firstRecord(data);
  if (!record) {
    return undefined;
  }
  const id = pickNumber(record, SERVICE_ID_KEYS);
  if (id !== undefined && Number.isInteger(id) && id > 0) {
    return id;
  }
  for (const key of ["service", "order", "data"]) {
    if (isRecord(record[key]) || Array.isArray(record[key])) {
      const nested = serviceIdFrom(record[key]);
      if (nested !== undefined) {
        return nested;
      }
    }
  }
  return undefined;
}

/** Reads one product record; returns undefined for a record without an id. */
export function parseHostingProduct(record: JsonRecord): HostingProduct | undefined {
  const id = pickString(record, PRODUCT_ID_KEYS);
  if (id === undefined) {
    return undefined;
  }
  return {
    id,
    name: pickString(record, ["name", "product_name", "productName", "title"]) ?? id,
    details: record,
  };
}

/** Reads a `hosting/detail` record; the reference leaves its shape open. */
export function parseHostingService(record: JsonRecord, serviceId: number): HostingService {
  const status =
    pickString(record, ["status", "service_status", "domainstatus", "state"]) ?? "Unknown";
  return {
    serviceId: pickNumber(record, SERVICE_ID_KEYS) ?? serviceId,
    domain: (pickString(record, ["domain", "domain_name", "domainName"]) ?? "").toLowerCase(),
    productId: pickString(record, ["product_id", "productID", "productId", "pid"]) ?? "",
    productName: pickString(record, ["product_name", "productName", "product"]),
    username: pickString(record, ["username", "user", "user_name"]),
    status,
    suspended: /suspend/i.test(status),
    terminated: /terminat|cancel/i.test(status),
    nextDueDate: pickString(record, ["next_due_date", "nextduedate", "next_due", "expired_date"]),
  };
}

/** Returns the product records of a catalogue: a list, a list under a key, or a map by id. */
function productRecords(data: unknown): JsonRecord[] {
  const listed = recordList(data, ["products", "product", "data", "items"]);
  if (listed.length > 0 || !isRecord(data)) {
    return listed;
  }

  // A map keyed by product id: each value is the product, and the key is its id when it has none.
  return Object.entries(data)
    .filter(([, value]) => isRecord(value))
    .map(([key, value]) => ({ product_id: key, ...(value as JsonRecord) }));
}

/** Unwraps a record nested under `service` or `data`, which some backends of this kind send. */
function unwrap(data: unknown): unknown {
  if (isRecord(data)) {
    for (const key of ["service", "data"]) {
      if (isRecord(data[key])) {
        return data[key];
      }
    }
  }
  return data;
}

/** Stored SSL products and orders of the simulator, and the API shapes they are returned in. */

import { validationValues } from "../pki";

/** A certificate product the simulated account can order. */
export interface SslProductRecord {
  product_id: string;
  product_name: string;
  ssl_type_id: number;
  registry_id: number;
  pricing: number;
  /** Hostnames one order may cover. */
  maxHostnames: number;
}

/** The certificate products of a fresh simulator. */
export const SSL_PRODUCTS: readonly SslProductRecord[] = [
  {
    product_id: "PR00019",
    product_name: "Sectigo Positive SSL - [Comodo]",
    ssl_type_id: 1,
    registry_id: 2,
    pricing: 65000,
    maxHostnames: 1,
  },
  {
    product_id: "PR00023",
    product_name: "Sectigo Positive SSL Multi-Domain - [Comodo]",
    ssl_type_id: 1,
    registry_id: 2,
    pricing: 390000,
    maxHostnames: 10,
  },
  {
    product_id: "PR00031",
    product_name: "Sectigo EV SSL - [Comodo]",
    ssl_type_id: 2,
    registry_id: 2,
    pricing: 1950000,
    maxHostnames: 1,
  },
];

export const SSL_TYPES = [
  { ssl_type_id: 1, ssl_type_name: "Domain Validation" },
  { ssl_type_id: 2, ssl_type_name: "Extended Validation" },
];

/** An SSL order in the simulated account. */
export interface SslOrderRecord {
  id: number;
  productId: string;
  hostnames: string[];
  csr: string;
  contact: string;
  approvalEmail: string;
  clientEmail: string;
  clientPhone: string;
  period: number;
  methods: Array<{ hostname: string; method: string }>;
  /** `Pending` until validation passes and the certificate is issued, then `Active`, or `Expired`. */
  status: string;
  /** Epoch milliseconds at which validation was satisfied; undefined while it is outstanding. */
  validatedAt?: number;
  /** Random part of the validation values, new with every reissue. */
  uniqueValue: string;
  regDate: string;
  expDate: string;
  activeDate: string | null;
  certificate: string | null;
  intermediate: string | null;
  root: string | null;
  serialNumber: string | null;
  reissueAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An email address, loosely: something, an at sign, and a domain with a dot. */
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function productData(product: SslProductRecord): Record<string, unknown> {
  return {
    product_id: product.product_id,
    product_type_name: "SSL",
    product_name: product.product_name,
    kurs_product: "IDR",
    pricing_register: product.pricing,
    pricing_renew: product.pricing,
    pricing_transfer: null,
    pricing_restore: product.pricing * 6,
    ssl_type_id: product.ssl_type_id,
    ssl_type_name: SSL_TYPES.find((type) => type.ssl_type_id === product.ssl_type_id)
      ?.ssl_type_name,
    registry_id: product.registry_id,
  };
}

/** Numeric `status` the API sends beside `status_ssl`; the reference shows 1 for active and 2 for pending. */
const STATUS_CODES: Record<string, number> = { Active: 1, Pending: 2, Expired: 3 };

/** Returns an order as `ssl/detail` (with certificate fields) or `ssl/list` reports it. */
export function orderData(
  order: SslOrderRecord,
  withCertificate: boolean,
): Record<string, unknown> {
  const product = SSL_PRODUCTS.find((candidate) => candidate.product_id === order.productId);
  const data: Record<string, unknown> = {
    id: order.id,
    product_id: order.productId,
    registry_id: product?.registry_id ?? 2,
    status: STATUS_CODES[order.status] ?? 3,
    product_name: product?.product_name ?? "",
    service_name: order.hostnames[0],
    csr: order.csr,
    organization_handle: order.contact,
    technical_handle: order.contact,
    admin_handle: null,
    billing_handle: null,
    approval_email: order.approvalEmail,
    email_reissue: order.reissueAt ? order.approvalEmail : null,
    period: order.period,
    reg_date: order.regDate,
    exp_date: order.expDate,
    active_date: order.activeDate,
    certificate: order.certificate,
    intermediate_certificate: order.intermediate,
    root_certificate: order.root,
    domain_validation_methods: order.methods.map(({ hostname, method }) => ({
      hostName: hostname,
      method,
    })),
    domain_validation_details: validationDetails(order),
    reissue_at: order.reissueAt,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    status_ssl: order.status,
  };
  if (withCertificate) {
    data.serial_number = order.serialNumber;
    data.certificate_status = null;
    if (order.certificate) {
      data.certificate_status = order.status === "Expired" ? "EXPIRED" : "VALID";
    }
    data.ca_bundle = order.intermediate && order.root ? `${order.intermediate}${order.root}` : null;
  }
  return data;
}

/**
 * Returns what each hostname must publish. The reference does not document this part of the detail;
 * the simulator's shape is `domain_validation_details`, one entry per hostname.
 */
function validationDetails(order: SslOrderRecord): Array<Record<string, unknown>> {
  const der = Buffer.from(order.csr.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
  const values = validationValues(der, order.uniqueValue);
  const status =
    order.validatedAt !== undefined || order.status === "Active" ? "validated" : "pending";
  return order.methods.map(({ hostname, method }) => {
    const base = hostname.replace(/^\*\./, "");
    return {
      hostName: hostname,
      method,
      status,
      dns: {
        name: `_${values.md5}.${base}`,
        type: "CNAME",
        value: `${values.sha256.slice(0, 32)}.${values.sha256.slice(32)}.${values.uniqueValue}.sectigo.com`,
      },
      http: {
        path: `/.well-known/pki-validation/${values.md5.toUpperCase()}.txt`,
        content: `${values.sha256}\nsectigo.com\n${values.uniqueValue}`,
      },
      email: EMAIL.test(method) ? method : null,
    };
  });
}

/** Formats a date as the API does, `YYYY-MM-DD HH:MM:SS`, in UTC. */
export function timestamp(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 19);
}

export function addYears(date: Date, years: number): Date {
  const result = new Date(date.getTime());
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

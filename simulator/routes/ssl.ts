import { randomBytes } from "node:crypto";

import { ApiRequest, invalid, notFound } from "../http";
import { CsrFacts, generateCsr, issueCertificate, readCsr } from "../pki";
import { RouteContext, Router } from "../router";
import { StateStore } from "../state";
import { Schema, validate } from "../validation";
import {
  EMAIL,
  SSL_PRODUCTS,
  SSL_TYPES,
  SslOrderRecord,
  SslProductRecord,
  addYears,
  orderData,
  productData,
  timestamp,
} from "./ssl-records";

const PER_PAGE = 10;
const DAY_MS = 86_400_000;
/** Days before expiry from which an active order can be renewed. */
export const RENEWAL_WINDOW_DAYS = 90;

const WILDCARD_HOSTNAME =
  /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

const CONTACT_FIELDS: Schema = {
  contact: { type: "string", max: 64 },
  approval_email: {
    type: "string",
    pattern: EMAIL,
    patternMessage: "The approval email must be a valid email address.",
  },
  email_client: {
    type: "string",
    pattern: EMAIL,
    patternMessage: "The email client must be a valid email address.",
  },
  phonenumber_client: {
    type: "string",
    pattern: /^\+[1-9]\d{6,14}$/,
    patternMessage: "The phonenumber client must be in E.164 form, e.g. +6281112863182.",
  },
};

const HOSTNAME_FIELD: Schema = {
  hostname: {
    type: "string[]",
    min: 1,
    pattern: WILDCARD_HOSTNAME,
    patternMessage: "Each hostname must be a hostname such as www.example.com.",
  },
  csr: { type: "string" },
};

/** Adds the SSL endpoints: type, product, detail, list, create, reissue, modify, renew, generate, decode. */
export function registerSslRoutes(router: Router): void {
  router.read("GET", "api/rest/v3/ssl/type", () =>
    SSL_TYPES.map((type) => ({
      ...type,
      active: 1,
      created_time: 1557304040,
      modify_time: 1557304040,
    })),
  );
  router.read("GET", "api/rest/v3/ssl/product", () => SSL_PRODUCTS.map(productData));
  router.read("GET", "api/rest/v3/ssl/detail", detail);
  router.read("POST", "api/rest/v3/ssl/list", list);
  router.write("POST", "api/rest/v3/ssl/create", create);
  router.write("POST", "api/rest/v3/ssl/reissue", reissue);
  router.write("POST", "api/rest/v3/ssl/modify", modify);
  router.write("POST", "api/rest/v3/ssl/renew", renew);
  router.write("POST", "api/rest/v3/ssl/generate", generate);
  router.read("POST", "api/rest/v3/ssl/decode", decode);
}

/**
 * Adds the admin routes of SSL orders: `ssl/validate` satisfies an order's domain validation (the
 * certificate is issued `sslIssueMs` later), and `ssl/change` changes an order out of band.
 */
export function registerSslAdminRoutes(admin: Router): void {
  admin.write("POST", "ssl/validate", (request, context) => {
    const { id } = validate(request.body, { id: { type: "integer", min: 1 } });
    const order = findOrder(context.store, id);
    order.validatedAt = Date.now();
    return { id, validatedAt: order.validatedAt };
  });
  admin.write("POST", "ssl/change", changeOrder);
}

function orders(store: StateStore): Record<string, SslOrderRecord> {
  return store.section("ssl", () => ({ orders: {} as Record<string, SslOrderRecord> })).orders;
}

function findOrder(store: StateStore, id: number): SslOrderRecord {
  const order = orders(store)[String(id)];
  if (!order) {
    notFound(`SSL order ${id} not found in your account!`);
  }
  return order;
}

async function detail(request: ApiRequest, context: RouteContext): Promise<unknown> {
  // The reference documents `id` in the body of a GET; the server merges the query into the body.
  const { id } = validate(request.body, { id: { type: "integer", min: 1 } });
  const order = findOrder(context.store, id);
  await settle(order, context);
  return orderData(order, true);
}

async function list(request: ApiRequest, context: RouteContext): Promise<unknown> {
  const { hostname } = validate(request.body, {
    hostname: { type: "string", pattern: WILDCARD_HOSTNAME },
  });
  const page = Math.max(1, Number.parseInt(request.query.get("page") ?? "1", 10) || 1);
  const matching = Object.values(orders(context.store))
    .filter((order) => order.hostnames.includes(hostname.toLowerCase()))
    .sort((left, right) => left.id - right.id);
  for (const order of matching) {
    await settle(order, context);
  }

  const lastPage = Math.max(1, Math.ceil(matching.length / PER_PAGE));
  const items = matching.slice((page - 1) * PER_PAGE, page * PER_PAGE);
  const base = `${request.path.replace(/^\//, "")}`;
  const pageUrl = (number: number) => `/${base}?page=${number}`;
  return {
    current_page: page,
    data: items.map((order) => orderData(order, false)),
    first_page_url: pageUrl(1),
    from: items.length > 0 ? (page - 1) * PER_PAGE + 1 : null,
    last_page: lastPage,
    last_page_url: pageUrl(lastPage),
    next_page_url: page < lastPage ? pageUrl(page + 1) : null,
    path: `/${base}`,
    per_page: PER_PAGE,
    prev_page_url: page > 1 ? pageUrl(page - 1) : null,
    to: items.length > 0 ? (page - 1) * PER_PAGE + items.length : null,
    total: matching.length,
  };
}

async function create(request: ApiRequest, context: RouteContext): Promise<unknown> {
  const fields = validate(request.body, {
    product_id: { type: "string" },
    ...HOSTNAME_FIELD,
    ...CONTACT_FIELDS,
    period: { type: "integer", min: 1, max: 3 },
    domain_validation_method: { type: "any" },
  });
  const product = productOf(fields.product_id);
  const hostnames = await checkHostnames(product, fields.hostname, fields.csr);
  const methods = checkMethods(request.body.domain_validation_method, hostnames);

  const now = new Date();
  const order: SslOrderRecord = {
    id: context.store.nextId("ssl"),
    productId: product.product_id,
    hostnames,
    csr: fields.csr,
    contact: fields.contact,
    approvalEmail: fields.approval_email,
    clientEmail: fields.email_client,
    clientPhone: fields.phonenumber_client,
    period: fields.period,
    methods,
    status: "Pending",
    uniqueValue: randomBytes(5).toString("hex"),
    regDate: timestamp(now),
    expDate: timestamp(addYears(now, fields.period)),
    activeDate: null,
    certificate: null,
    intermediate: null,
    root: null,
    serialNumber: null,
    reissueAt: null,
    createdAt: timestamp(now),
    updatedAt: timestamp(now),
  };
  orders(context.store)[String(order.id)] = order;

  // The API returns no order id here, so clients find it through ssl/list.
  return {
    registry_id: String(product.registry_id),
    product_id: product.product_id,
    hostname: hostnames[0],
    csr: order.csr,
    organization_handle: order.contact,
    technical_handle: order.contact,
    approval_email: order.approvalEmail,
    period: order.period,
    domain_validation_method: methods.map(({ hostname, method }) => ({
      hostName: hostname,
      method,
    })),
  };
}

async function reissue(request: ApiRequest, context: RouteContext): Promise<unknown> {
  const fields = validate(request.body, {
    id: { type: "integer", min: 1 },
    ...HOSTNAME_FIELD,
    ...CONTACT_FIELDS,
  });
  const order = findOrder(context.store, fields.id);
  await settle(order, context);
  if (order.status !== "Pending" && order.status !== "Active") {
    invalid(
      "id",
      `SSL order ${order.id} is ${order.status}; only pending or active orders can be reissued.`,
    );
  }

  const hostnames = await checkHostnames(productOf(order.productId), fields.hostname, fields.csr);
  const previous = new Map(order.methods.map((entry) => [entry.hostname, entry.method]));
  order.methods = hostnames.map((hostname) => ({
    hostname,
    method: previous.get(hostname) ?? "dns",
  }));
  Object.assign(order, {
    hostnames,
    csr: fields.csr,
    contact: fields.contact,
    approvalEmail: fields.approval_email,
    clientEmail: fields.email_client,
    clientPhone: fields.phonenumber_client,
    // The issued certificate stays valid; the reissued one needs validation again.
    status: "Pending",
    validatedAt: undefined,
    uniqueValue: randomBytes(5).toString("hex"),
    reissueAt: timestamp(new Date()),
    updatedAt: timestamp(new Date()),
  });
  return {
    registry_id: 2,
    id: order.id,
    hostname: hostnames[0],
    csr: order.csr,
    organization_handle: order.contact,
    technical_handle: order.contact,
    approval_email: order.approvalEmail,
  };
}

async function modify(request: ApiRequest, context: RouteContext): Promise<unknown> {
  const fields = validate(request.body, {
    id: { type: "integer", min: 1 },
    domain_validation_method: { type: "any" },
  });
  const order = findOrder(context.store, fields.id);
  await settle(order, context);
  if (order.status === "Expired") {
    invalid("id", `SSL order ${order.id} is Expired; its validation can no longer be modified.`);
  }
  order.methods = checkMethods(request.body.domain_validation_method, order.hostnames);
  order.updatedAt = timestamp(new Date());
  return { id: String(order.id) };
}

async function renew(request: ApiRequest, context: RouteContext): Promise<unknown> {
  const fields = validate(request.body, {
    id: { type: "integer", min: 1 },
    ...HOSTNAME_FIELD,
    ...CONTACT_FIELDS,
    period: { type: "integer", min: 1, max: 3 },
    domain_validation_method: { type: "any" },
  });
  const order = findOrder(context.store, fields.id);
  await settle(order, context);

  const expiresAt = Date.parse(`${order.expDate.replace(" ", "T")}Z`);
  const opensAt = expiresAt - RENEWAL_WINDOW_DAYS * DAY_MS;
  if (order.status === "Pending" || (order.status === "Active" && Date.now() < opensAt)) {
    invalid(
      "id",
      `SSL order ${order.id} can be renewed from ${timestamp(new Date(opensAt))}, ${RENEWAL_WINDOW_DAYS} days before it expires.`,
    );
  }

  const hostnames = await checkHostnames(productOf(order.productId), fields.hostname, fields.csr);
  order.methods = checkMethods(request.body.domain_validation_method, hostnames);
  Object.assign(order, {
    hostnames,
    csr: fields.csr,
    period: fields.period,
    updatedAt: timestamp(new Date()),
  });
  const base = order.status === "Active" ? new Date(expiresAt) : new Date();
  order.expDate = timestamp(addYears(base, fields.period));
  if (order.status === "Active") {
    await issue(order);
  } else {
    Object.assign(order, { status: "Pending", validatedAt: undefined });
  }
  return { registry_id: 2, id: order.id };
}

async function generate(request: ApiRequest): Promise<unknown> {
  const fields = validate(request.body, {
    registry_id: { type: "integer", min: 1 },
    bits: { type: "integer", oneOf: [2048, 3072, 4096] },
    hostname: { type: "string", pattern: WILDCARD_HOSTNAME },
    country: {
      type: "string",
      pattern: /^[A-Z]{2}$/,
      patternMessage: "The country must be an ISO 3166-1 alpha-2 code.",
    },
    state: { type: "string", max: 128 },
    locality: { type: "string", max: 128 },
    organization: { type: "string", max: 64 },
    unit: { type: "string", max: 64 },
    email: {
      type: "string",
      pattern: EMAIL,
      patternMessage: "The email must be a valid email address.",
    },
  });
  const { csr, key } = await generateCsr(fields.bits, fields as never);
  const subject = `/C=${fields.country}/ST=${fields.state}/L=${fields.locality}/O=${fields.organization}/OU=${fields.unit}/CN=${fields.hostname}/emailAddress=${fields.email}`;
  return {
    command: `openssl req -new -newkey rsa:${fields.bits} -nodes -out your.csr -keyout your.private.key -subj "${subject}"`,
    csr,
    key,
    keyPath: `key_${randomBytes(3).toString("hex")}`,
  };
}

async function decode(request: ApiRequest): Promise<unknown> {
  const fields = validate(request.body, {
    registry_id: { type: "integer", min: 1 },
    csr: { type: "string" },
  });
  const facts = await parseCsrField(fields.csr);
  const wildcards = facts.names.filter((name) => name.startsWith("*.")).length;
  return {
    publicKey: { bits: String(facts.keyBits), key: facts.publicKeyPem },
    subject: {
      commonName: facts.commonName,
      organization: facts.organization,
      unit: facts.unit,
      locality: facts.locality,
      state: facts.state,
      country: facts.country,
      email: facts.email,
    },
    signatureHashAlgorithm: facts.signatureAlgorithm,
    subjectAlternativeName:
      facts.alternativeNames.length > 0
        ? facts.alternativeNames.map((name) => `DNS:${name}`).join(", ")
        : null,
    domainNamesCount: String(facts.names.length),
    wildcardDomainNamesCount: wildcards > 0 ? String(wildcards) : null,
    nonWildcardDomainNamesCount: String(facts.names.length - wildcards),
  };
}

/** Changes an order as if the CA or a control panel had: expiry, status, validation, or removal. */
function changeOrder(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    id: { type: "integer", min: 1 },
    expDate: {
      type: "string",
      required: false,
      pattern: /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/,
    },
    status: { type: "string", required: false, oneOf: ["Pending", "Active", "Expired"] },
    remove: { type: "any", required: false },
  });
  const order = findOrder(context.store, fields.id);
  if (fields.remove === true) {
    delete orders(context.store)[String(order.id)];
    return { removed: order.id };
  }
  if (fields.expDate) {
    order.expDate = fields.expDate.length === 10 ? `${fields.expDate} 00:00:00` : fields.expDate;
  }
  if (fields.status) {
    order.status = fields.status;
  }
  return orderData(order, true);
}

/** Issues the certificate of a pending order once its validation has been satisfied long enough. */
async function settle(order: SslOrderRecord, context: RouteContext): Promise<void> {
  const due =
    order.validatedAt !== undefined &&
    Date.now() >= order.validatedAt + context.settings.sslIssueMs;
  if (order.status === "Pending" && due) {
    await issue(order);
    order.status = "Active";
    order.activeDate = timestamp(new Date());
    context.store.save();
  }
  if (order.status === "Active" && Date.parse(`${order.expDate.replace(" ", "T")}Z`) < Date.now()) {
    order.status = "Expired";
    context.store.save();
  }
}

async function issue(order: SslOrderRecord): Promise<void> {
  const facts = await readCsr(order.csr);
  const chain = await issueCertificate(
    facts,
    order.hostnames,
    new Date(Date.parse(`${order.expDate.replace(" ", "T")}Z`)),
  );
  Object.assign(order, {
    certificate: chain.certificate,
    intermediate: chain.intermediate,
    root: chain.root,
    serialNumber: chain.serialNumber,
  });
}

async function parseCsrField(csr: string): Promise<CsrFacts> {
  try {
    return await readCsr(csr);
  } catch (error) {
    return invalid(
      "csr",
      `The csr is not a valid certificate signing request: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
}

/** Checks the hostnames against the product and the CSR; returns them lowercase. */
async function checkHostnames(
  product: SslProductRecord,
  requested: string[],
  csr: string,
): Promise<string[]> {
  const hostnames = [...new Set(requested.map((name) => name.toLowerCase()))];
  if (hostnames.length > product.maxHostnames) {
    invalid(
      "hostname",
      `The product ${product.product_id} covers at most ${product.maxHostnames} hostname(s).`,
    );
  }
  const facts = await parseCsrField(csr);
  const uncovered = hostnames.filter((name) => !facts.names.includes(name));
  if (uncovered.length > 0) {
    invalid(
      "csr",
      `The csr does not cover ${uncovered.join(", ")}; it covers ${facts.names.join(", ") || "no names"}.`,
    );
  }
  return hostnames;
}

/** Checks `domain_validation_method`: one entry per hostname, each method dns, http, https or an email. */
function checkMethods(
  value: unknown,
  hostnames: string[],
): Array<{ hostname: string; method: string }> {
  if (!Array.isArray(value) || value.length === 0) {
    invalid(
      "domain_validation_method",
      "The domain validation method must be a list of { hostname, method } objects.",
    );
  }
  const methods = new Map<string, string>();
  for (const item of value) {
    const entry = (typeof item === "object" && item !== null ? item : {}) as Record<
      string,
      unknown
    >;
    const hostname = String(entry.hostname ?? entry.hostName ?? "").toLowerCase();
    const method = String(entry.method ?? "");
    if (!hostnames.includes(hostname)) {
      invalid(
        "domain_validation_method",
        `The hostname ${hostname || "(missing)"} is not one of the order's hostnames.`,
      );
    }
    if (!["dns", "http", "https"].includes(method) && !EMAIL.test(method)) {
      invalid(
        "domain_validation_method",
        `The method ${method || "(missing)"} of ${hostname} must be dns, http, https or an email address.`,
      );
    }
    methods.set(hostname, method);
  }
  const missing = hostnames.filter((hostname) => !methods.has(hostname));
  if (missing.length > 0) {
    invalid("domain_validation_method", `No validation method for ${missing.join(", ")}.`);
  }
  return hostnames.map((hostname) => ({ hostname, method: methods.get(hostname)! }));
}

function productOf(productId: string): SslProductRecord {
  const product = SSL_PRODUCTS.find((candidate) => candidate.product_id === productId);
  if (!product) {
    invalid("product_id", `The selected product id ${productId} is invalid.`);
  }
  return product;
}

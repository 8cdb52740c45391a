import { timingSafeEqual } from "node:crypto";

import { ApiError, ApiRequest, invalid, notFound } from "../http";
import { RouteContext, Router } from "../router";
import { DomainRecord, randomCode } from "../state";
import { HOSTNAME_PATTERN, LABEL_PATTERN, Schema, validate } from "../validation";

/** Extensions the simulated registry sells. */
export const SUPPORTED_EXTENSIONS = [
  "id",
  "co.id",
  "web.id",
  "my.id",
  "biz.id",
  "or.id",
  "ac.id",
  "sch.id",
  "net.id",
  "com",
  "net",
  "org",
];

const DOMAIN_FIELDS: Schema = {
  domain_name: {
    type: "string",
    max: 63,
    pattern: LABEL_PATTERN,
    patternMessage: "The domain name must be a single label of letters, digits and inner hyphens.",
  },
  domain_extension: { type: "string", oneOf: SUPPORTED_EXTENSIONS },
};

const NAMESERVER_FIELD: Schema = {
  nameserver: {
    type: "string[]",
    min: 1,
    max: 13,
    pattern: HOSTNAME_PATTERN,
    patternMessage: "Each nameserver must be a hostname such as ns1.example.id.",
  },
};

/** Registrant fields a registration requires; a transfer takes them optionally. */
export const REGISTRANT_FIELDS: Schema = {
  company_name: { type: "string", max: 255 },
  initial: { type: "string", max: 20 },
  first_name: { type: "string", max: 100 },
  last_name: { type: "string", max: 100 },
  gender: { type: "string", oneOf: ["M", "F"] },
  street: { type: "string", max: 255 },
  number: { type: "integer", min: 0 },
  city: { type: "string", max: 100 },
  state: { type: "string", max: 100 },
  zip_code: { type: "integer", min: 0 },
  country: {
    type: "string",
    pattern: /^[A-Z]{2}$/,
    patternMessage: "The country must be an ISO 3166-1 alpha-2 code.",
  },
  email: {
    type: "string",
    pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
    patternMessage: "The email must be a valid email address.",
  },
  telephone_number: {
    type: "string",
    pattern: /^\+[1-9]\d{6,14}$/,
    patternMessage: "The telephone number must be in E.164 form, e.g. +6282111111111.",
  },
  locale: {
    type: "string",
    pattern: /^[a-z]{2}(_[A-Z]{2})?$/,
    patternMessage: "The locale must look like en_GB.",
  },
};

/** Registrant fields a transfer takes, all optional; it has no `initial` and no `locale`. */
const TRANSFER_REGISTRANT_FIELDS: Schema = Object.fromEntries(
  Object.entries(REGISTRANT_FIELDS)
    .filter(([field]) => field !== "initial" && field !== "locale")
    .map(([field, rule]) => [field, { ...rule, required: false }]),
);

const PERIOD_YEARS: Schema = { period: { type: "integer", min: 1, max: 10 } };
const DESCRIPTION: Schema = { description: { type: "string", max: 1000 } };

/** Status of a domain whose transfer into the account has not completed yet. */
export const PENDING_TRANSFER = "Pending Transfer";

/** Registries reject an expiry more than this many years after today. */
const MAX_YEARS_AHEAD = 10;

/**
 * Adds the domain endpoints: availability, info, register, transfer, renew, restore, lock, eppcode
 * and modify/ns.
 */
export function registerDomainRoutes(router: Router): void {
  router.read("POST", "api/rest/v3/domain/availability", availability);
  router.read("POST", "api/rest/v3/domain/info", info);
  router.write("POST", "api/rest/v3/domain/register", register);
  router.write("POST", "api/rest/v3/domain/transfer", transfer);
  router.write("POST", "api/rest/v3/domain/renew", renew);
  router.write("POST", "api/rest/v3/domain/restore", restore);
  router.write("POST", "api/rest/v3/domain/lock", lock);
  router.read("POST", "api/rest/v3/domain/eppcode", eppCode);
  router.write("PUT", "api/rest/v3/domain/modify/ns", modifyNameservers);
}

/**
 * Adds the admin route `domains/expire`, which moves a domain's expiry into the past so that it
 * reads as `Expired` (expired yesterday) or `Redemption` (expired 31 days ago), to test renew and
 * restore.
 */
export function registerDomainAdminRoutes(admin: Router): void {
  admin.write("POST", "domains/expire", expireDomain);
}

/** Returns the full domain name of validated `domain_name` and `domain_extension` fields. */
export function fullName(fields: { domain_name: string; domain_extension: string }): string {
  return `${fields.domain_name.toLowerCase()}.${fields.domain_extension.toLowerCase()}`;
}

/** Returns the account's domain named by the request, or throws the API's 404. */
export function domainInAccount(request: ApiRequest, context: RouteContext): DomainRecord {
  const fields = validate(request.body, DOMAIN_FIELDS);
  const domain = context.store.state.domains[fullName(fields as any)];
  if (!domain) {
    notFound("Domain not found in your account!");
  }
  refreshLifecycle(domain);
  return domain;
}

/**
 * Completes a pending transfer once its time has come, adding one year to the expiry as gTLD
 * registries do on a transfer. Then moves a domain past its expiry into `Expired`, and 30 days later
 * into `Redemption`.
 */
export function refreshLifecycle(
  domain: DomainRecord,
  today = isoDate(new Date()),
  now = Date.now(),
): void {
  if (domain.status === PENDING_TRANSFER) {
    if (domain.transferCompletesAt === undefined || now < domain.transferCompletesAt) {
      return;
    }
    domain.status = "Active";
    domain.expiresOn = addYears(domain.expiresOn, 1);
    delete domain.transferCompletesAt;
  }
  if (domain.status !== "Active" && domain.status !== "Expired") {
    return;
  }
  if (domain.expiresOn >= today) {
    domain.status = "Active";
  } else if (addDays(domain.expiresOn, 30) >= today) {
    domain.status = "Expired";
  } else {
    domain.status = "Redemption";
  }
}

/** Returns the `domain/info` data of a domain; the reference documents only `domain` and `status_domain`. */
export function domainInfoData(domain: DomainRecord): Record<string, unknown> {
  return {
    domain: domain.domain,
    domain_name: domain.name,
    domain_extension: domain.extension,
    status_domain: domain.status,
    registration_date: domain.registeredOn,
    expired_date: domain.expiresOn,
    lock_status: domain.locked ? 1 : 0,
    nameserver: [...domain.nameservers],
    description: domain.description,
  };
}

function availability(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, DOMAIN_FIELDS);
  const domain = fullName(fields as any);
  const { domains, foreignDomains } = context.store.state;
  const available = !(domain in domains) && !(domain in foreignDomains);
  return { domain, available, status: available ? "available" : "registered" };
}

function info(request: ApiRequest, context: RouteContext): unknown {
  return domainInfoData(domainInAccount(request, context));
}

function register(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    ...DOMAIN_FIELDS,
    ...PERIOD_YEARS,
    ...NAMESERVER_FIELD,
    ...DESCRIPTION,
    ...REGISTRANT_FIELDS,
  });
  const domain = fullName(fields as any);
  const { domains, foreignDomains } = context.store.state;
  if (domain in domains || domain in foreignDomains) {
    invalid("domain_name", `The domain ${domain} is not available for registration.`);
  }

  const today = new Date();
  const registrant: Record<string, string | number> = {};
  for (const field of Object.keys(REGISTRANT_FIELDS)) {
    registrant[field] = fields[field];
  }
  const record: DomainRecord = {
    domain,
    name: fields.domain_name.toLowerCase(),
    extension: fields.domain_extension.toLowerCase(),
    status: "Active",
    registeredOn: isoDate(today),
    expiresOn: addYears(isoDate(today), fields.period),
    locked: false,
    nameservers: normaliseNameservers(fields.nameserver),
    description: fields.description,
    authCode: randomCode(),
    registrant,
    invoiceNo: `IN-${context.store.nextId("invoice")}`,
  };
  domains[domain] = record;
  return { domain, invoice_no: record.invoiceNo };
}

/**
 * Starts a transfer into the account. The domain must be registered elsewhere and unlocked there,
 * and `epp` must be its current auth code. The domain then reads as `Pending Transfer` until
 * `transferMs` have passed. A rejected transfer changes nothing.
 */
function transfer(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    ...DOMAIN_FIELDS,
    epp: { type: "string", max: 255 },
    ...NAMESERVER_FIELD,
    description: { ...DESCRIPTION.description, required: false },
    ...TRANSFER_REGISTRANT_FIELDS,
  });
  const domain = fullName(fields as any);
  const { domains, foreignDomains } = context.store.state;
  if (domain in domains) {
    invalid("domain_name", `The domain ${domain} is already in your account.`);
  }
  const foreign = foreignDomains[domain];
  if (!foreign) {
    invalid(
      "domain_name",
      `The domain ${domain} is not registered, so it cannot be transferred; register it instead.`,
    );
  }
  if (foreign.locked) {
    invalid(
      "domain_name",
      `The domain ${domain} is locked at its current registrar; it must be unlocked there first.`,
    );
  }
  if (!sameSecret(fields.epp, foreign.authCode)) {
    invalid("epp", `The EPP code is not the current auth code of ${domain}.`);
  }

  const registrant: Record<string, string | number> = {};
  for (const field of Object.keys(TRANSFER_REGISTRANT_FIELDS)) {
    if (fields[field] !== undefined) {
      registrant[field] = fields[field];
    }
  }
  const record: DomainRecord = {
    domain,
    name: fields.domain_name.toLowerCase(),
    extension: fields.domain_extension.toLowerCase(),
    status: PENDING_TRANSFER,
    registeredOn: isoDate(new Date()),
    expiresOn: foreign.expiresOn,
    locked: false,
    nameservers: normaliseNameservers(fields.nameserver),
    description: fields.description ?? "",
    authCode: randomCode(),
    registrant,
    invoiceNo: `IN-${context.store.nextId("invoice")}`,
    transferCompletesAt: Date.now() + context.settings.transferMs,
  };
  delete foreignDomains[domain];
  domains[domain] = record;
  return { domain, invoice_no: record.invoiceNo };
}

function renew(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  const fields = validate(request.body, { ...PERIOD_YEARS, ...DESCRIPTION });
  rejectWhileTransferPending(domain, "renewed");
  if (domain.status !== "Active" && domain.status !== "Expired") {
    invalid(
      "domain_name",
      `The domain ${domain.domain} is ${domain.status} and cannot be renewed; restore it instead.`,
    );
  }
  domain.expiresOn = extendedExpiry(domain, fields.period);
  refreshLifecycle(domain);
  return {
    domain: domain.domain,
    expired_date: domain.expiresOn,
    invoice_no: `IN-${context.store.nextId("invoice")}`,
  };
}

/**
 * Restores a domain from redemption and renews it by `period` years from its old expiry date, as
 * registries do for a restore within the redemption grace period. The reference does not say from
 * which date a restore counts, so this is the simulator's choice.
 */
function restore(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  const fields = validate(request.body, { ...PERIOD_YEARS, ...DESCRIPTION });
  if (domain.status !== "Redemption") {
    invalid(
      "domain_name",
      `The domain ${domain.domain} is ${domain.status}, not in redemption; renew it instead.`,
    );
  }
  const expiresOn = extendedExpiry(domain, fields.period);
  if (expiresOn <= isoDate(new Date())) {
    invalid(
      "period",
      `A restore by ${fields.period} year(s) moves the expiry only to ${expiresOn}, which has passed.`,
    );
  }
  domain.status = "Active";
  domain.expiresOn = expiresOn;
  return {
    domain: domain.domain,
    expired_date: domain.expiresOn,
    invoice_no: `IN-${context.store.nextId("invoice")}`,
  };
}

/** Returns the expiry after adding `years`, or rejects an expiry too far ahead. */
function extendedExpiry(domain: DomainRecord, years: number): string {
  const expiresOn = addYears(domain.expiresOn, years);
  const limit = addYears(isoDate(new Date()), MAX_YEARS_AHEAD);
  if (expiresOn > limit) {
    invalid(
      "period",
      `Adding ${years} year(s) moves the expiry of ${domain.domain} to ${expiresOn}, more than ${MAX_YEARS_AHEAD} years ahead.`,
    );
  }
  return expiresOn;
}

function rejectWhileTransferPending(domain: DomainRecord, action: string): void {
  if (domain.status === PENDING_TRANSFER) {
    invalid(
      "domain_name",
      `The domain ${domain.domain} has a transfer pending and cannot be ${action} until it completes.`,
    );
  }
}

/** Compares two secrets in constant time. */
function sameSecret(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Moves a domain's expiry into the past, into `Expired` or `Redemption`. */
function expireDomain(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    domain: { type: "string" },
    into: { type: "string", oneOf: ["Expired", "Redemption"] },
  });
  const name = fields.domain.toLowerCase();
  const domain = context.store.state.domains[name];
  if (!domain) {
    notFound(`Domain ${name} is not in the account.`);
  }
  rejectWhileTransferPending(domain, "expired");

  const today = isoDate(new Date());
  domain.status = "Active";
  domain.expiresOn = addDays(today, fields.into === "Expired" ? -1 : -31);
  refreshLifecycle(domain, today);
  return domain;
}

function lock(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  rejectWhileTransferPending(domain, "locked or unlocked");
  const fields = validate(request.body, { status: { type: "integer", oneOf: [0, 1] } });
  domain.locked = fields.status === 1;
  return domain.locked ? "Domain locked!" : "Domain unlocked!";
}

function eppCode(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  rejectWhileTransferPending(domain, "given an EPP code");
  if (domain.locked) {
    throw new ApiError(422, "The given data was invalid.", {
      domain_name: [`The domain ${domain.domain} is locked; unlock it to get its EPP code.`],
    });
  }
  return domain.authCode;
}

function modifyNameservers(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  rejectWhileTransferPending(domain, "delegated to other nameservers");
  const fields = validate(request.body, NAMESERVER_FIELD);
  domain.nameservers = normaliseNameservers(fields.nameserver);
  return "Successfully modfy nameserver.";
}

function normaliseNameservers(nameservers: string[]): string[] {
  return nameservers.map((nameserver) => nameserver.toLowerCase().replace(/\.$/, ""));
}

/** Formats a date as `YYYY-MM-DD` in UTC. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Adds whole years to a `YYYY-MM-DD` date; 29 February becomes 28 February in common years. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const result = new Date(Date.UTC(year + years, month - 1, day));
  if (result.getUTCMonth() !== month - 1) {
    result.setUTCDate(0);
  }
  return isoDate(result);
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const result = new Date(`${date}T00:00:00Z`);
  result.setUTCDate(result.getUTCDate() + days);
  return isoDate(result);
}

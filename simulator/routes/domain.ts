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
  country: { type: "string", pattern: /^[A-Z]{2}$/, patternMessage: "The country must be an ISO 3166-1 alpha-2 code." },
  email: { type: "string", pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, patternMessage: "The email must be a valid email address." },
  telephone_number: {
    type: "string",
    pattern: /^\+[1-9]\d{6,14}$/,
    patternMessage: "The telephone number must be in E.164 form, e.g. +6282111111111.",
  },
  locale: { type: "string", pattern: /^[a-z]{2}(_[A-Z]{2})?$/, patternMessage: "The locale must look like en_GB." },
};

const PERIOD_YEARS: Schema = { period: { type: "integer", min: 1, max: 10 } };
const DESCRIPTION: Schema = { description: { type: "string", max: 1000 } };

/** Adds the domain endpoints: availability, info, register, renew, restore, lock, eppcode, modify/ns. */
export function registerDomainRoutes(router: Router): void {
  router.read("POST", "api/rest/v3/domain/availability", availability);
  router.read("POST", "api/rest/v3/domain/info", info);
  router.write("POST", "api/rest/v3/domain/register", register);
  router.write("POST", "api/rest/v3/domain/renew", renew);
  router.write("POST", "api/rest/v3/domain/restore", restore);
  router.write("POST", "api/rest/v3/domain/lock", lock);
  router.read("POST", "api/rest/v3/domain/eppcode", eppCode);
  router.write("PUT", "api/rest/v3/domain/modify/ns", modifyNameservers);
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

/** Moves a domain past its expiry into `Expired`, and 30 days later into `Redemption`. */
export function refreshLifecycle(domain: DomainRecord, today = isoDate(new Date())): void {
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

function renew(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  const fields = validate(request.body, { ...PERIOD_YEARS, ...DESCRIPTION });
  if (domain.status !== "Active" && domain.status !== "Expired") {
    invalid("domain_name", `The domain ${domain.domain} is ${domain.status} and cannot be renewed; restore it instead.`);
  }
  domain.expiresOn = addYears(domain.expiresOn, fields.period);
  refreshLifecycle(domain);
  return { domain: domain.domain, expired_date: domain.expiresOn, invoice_no: `IN-${context.store.nextId("invoice")}` };
}

function restore(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  const fields = validate(request.body, { ...PERIOD_YEARS, ...DESCRIPTION });
  if (domain.status !== "Redemption") {
    invalid("domain_name", `The domain ${domain.domain} is ${domain.status}, not in redemption; renew it instead.`);
  }
  domain.status = "Active";
  domain.expiresOn = addYears(isoDate(new Date()), fields.period);
  return { domain: domain.domain, expired_date: domain.expiresOn, invoice_no: `IN-${context.store.nextId("invoice")}` };
}

function lock(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  const fields = validate(request.body, { status: { type: "integer", oneOf: [0, 1] } });
  domain.locked = fields.status === 1;
  return domain.locked ? "Domain locked!" : "Domain unlocked!";
}

function eppCode(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  if (domain.locked) {
    throw new ApiError(422, "The given data was invalid.", {
      domain_name: [`The domain ${domain.domain} is locked; unlock it to get its EPP code.`],
    });
  }
  return domain.authCode;
}

function modifyNameservers(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
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

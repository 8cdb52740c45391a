import { CheckFailures, isIntegerBetween, isSet, isUnknown } from "../checks";
import { CsrError, parseCsr } from "../csr";
import { hostnameProblem, toAsciiHostname } from "../normalize";

/** One hostname's domain validation method: `dns`, `http`, `https` or an approval email address. */
export interface DomainValidationInput {
  hostname: string;
  method: string;
}

/** SslCertificate inputs after `check`: hostnames as a sorted set, defaults filled in. */
export interface SslCertificateInputs {
  productId: string;
  hostnames: string[];
  csr: string;
  contact: string;
  approvalEmail: string;
  /** Period in years. */
  period: number;
  /** One entry per hostname, sorted by hostname. */
  domainValidation: DomainValidationInput[];
  clientEmail: string;
  clientPhone: string;
  waitForIssuance: boolean;
  /** Seconds create and update wait for issuance when `waitForIssuance` is true. */
  issuanceTimeoutSeconds: number;
  /** Days before expiry from which `up` renews the order once; undefined turns renewal off. */
  renewWithinDays?: number;
  /** Existing order that create takes over instead of placing a new one. */
  adoptOrderId?: number;
}

export const KIND = "SslCertificate";

/** Default of `issuanceTimeoutSeconds`: 15 minutes. */
export const DEFAULT_ISSUANCE_TIMEOUT_SECONDS = 900;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
const METHODS = ["dns", "http", "https"];

/** Checks and normalises SslCertificate inputs; values still unknown at preview are skipped. */
export async function checkSslInputs(
  news: Record<string, any>,
): Promise<{ inputs: Record<string, any>; failures: CheckFailures }> {
  const failures = new CheckFailures(KIND);
  const inputs: Record<string, any> = { ...news };

  requireText(failures, news, "productId", 'a product id from getSslProducts(), e.g. "PR00019"');
  requireText(
    failures,
    news,
    "contact",
    'a contact handle, e.g. "2020CCT000123" or a Contact resource\'s handle',
  );
  checkPattern(
    failures,
    news,
    "approvalEmail",
    EMAIL,
    'an email address, e.g. "admin@example.com"',
  );
  checkPattern(failures, news, "clientEmail", EMAIL, 'an email address, e.g. "admin@example.com"');
  checkPattern(
    failures,
    news,
    "clientPhone",
    PHONE,
    'a phone number in E.164 form, e.g. "+6281112863182"',
  );

  const hostnames = checkHostnames(failures, news.hostnames);
  if (hostnames) {
    inputs.hostnames = hostnames;
  }
  await checkCsr(failures, news.csr, hostnames);
  checkValidation(failures, news.domainValidation, hostnames, inputs);

  inputs.period = isSet(news.period) ? news.period : 1;
  if (!isUnknown(inputs.period) && !isIntegerBetween(inputs.period, 1, 3)) {
    failures.add("period", `is ${JSON.stringify(news.period)}; expected whole years from 1 to 3`);
  }
  inputs.waitForIssuance = isSet(news.waitForIssuance) ? news.waitForIssuance : false;
  if (!isUnknown(inputs.waitForIssuance) && typeof inputs.waitForIssuance !== "boolean") {
    failures.add(
      "waitForIssuance",
      `is ${JSON.stringify(news.waitForIssuance)}; expected true or false`,
    );
  }
  inputs.issuanceTimeoutSeconds = isSet(news.issuanceTimeoutSeconds)
    ? news.issuanceTimeoutSeconds
    : DEFAULT_ISSUANCE_TIMEOUT_SECONDS;
  if (
    !isUnknown(inputs.issuanceTimeoutSeconds) &&
    !isIntegerBetween(inputs.issuanceTimeoutSeconds, 1, 86_400)
  ) {
    failures.add(
      "issuanceTimeoutSeconds",
      `is ${JSON.stringify(news.issuanceTimeoutSeconds)}; expected whole seconds from 1 to 86400`,
    );
  }
  if (
    isSet(news.renewWithinDays) &&
    !isUnknown(news.renewWithinDays) &&
    !isIntegerBetween(news.renewWithinDays, 1, 365)
  ) {
    failures.add(
      "renewWithinDays",
      `is ${JSON.stringify(news.renewWithinDays)}; expected whole days from 1 to 365`,
    );
  }
  if (
    isSet(news.adoptOrderId) &&
    !isUnknown(news.adoptOrderId) &&
    !isIntegerBetween(news.adoptOrderId, 1, Number.MAX_SAFE_INTEGER)
  ) {
    failures.add(
      "adoptOrderId",
      `is ${JSON.stringify(news.adoptOrderId)}; expected a positive order id from listSslOrders()`,
    );
  }
  return { inputs, failures };
}

function requireText(
  failures: CheckFailures,
  news: Record<string, any>,
  field: string,
  expected: string,
): void {
  const value = news[field];
  if (!isSet(value) || value === "") {
    failures.missing(field, expected);
  } else if (!isUnknown(value) && typeof value !== "string") {
    failures.add(field, `is ${JSON.stringify(value)}; expected ${expected}`);
  }
}

function checkPattern(
  failures: CheckFailures,
  news: Record<string, any>,
  field: string,
  pattern: RegExp,
  expected: string,
): void {
  requireText(failures, news, field, expected);
  const value = news[field];
  if (typeof value === "string" && value !== "" && !isUnknown(value) && !pattern.test(value)) {
    failures.add(field, `is "${value}"; expected ${expected}`);
  }
}

/** Returns the hostnames lowercase, sorted and without repeats, or undefined when unknown or invalid. */
function checkHostnames(failures: CheckFailures, value: unknown): string[] | undefined {
  if (!isSet(value)) {
    failures.missing(
      "hostnames",
      'a list of hostnames the certificate covers, e.g. ["www.example.com"]',
    );
    return undefined;
  }
  if (isUnknown(value)) {
    return undefined;
  }
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.some((item) => typeof item !== "string")
  ) {
    failures.add(
      "hostnames",
      `is ${JSON.stringify(value)}; expected a non-empty list of hostnames`,
    );
    return undefined;
  }

  const hostnames = new Set<string>();
  for (const item of value as string[]) {
    const wildcard = item.trim().startsWith("*.");
    const ascii = toAsciiHostname(wildcard ? item.trim().slice(2) : item);
    const problem = ascii === "" ? "is empty" : hostnameProblem(ascii);
    if (problem) {
      failures.add("hostnames", `"${item}" ${problem}`);
      return undefined;
    }
    hostnames.add(wildcard ? `*.${ascii}` : ascii);
  }
  return [...hostnames].sort();
}

async function checkCsr(
  failures: CheckFailures,
  value: unknown,
  hostnames: string[] | undefined,
): Promise<void> {
  if (!isSet(value) || value === "") {
    failures.missing(
      "csr",
      "a PEM certificate signing request; generateLocalCsr() makes one without sending the key anywhere",
    );
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  if (typeof value !== "string") {
    failures.add("csr", `is ${JSON.stringify(value)}; expected a PEM certificate signing request`);
    return;
  }

  try {
    const summary = await parseCsr(value);
    const uncovered = (hostnames ?? []).filter((hostname) => !summary.names.includes(hostname));
    if (uncovered.length > 0) {
      const covered = summary.names.length > 0 ? summary.names.join(", ") : "no names";
      failures.add(
        "csr",
        `does not cover ${uncovered.join(", ")}: it names ${covered}. ` +
          "Make a CSR whose common name or subject alternative names include every hostname.",
      );
    }
  } catch (error) {
    if (!(error instanceof CsrError)) {
      throw error;
    }
    failures.add("csr", error.message);
  }
}

/** Checks `domainValidation` and fills in `dns` for every hostname without an entry. */
function checkValidation(
  failures: CheckFailures,
  value: unknown,
  hostnames: string[] | undefined,
  inputs: Record<string, any>,
): void {
  if (isUnknown(value) || (isSet(value) && !Array.isArray(value))) {
    if (isSet(value) && !isUnknown(value)) {
      failures.add(
        "domainValidation",
        `is ${JSON.stringify(value)}; expected a list of { hostname, method }`,
      );
    }
    return;
  }
  const entries = (value ?? []) as Array<Record<string, unknown>>;
  if (entries.some(isUnknown) || !hostnames) {
    return;
  }

  const methods = new Map<string, string>();
  for (const entry of entries) {
    const hostname =
      typeof entry?.hostname === "string"
        ? toAsciiHostname(entry.hostname.replace(/^\*\./, ""))
        : "";
    const name =
      typeof entry?.hostname === "string" && entry.hostname.trim().startsWith("*.")
        ? `*.${hostname}`
        : hostname;
    const method = typeof entry?.method === "string" ? entry.method.trim() : "";
    if (!hostnames.includes(name)) {
      failures.add(
        "domainValidation",
        `has an entry for "${entry?.hostname}", which is not in hostnames (${hostnames.join(", ")})`,
      );
      continue;
    }
    const lower = method.toLowerCase();
    if (METHODS.includes(lower)) {
      methods.set(name, lower);
    } else if (EMAIL.test(method) && emailMatchesHost(lower, name)) {
      methods.set(name, lower);
    } else {
      failures.add(
        "domainValidation",
        `has method "${method}" for ${name}; expected dns, http, https or an approval address at the domain, ` +
          `e.g. "admin@${name.replace(/^(\*|www)\./, "")}"`,
      );
    }
  }
  inputs.domainValidation = hostnames.map((hostname) => ({
    hostname,
    method: methods.get(hostname) ?? "dns",
  }));
}

/** Returns true when an approval address lies at the hostname or a parent domain of it. */
function emailMatchesHost(email: string, hostname: string): boolean {
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const base = hostname.replace(/^\*\./, "");
  return base === domain || base.endsWith(`.${domain}`);
}

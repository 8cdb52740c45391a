import type * as pulumi from "@pulumi/pulumi";

import { CheckFailures, isIntegerBetween, isSet, isUnknown } from "../checks";
import { normaliseHostname } from "../normalize";
import { PASSWORD_RULE, passwordProblem } from "../password";

const KIND = "HostingAccount";
const ON_DELETE_VALUES = ["suspend", "retain"];
const USERNAME = /^[A-Za-z0-9]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Validates and normalises HostingAccount inputs without calling the API, filling in the defaults
 * of `period`, `suspended` and `onDelete`. Values still unknown at preview are skipped.
 */
export function checkHostingAccount(news: Record<string, any>): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures(KIND);
  const inputs: Record<string, any> = { ...news };

  checkDomain(failures, news.domain, inputs);
  const productExample = 'a hosting product id, e.g. "PR0001" (see getHostingProducts)';
  checkText(failures, "productId", news.productId, productExample, inputs);
  const usernameExample = 'letters and digits only, e.g. "tokobatik"';
  checkText(failures, "username", news.username, usernameExample, inputs, USERNAME);
  const emailExample = 'an email address, e.g. "admin@example.com"';
  checkText(failures, "email", news.email, emailExample, inputs, EMAIL);
  checkPassword(failures, news.password);

  // NOTE: the API reference gives no upper bound for the period; 120 months is this project's guess.
  if (!isSet(news.period)) {
    inputs.period = 1;
  } else if (!isUnknown(news.period) && !isIntegerBetween(news.period, 1, 120)) {
    failures.add(
      "period",
      `is ${JSON.stringify(news.period)}; expected whole months from 1 to 120`,
    );
  }
  if (!isSet(news.suspended)) {
    inputs.suspended = false;
  } else if (!isUnknown(news.suspended) && typeof news.suspended !== "boolean") {
    failures.add("suspended", `is ${JSON.stringify(news.suspended)}; expected true or false`);
  }
  if (!isSet(news.onDelete)) {
    inputs.onDelete = "suspend";
  } else if (!isUnknown(news.onDelete) && !ON_DELETE_VALUES.includes(news.onDelete)) {
    failures.add("onDelete", `is ${JSON.stringify(news.onDelete)}; expected "suspend" or "retain"`);
  }
  checkServiceId(failures, news.serviceId, inputs);

  return { inputs, failures: failures.failures };
}

function checkDomain(failures: CheckFailures, value: unknown, inputs: Record<string, any>): void {
  if (!isSet(value)) {
    failures.missing("domain", 'the domain the account serves, e.g. "example.co.id"');
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  const domain = typeof value === "string" ? normaliseHostname(value) : undefined;
  if (domain?.ok) {
    inputs.domain = domain.value;
  } else {
    failures.add(
      "domain",
      domain
        ? domain.reason
        : `is ${JSON.stringify(value)}; expected a domain name such as "example.co.id"`,
    );
  }
}

/** Checks a required non-empty string, stores it trimmed, and matches it against `pattern`. */
function checkText(
  failures: CheckFailures,
  field: string,
  value: unknown,
  expected: string,
  inputs: Record<string, any>,
  pattern?: RegExp,
): void {
  if (!isSet(value) || value === "") {
    failures.missing(field, expected);
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "" || (pattern !== undefined && !pattern.test(text))) {
    failures.add(field, `is ${JSON.stringify(value)}; expected ${expected}`);
    return;
  }
  inputs[field] = text;
}

/**
 * Checks the password against the API's rule. The reason names the failing parts, never the value.
 * The failure names no property, because the Pulumi CLI (3.248) prints the value of a failure's
 * property even when it is secret. The reason starts with "password" instead.
 */
function checkPassword(failures: CheckFailures, value: unknown): void {
  if (!isSet(value) || value === "") {
    failures.missing("password", PASSWORD_RULE);
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  const problem = passwordProblem(value);
  if (problem !== undefined) {
    failures.add("", `password ${problem}`);
  }
}

function checkServiceId(
  failures: CheckFailures,
  value: unknown,
  inputs: Record<string, any>,
): void {
  if (!isSet(value) || isUnknown(value)) {
    return;
  }
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (!isIntegerBetween(number, 1, Number.MAX_SAFE_INTEGER)) {
    failures.add(
      "serviceId",
      `is ${JSON.stringify(value)}; expected the positive numeric id of an existing hosting service`,
    );
  } else {
    inputs.serviceId = number;
  }
}

import { CheckFailures, describeType, isSet, isUnknown } from "../checks";
import { normaliseNameserverSet } from "../normalize";
import { MAX_RENEWAL_YEARS, addYears, isIsoDate, today } from "./domain-renewal-plan";

const KIND = "Domain";
const MAX_NAMESERVERS = 13;

export function checkNameservers(
  failures: CheckFailures,
  value: unknown,
  inputs: Record<string, any>,
): void {
  if (!isSet(value)) {
    failures.missing(
      "nameservers",
      'a list of 1 to 13 hostnames, e.g. ["ns1.example.net", "ns2.example.net"]',
    );
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" && !isUnknown(item))) {
    failures.add("nameservers", `is ${JSON.stringify(value)}; expected a list of hostnames`);
    return;
  }
  if (value.some(isUnknown)) {
    return;
  }

  const normalised = normaliseNameserverSet(value);
  if (!normalised.ok) {
    failures.add("nameservers", normalised.reason);
  } else if (normalised.value.length < 1 || normalised.value.length > MAX_NAMESERVERS) {
    failures.add(
      "nameservers",
      `has ${normalised.value.length} distinct hostnames; expected 1 to ${MAX_NAMESERVERS}`,
    );
  } else {
    inputs.nameservers = normalised.value;
  }
}

export function checkKeepValidUntil(failures: CheckFailures, value: unknown): void {
  if (!isSet(value) || isUnknown(value)) {
    return;
  }
  if (typeof value !== "string" || !isIsoDate(value)) {
    failures.add(
      "keepValidUntil",
      `is ${JSON.stringify(value)}; expected a date written YYYY-MM-DD, e.g. "2030-06-30"`,
    );
    return;
  }
  const limit = addYears(today(), MAX_RENEWAL_YEARS);
  if (value > limit) {
    failures.add(
      "keepValidUntil",
      `is "${value}", more than ${MAX_RENEWAL_YEARS} years ahead; registries accept no expiry after ${limit}`,
    );
  }
}

/**
 * Validates `transfer`. The failures name no property, because the CLI prints the value of a failing
 * property with the message, secrets included (seen with Pulumi CLI 3.248), and the messages never
 * quote the auth code.
 */
export function checkTransfer(failures: CheckFailures, value: unknown): void {
  if (!isSet(value) || isUnknown(value)) {
    return;
  }
  const fail = (reason: string) =>
    failures.failures.push({ property: "", reason: `${KIND}.${reason}` });
  if (typeof value !== "object" || Array.isArray(value)) {
    fail(
      "transfer is not an object; expected { authCode: <the auth code from the current registrar> }",
    );
    return;
  }
  const authCode = (value as Record<string, unknown>).authCode;
  if (!isSet(authCode) || authCode === "") {
    fail(
      "transfer.authCode is required; expected the EPP (auth) code that the domain's current registrar issued",
    );
  } else if (!isUnknown(authCode) && typeof authCode !== "string") {
    fail(`transfer.authCode is ${describeType(authCode)}; expected the auth code as a string`);
  } else if (typeof authCode === "string" && authCode.length > 255) {
    fail(`transfer.authCode has ${authCode.length} characters; expected at most 255`);
  }
}

import { isIP } from "node:net";
import { domainToASCII } from "node:url";

import { parse } from "tldts";

import type { DomainRef } from "./client";

/** A domain name after normalisation, split at its public suffix. */
export interface NormalisedDomain extends DomainRef {
  /** Full ASCII (punycode) name, lowercase, without a trailing dot, e.g. `example.co.id`. */
  fqdn: string;
}

/** Result of a normaliser: the value, or the reason it is invalid. */
export type Normalised<T> = { ok: true; value: T } | { ok: false; reason: string };

const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Converts a hostname to lowercase ASCII without a trailing dot; IDN labels become punycode. */
export function toAsciiHostname(input: string): string {
  const trimmed = input.trim().replace(/\.$/, "");
  return trimmed === "" ? "" : domainToASCII(trimmed);
}

/** Returns why a lowercase ASCII hostname is invalid, or undefined when it is valid. */
export function hostnameProblem(hostname: string): string | undefined {
  if (hostname.length > 253) {
    return "is longer than 253 characters";
  }
  const labels = hostname.split(".");
  if (labels.length < 2) {
    return "has a single label; expected a name with a dot, such as ns1.example.co.id";
  }
  const bad = labels.find((label) => !LDH_LABEL.test(label));
  if (bad !== undefined) {
    return bad === ""
      ? "has an empty label"
      : `has the label "${bad}"; labels are 1-63 letters, digits or inner hyphens`;
  }
  return undefined;
}

/**
 * Normalises a registrable domain name (`Example.CO.ID.` to `example.co.id`) and splits it into
 * label and extension with the public suffix list, so multi-label suffixes such as `co.id`,
 * `web.id` and `my.id` split correctly.
 */
export function normaliseDomain(input: string): Normalised<NormalisedDomain> {
  const ascii = toAsciiHostname(input);
  if (ascii === "") {
    return {
      ok: false,
      reason: `"${input}" is not a valid domain name; expected e.g. "example.co.id"`,
    };
  }

  // The hostname rule's single-label hint names a nameserver, which would be a subdomain here.
  if (!ascii.includes(".")) {
    return {
      ok: false,
      reason: `"${input}" has a single label; expected a registrable domain such as "example.co.id"`,
    };
  }
  const problem = hostnameProblem(ascii);
  if (problem !== undefined) {
    return { ok: false, reason: `"${input}" ${problem}` };
  }

  const parsed = parse(ascii, { allowPrivateDomains: false });
  if (!parsed.isIcann || !parsed.publicSuffix || !parsed.domainWithoutSuffix) {
    return {
      ok: false,
      reason: `"${input}" does not end in a known public suffix, or is a suffix itself; expected e.g. "example.co.id"`,
    };
  }
  if (parsed.domain !== ascii) {
    return {
      ok: false,
      reason: `"${input}" is a subdomain of ${parsed.domain}; expected a registrable domain such as "${parsed.domain}"`,
    };
  }

  return {
    ok: true,
    value: { fqdn: ascii, name: parsed.domainWithoutSuffix, extension: parsed.publicSuffix },
  };
}

/** Normalises a nameserver hostname: lowercase ASCII, no trailing dot. */
export function normaliseHostname(input: string): Normalised<string> {
  const ascii = toAsciiHostname(input);
  const problem = ascii === "" ? "is empty" : hostnameProblem(ascii);
  if (problem !== undefined) {
    return { ok: false, reason: `"${input}" ${problem}` };
  }
  return { ok: true, value: ascii };
}

/**
 * Normalises a nameserver list into a sorted set, so order, case and trailing dots never make a
 * difference. Returns the first invalid entry's reason otherwise.
 */
export function normaliseNameserverSet(inputs: readonly string[]): Normalised<string[]> {
  const result = new Set<string>();
  for (const input of inputs) {
    const normalised = normaliseHostname(input);
    if (!normalised.ok) {
      return normalised;
    }
    result.add(normalised.value);
  }
  return { ok: true, value: [...result].sort() };
}

/** Normalises an IPv4 address (dotted quad, no leading zeros). */
export function normaliseIpv4(input: string): Normalised<string> {
  const trimmed = input.trim();
  if (isIP(trimmed) !== 4) {
    return { ok: false, reason: `"${input}" is not an IPv4 address; expected e.g. "192.0.2.10"` };
  }
  return { ok: true, value: trimmed };
}

/**
 * Normalises an IPv6 address to its canonical text form (RFC 5952: lowercase, longest zero run
 * compressed), so `1234:0:0:0:5:600:700C:890A` and `1234::5:600:700c:890a` compare equal.
 */
export function normaliseIpv6(input: string): Normalised<string> {
  const trimmed = input.trim();
  if (isIP(trimmed) !== 6) {
    return { ok: false, reason: `"${input}" is not an IPv6 address; expected e.g. "2001:db8::10"` };
  }
  // isIP accepts a zone index such as `%eth0`, which only names an interface of one machine, so it
  // has no meaning in a glue record, and the URL parser below rejects it.
  if (trimmed.includes("%")) {
    return {
      ok: false,
      reason: `"${input}" has a zone index; expected an address without "%", e.g. "2001:db8::10"`,
    };
  }
  const canonical = new URL(`http://[${trimmed}]/`).hostname.slice(1, -1);
  return { ok: true, value: canonical };
}

/** Returns true when two string arrays hold the same items in the same order. */
export function sameList(
  left: readonly string[] | undefined,
  right: readonly string[] | undefined,
): boolean {
  const a = left ?? [];
  const b = right ?? [];
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

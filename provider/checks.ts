import type * as pulumi from "@pulumi/pulumi";

/** The value the Pulumi engine sends for an input that is not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Returns true when a value, or anything inside it, is not known yet. */
export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.some(isUnknown);
  }
  if (typeof value === "object" && value !== null) {
    return Object.values(value).some(isUnknown);
  }
  return false;
}

/**
 * Collects check failures of one resource. The CLI prints each as "<type> resource '<name>':
 * property <field> value {<value>} has a problem: <reason>", so a reason names the nested field
 * when there is one, quotes the value and states what is expected. Callers skip values still
 * unknown at preview.
 */
export class CheckFailures {
  readonly failures: pulumi.dynamic.CheckFailure[] = [];

  constructor(private readonly kind: string) {}

  /** Records that `property` is invalid; `reason` quotes the value and states what is expected. */
  add(property: string, reason: string): void {
    const topLevel = property.split(".")[0];
    const prefix = topLevel === property ? "" : `${property} `;
    this.failures.push({ property: topLevel, reason: `${prefix}${reason}` });
  }

  /** Returns the resource kind these failures belong to, for messages outside `check`. */
  get resourceKind(): string {
    return this.kind;
  }

  /** Records a missing required input. */
  missing(property: string, expected: string): void {
    this.add(property, `is required; expected ${expected}`);
  }
}

/** Returns true for a value that is neither undefined nor null. */
export function isSet<T>(value: T | undefined | null): value is T {
  return value !== undefined && value !== null;
}

/** Returns true for an integer from `min` to `max`. */
export function isIntegerBetween(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/**
 * Builds the error to throw when an order went through but a follow-up step failed: the engine
 * records the resource with this id and these properties instead of losing it.
 */
export function partialFailure(
  id: string,
  properties: object,
  message: string,
): Error & { id: string; properties: object; reasons: string[] } {
  return Object.assign(new Error(message), { id, properties, reasons: [message] });
}

/** Names the JSON type of a value with its article, e.g. "an object", "a number", "null". */
export function describeType(value: unknown): string {
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  const type = typeof value;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

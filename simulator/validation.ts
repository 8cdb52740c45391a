import { ApiError, FieldMessages } from "./http";

/** Validation rule of one request field, in the manner of a Laravel form request. */
export interface FieldRule {
  type: "string" | "integer" | "string[]" | "any";
  /** The field must be present and non-empty. Defaults to true. */
  required?: boolean;
  /** The field must be present but may be an empty string. */
  presentOnly?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Message when `pattern` does not match. */
  patternMessage?: string;
  oneOf?: readonly (string | number)[];
}

/** Rules of an endpoint's fields, by field name. */
export type Schema = Record<string, FieldRule>;

/** Field values after validation: integers as numbers, everything else as sent. */
export type Validated = Record<string, any>;

function label(field: string): string {
  return field.replace(/_/g, " ");
}

/**
 * Validates a body against a schema and returns the known fields with integers converted. Throws
 * HTTP 422 with every failing field's messages at once, as Laravel does.
 */
export function validate(body: Record<string, unknown>, schema: Schema): Validated {
  const errors: FieldMessages = {};
  const result: Validated = {};

  for (const [field, rule] of Object.entries(schema)) {
    const messages = checkField(field, body[field], rule, result);
    if (messages.length > 0) {
      errors[field] = messages;
    }
  }

  if (Object.keys(errors).length > 0) {
    throw new ApiError(422, "The given data was invalid.", errors);
  }
  return result;
}

function checkField(field: string, value: unknown, rule: FieldRule, result: Validated): string[] {
  const required = rule.required ?? true;
  const empty = value === undefined || value === null || value === "";

  if (rule.presentOnly && value === undefined) {
    return [`The ${label(field)} field must be present.`];
  }
  if (empty) {
    if (rule.presentOnly) {
      result[field] = "";
      return [];
    }
    return required ? [`The ${label(field)} field is required.`] : [];
  }

  switch (rule.type) {
    case "string":
      return checkString(field, value, rule, result);
    case "integer":
      return checkInteger(field, value, rule, result);
    case "string[]":
      return checkStringArray(field, value, rule, result);
    case "any":
      result[field] = value;
      return [];
  }
}

function checkString(field: string, value: unknown, rule: FieldRule, result: Validated): string[] {
  if (typeof value !== "string" && typeof value !== "number") {
    return [`The ${label(field)} must be a string.`];
  }
  const text = String(value);
  const messages: string[] = [];
  if (rule.min !== undefined && text.length < rule.min) {
    messages.push(`The ${label(field)} must be at least ${rule.min} characters.`);
  }
  if (rule.max !== undefined && text.length > rule.max) {
    messages.push(`The ${label(field)} may not be greater than ${rule.max} characters.`);
  }
  if (rule.pattern && !rule.pattern.test(text)) {
    messages.push(rule.patternMessage ?? `The ${label(field)} format is invalid.`);
  }
  if (rule.oneOf && !rule.oneOf.includes(text)) {
    messages.push(`The selected ${label(field)} is invalid.`);
  }
  result[field] = text;
  return messages;
}

function checkInteger(field: string, value: unknown, rule: FieldRule, result: Validated): string[] {
  const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isInteger(number)) {
    return [`The ${label(field)} must be an integer.`];
  }
  const messages: string[] = [];
  if (rule.min !== undefined && number < rule.min) {
    messages.push(`The ${label(field)} must be at least ${rule.min}.`);
  }
  if (rule.max !== undefined && number > rule.max) {
    messages.push(`The ${label(field)} may not be greater than ${rule.max}.`);
  }
  if (rule.oneOf && !rule.oneOf.includes(number)) {
    messages.push(`The selected ${label(field)} is invalid.`);
  }
  result[field] = number;
  return messages;
}

function checkStringArray(
  field: string,
  value: unknown,
  rule: FieldRule,
  result: Validated,
): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    return [`The ${label(field)} must be an array of strings.`];
  }
  const messages: string[] = [];
  if (rule.min !== undefined && value.length < rule.min) {
    messages.push(`The ${label(field)} must have at least ${rule.min} items.`);
  }
  if (rule.max !== undefined && value.length > rule.max) {
    messages.push(`The ${label(field)} may not have more than ${rule.max} items.`);
  }
  value.forEach((item: string, index: number) => {
    if (rule.pattern && !rule.pattern.test(item)) {
      messages.push(rule.patternMessage ?? `The ${label(field)}.${index} format is invalid.`);
    }
  });
  result[field] = value;
  return messages;
}

/** Lowercase hostname of dot-separated LDH labels, without a trailing dot. */
export const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

/** A single domain label: letters, digits and inner hyphens, or a punycode `xn--` label. */
export const LABEL_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Lists the parts of the hosting and VPS password rule that a password fails: 6+ characters, 2 non-alphanumerics, an uppercase letter, a digit. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 6) {
    problems.push("be at least 6 characters");
  }
  if ((password.match(/[^A-Za-z0-9]/g) ?? []).length < 2) {
    problems.push("contain at least 2 non-alphanumeric characters");
  }
  if (!/[A-Z]/.test(password)) {
    problems.push("contain an uppercase letter");
  }
  if (!/[0-9]/.test(password)) {
    problems.push("contain a digit");
  }
  return problems;
}

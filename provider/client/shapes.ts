/**
 * Tolerant readers for response objects. The API reference leaves many response shapes open. Each
 * reader therefore takes the candidate field names in order of preference, and accepts the value
 * types a backend of this kind plausibly sends (numbers as strings, booleans as 0/1, and so on).
 */

/** A JSON object. */
export type JsonRecord = Record<string, unknown>;

/** Returns true for a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Returns the first of `keys` that contains a non-empty string or a number, as a string. */
export function pickString(record: JsonRecord, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.trim() !== "") {
      return value.trim();
    }
    if (typeof value === "number" && Number.isFinite(value)) {
      return String(value);
    }
  }
  return undefined;
}

/** Returns the first of `keys` that contains a number or a numeric string. */
export function pickNumber(record: JsonRecord, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const value = record[key];
    const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof number === "number" && Number.isFinite(number)) {
      return number;
    }
  }
  return undefined;
}

const TRUE_WORDS = new Set(["1", "true", "yes", "on", "locked", "lock", "active", "enabled"]);
const FALSE_WORDS = new Set([
  "0",
  "false",
  "no",
  "off",
  "unlocked",
  "unlock",
  "inactive",
  "disabled",
]);

/** Returns the first of `keys` that contains a boolean, 0/1, or a yes/no word. */
export function pickBoolean(record: JsonRecord, keys: readonly string[]): boolean | undefined {
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "boolean") {
      return value;
    }
    if (typeof value === "number") {
      return value !== 0;
    }
    if (typeof value === "string") {
      const word = value.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) {
        return true;
      }
      if (FALSE_WORDS.has(word)) {
        return false;
      }
    }
  }
  return undefined;
}

/** Returns the first of `keys` that holds a string array, or a comma-separated string. */
export function pickStringArray(record: JsonRecord, keys: readonly string[]): string[] | undefined {
  for (const key of keys) {
    const value = record[key];
    if (Array.isArray(value)) {
      return value
        .filter((item) => typeof item === "string" && item.trim() !== "")
        .map((item) => item.trim());
    }
    if (typeof value === "string" && value.trim() !== "") {
      return value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    }
  }
  return undefined;
}

/**
 * Returns the record inside a response's `data`: the object itself, the first element of an array,
 * or undefined when `data` is empty (`{}`, `[]`, null), which several endpoints use for "nothing".
 */
export function firstRecord(data: unknown): JsonRecord | undefined {
  const candidate = Array.isArray(data) ? data[0] : data;
  if (!isRecord(candidate) || Object.keys(candidate).length === 0) {
    return undefined;
  }
  return candidate;
}

/** Returns the records of a response's `data` when it is a list, or a list nested under `data`. */
export function recordList(
  data: unknown,
  nestedKeys: readonly string[] = ["data", "items"],
): JsonRecord[] {
  if (Array.isArray(data)) {
    return data.filter(isRecord);
  }
  if (isRecord(data)) {
    for (const key of nestedKeys) {
      const nested = data[key];
      if (Array.isArray(nested)) {
        return nested.filter(isRecord);
      }
    }
  }
  return [];
}

import type { Registrant } from "./client";
import { CheckFailures, isSet, isUnknown } from "./checks";

/** Registrant (owner) details as resources take them, in camelCase. */
export interface RegistrantInputs {
  companyName: string;
  /** Initials of the full name, e.g. `J.D.`; derived from the names when omitted. */
  initial?: string;
  firstName: string;
  lastName: string;
  /** `M` or `F`. */
  gender: string;
  street: string;
  /** House number, digits only. */
  number: string | number;
  city: string;
  state: string;
  /** Postal code, digits only. */
  zipCode: string | number;
  /** ISO 3166-1 alpha-2 country code, e.g. `ID`. */
  country: string;
  email: string;
  /** Telephone number in E.164 form, e.g. `+6282111111111`. */
  phone: string;
  /** Language code, e.g. `en_GB`. Defaults to `en_GB`. */
  locale?: string;
}

/** Country codes of ISO 3166-1 alpha-2 that are assigned today. */
const ISO_COUNTRIES = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO " +
    "JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR " +
    "MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO " +
    "RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV " +
    "TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
  ).split(" "),
);

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const LOCALE = /^[a-z]{2}_[A-Z]{2}$/;

/** Validates the fields every registrant form shares: email, phone, country, locale. */
export function checkContactFields(
  failures: CheckFailures,
  prefix: string,
  fields: Partial<Record<"email" | "phone" | "country" | "locale", unknown>>,
): void {
  const { email, phone, country, locale } = fields;
  if (isSet(email) && !isUnknown(email) && (typeof email !== "string" || !EMAIL.test(email))) {
    failures.add(
      `${prefix}email`,
      `"${String(email)}" is not an email address; expected e.g. "admin@example.co.id"`,
    );
  }
  if (isSet(phone) && !isUnknown(phone) && (typeof phone !== "string" || !E164.test(phone))) {
    failures.add(
      `${prefix}phone`,
      `"${String(phone)}" is not in E.164 form; expected "+" and 7-15 digits, e.g. "+6282111111111"`,
    );
  }
  if (
    isSet(country) &&
    !isUnknown(country) &&
    (typeof country !== "string" || !ISO_COUNTRIES.has(country))
  ) {
    failures.add(
      `${prefix}country`,
      `"${String(country)}" is not an ISO 3166-1 alpha-2 code; expected e.g. "ID"`,
    );
  }
  if (isSet(locale) && !isUnknown(locale) && (typeof locale !== "string" || !LOCALE.test(locale))) {
    failures.add(
      `${prefix}locale`,
      `"${String(locale)}" is not a language code; expected e.g. "en_GB" or "id_ID"`,
    );
  }
}

/** Validates a registrant block, recording failures under `registrant.<field>`. */
export function checkRegistrant(failures: CheckFailures, registrant: unknown): void {
  if (!isSet(registrant) || isUnknown(registrant)) {
    return;
  }
  if (typeof registrant !== "object") {
    failures.add(
      "registrant",
      `expected an object of registrant fields, got ${JSON.stringify(registrant)}`,
    );
    return;
  }

  const fields = registrant as Record<string, unknown>;
  for (const field of [
    "companyName",
    "firstName",
    "lastName",
    "street",
    "city",
    "state",
  ] as const) {
    const value = fields[field];
    if (!isSet(value) || value === "") {
      failures.missing(`registrant.${field}`, "a non-empty string");
    } else if (!isUnknown(value) && (typeof value !== "string" || value.trim() === "")) {
      failures.add(
        `registrant.${field}`,
        `is ${JSON.stringify(value)}; expected a non-empty string`,
      );
    }
  }
  const contactExamples = {
    email: 'an email address, e.g. "admin@example.co.id"',
    phone: 'a telephone number in E.164 form, e.g. "+6282111111111"',
    country: 'an ISO 3166-1 alpha-2 code, e.g. "ID"',
  };
  for (const field of ["email", "phone", "country"] as const) {
    if (!isSet(fields[field])) {
      failures.missing(`registrant.${field}`, contactExamples[field]);
    }
  }
  if (!isUnknown(fields.gender) && fields.gender !== "M" && fields.gender !== "F") {
    failures.add("registrant.gender", `is ${JSON.stringify(fields.gender)}; expected "M" or "F"`);
  }
  for (const field of ["number", "zipCode"] as const) {
    const value = fields[field];
    if (!isUnknown(value) && !/^\d{1,10}$/.test(String(value ?? ""))) {
      failures.add(
        `registrant.${field}`,
        `is ${JSON.stringify(value)}; expected digits only, e.g. "12"`,
      );
    }
  }
  checkContactFields(failures, "registrant.", fields);
}

/** Maps registrant inputs to the API's field names and types. */
export function registrantParams(inputs: RegistrantInputs): Registrant {
  return {
    company_name: inputs.companyName,
    initial: inputs.initial ?? initialsOf(inputs.firstName, inputs.lastName),
    first_name: inputs.firstName,
    last_name: inputs.lastName,
    gender: inputs.gender,
    street: inputs.street,
    // The API types house number and zip code as integers; a leading zero is lost there.
    number: Number(inputs.number),
    city: inputs.city,
    state: inputs.state,
    zip_code: Number(inputs.zipCode),
    country: inputs.country,
    email: inputs.email,
    telephone_number: inputs.phone,
    locale: inputs.locale ?? "en_GB",
  };
}

function initialsOf(firstName: string, lastName: string): string {
  return `${firstName}, ${lastName}`
    .split(/[\s,]+/)
    .filter((word) => word !== "")
    .map((word) => `${word[0].toUpperCase()}.`)
    .join("");
}

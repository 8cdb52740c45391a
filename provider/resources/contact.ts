import type * as pulumi from "@pulumi/pulumi";

import { ContactDetails, ContactUpdate, IrsfaTransportError } from "../client";
import { CheckFailures, isSet, isUnknown } from "../checks";
import { apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { checkContactFields } from "../registrant";

/** Contact inputs after `check`: the locale defaulted. */
export interface ContactInputs {
  companyName: string;
  firstName: string;
  lastName: string;
  gender: "M" | "F";
  street: string;
  number: string | number;
  city: string;
  state: string;
  zipCode: string | number;
  country: string;
  email: string;
  phone: string;
  locale: string;
  /** Id of an existing contact to take over instead of creating one. */
  existingContactId?: string;
}

/** Contact state: the inputs as last sent, plus the contact id. */
export interface ContactOutputs extends ContactInputs {
  /** Handle of the contact, which other resources take as `contact`. */
  contactId: string;
}

const KIND = "Contact";
const DEFAULT_LOCALE = "en_GB";

/** Fields `contact/update` cannot change: a change to one of them creates a new contact. */
const FIXED_FIELDS = ["companyName", "firstName", "lastName", "gender"] as const;

/** Fields `contact/update` sends. */
const UPDATABLE_FIELDS = [
  "phone",
  "street",
  "number",
  "zipCode",
  "city",
  "state",
  "country",
  "email",
  "locale",
] as const;

const REQUIRED_TEXT = ["companyName", "firstName", "lastName", "street", "city", "state"] as const;

const REQUIRED_CONTACT_FIELDS = [
  ["email", 'an email address, e.g. "admin@example.co.id"'],
  ["phone", 'a telephone number in E.164 form, e.g. "+6282111111111"'],
  ["country", 'an ISO 3166-1 alpha-2 code, e.g. "ID"'],
] as const;

/** Dynamic provider of the `Contact` (registrant handle) resource. */
export const contactProvider = {
  async check(
    olds: Partial<ContactInputs> | undefined,
    news: Record<string, any>,
  ): Promise<pulumi.dynamic.CheckResult> {
    const failures = new CheckFailures(KIND);
    const inputs: Record<string, any> = { ...news };

    for (const field of REQUIRED_TEXT) {
      const value = news[field];
      if (!isUnknown(value) && (typeof value !== "string" || value.trim() === "")) {
        failures.missing(field, "a non-empty string");
      }
    }
    for (const [field, expected] of REQUIRED_CONTACT_FIELDS) {
      if (!isSet(news[field])) {
        failures.missing(field, expected);
      }
    }
    if (!isUnknown(news.gender) && news.gender !== "M" && news.gender !== "F") {
      failures.add("gender", `is ${JSON.stringify(news.gender)}; expected "M" or "F"`);
    }
    for (const field of ["number", "zipCode"] as const) {
      const value = news[field];
      if (!isUnknown(value) && !/^\d{1,10}$/.test(String(value ?? ""))) {
        failures.add(field, `is ${JSON.stringify(value)}; expected digits only, e.g. "12"`);
      }
    }
    if (!isSet(news.locale)) {
      inputs.locale = DEFAULT_LOCALE;
    }
    checkContactFields(failures, "", { ...news, locale: inputs.locale });
    checkTakenOver(failures, olds, news);

    return { inputs, failures: failures.failures };
  },

  async diff(
    _id: string,
    olds: ContactOutputs,
    news: ContactInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    // A field the state does not hold (a contact taken over by id) is set by the next update, so
    // only a known old value that differs forces a new contact.
    const replaces: string[] = FIXED_FIELDS.filter(
      (field) => isSet(olds[field]) && olds[field] !== news[field],
    );
    if ((olds.existingContactId ?? "") !== (news.existingContactId ?? "")) {
      replaces.push("existingContactId");
    }
    const updates = [...FIXED_FIELDS, ...UPDATABLE_FIELDS].filter(
      (field) => String(olds[field]) !== String(news[field]),
    );

    return {
      changes: replaces.length + updates.length > 0,
      replaces,
      stables: ["contactId"],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs: ContactInputs): Promise<pulumi.dynamic.CreateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);

    if (isSet(inputs.existingContactId)) {
      // No read endpoint exists, so taking a contact over means writing the declared values to it.
      await context.contacts.update(inputs.existingContactId, updateParams(inputs), { deadline });
      await log.info(
        `${KIND} ${inputs.existingContactId}: taken over and updated with the declared values`,
      );
      return {
        id: inputs.existingContactId,
        outs: { ...inputs, contactId: inputs.existingContactId },
      };
    }

    let contactId: string;
    try {
      contactId = await context.contacts.create(createParams(inputs), { deadline });
    } catch (error) {
      if (error instanceof IrsfaTransportError && error.maybeDelivered) {
        throw new Error(
          `${KIND} for ${inputs.email}: the response of contact/create was lost, so the contact may have been ` +
            "created. The API cannot list contacts; look for it in the Irsfa control panel and set " +
            "`existingContactId` to its id, or run `pulumi up` again to create another one.",
        );
      }
      throw error;
    }
    return { id: contactId, outs: { ...inputs, contactId } };
  },

  async read(id: string, props: ContactOutputs): Promise<pulumi.dynamic.ReadResult> {
    // The API has no contact read: refresh keeps the values last sent, so drift is not detected.
    return { id, props: { ...props, contactId: props?.contactId ?? id } };
  },

  async update(
    id: string,
    olds: ContactOutputs,
    news: ContactInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const context = apiContext();
    const contactId = olds.contactId ?? id;

    await context.contacts.update(contactId, updateParams(news), {
      deadline: operationDeadline(context),
    });
    return { outs: { ...news, contactId } };
  },

  async delete(id: string, props: ContactOutputs): Promise<void> {
    await log.warn(
      `${KIND} ${props?.contactId ?? id} was removed from the stack, but it stays in the Irsfa account: ` +
        "the API has no contact delete.",
    );
  },
};

/**
 * Rejects a change of a field that update cannot change on a contact taken over by id: a new
 * contact would take over the same id again and keep the old value.
 */
function checkTakenOver(
  failures: CheckFailures,
  olds: Partial<ContactInputs> | undefined,
  news: Record<string, any>,
): void {
  const existing = news.existingContactId;
  if (!olds || !isSet(existing) || isUnknown(existing) || olds.existingContactId !== existing) {
    return;
  }
  for (const field of FIXED_FIELDS) {
    if (isSet(olds[field]) && !isUnknown(news[field]) && olds[field] !== news[field]) {
      failures.add(
        field,
        `changed from ${JSON.stringify(olds[field])} to ${JSON.stringify(news[field])}, but contact ${existing} ` +
          "was taken over with existingContactId and the API cannot change this field; remove existingContactId " +
          "to create a new contact with the new value",
      );
    }
  }
}

function createParams(inputs: ContactInputs): ContactDetails {
  return {
    company_name: inputs.companyName,
    first_name: inputs.firstName,
    last_name: inputs.lastName,
    gender: inputs.gender,
    ...updateParams(inputs),
  };
}

/** Maps the fields `contact/update` accepts; house number and zip code are integers at the API. */
function updateParams(inputs: ContactInputs): ContactUpdate {
  return {
    telephone_number: inputs.phone,
    street: inputs.street,
    number: Number(inputs.number),
    zip_code: Number(inputs.zipCode),
    city: inputs.city,
    state: inputs.state,
    country: inputs.country,
    email: inputs.email,
    locale: inputs.locale,
  };
}

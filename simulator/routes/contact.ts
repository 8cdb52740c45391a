import { ApiError, ApiRequest, notFound } from "../http";
import { RouteContext, Router, routeResult } from "../router";
import { Schema, validate } from "../validation";
import { REGISTRANT_FIELDS } from "./domain";

/** A registrant contact (handle) in the account. */
export interface ContactRecord {
  id: string;
  fields: Record<string, string | number>;
  createdAt: string;
  updatedAt: string;
}

/** Contacts by id. */
type ContactSection = Record<string, ContactRecord>;

/** Fields of `contact/create`: the registrant fields without `initial`, which the reference does not list. */
const CREATE_FIELDS: Schema = Object.fromEntries(
  Object.entries(REGISTRANT_FIELDS).filter(([field]) => field !== "initial"),
);

/** Fields `contact/update` takes, all mandatory in the reference. */
const UPDATE_FIELDS = [
  "telephone_number",
  "street",
  "number",
  "zip_code",
  "city",
  "state",
  "country",
  "email",
  "locale",
];

/** Fields `contact/update` cannot change. */
const FIXED_FIELDS = ["company_name", "first_name", "last_name", "gender"];

/** Adds the contact endpoints: create and update. The API has no read or delete for contacts. */
export function registerContactRoutes(router: Router): void {
  router.write("POST", "api/rest/v3/domain/contact/create", createContact);
  router.write("PUT", "api/rest/v3/domain/contact/update", updateContact);
}

/** Returns the contacts section of the state. */
export function contactsOf(context: RouteContext): ContactSection {
  return context.store.section<ContactSection>("contacts", () => ({}));
}

function createContact(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, CREATE_FIELDS);
  const now = new Date().toISOString();
  const id = `CNT-${context.store.nextId("contact")}`;
  contactsOf(context)[id] = { id, fields, createdAt: now, updatedAt: now };
  return routeResult({ no_contact: id }, "Successfull Create Contact!");
}

function updateContact(request: ApiRequest, context: RouteContext): unknown {
  // The reference does not say what the real API does with fields it cannot change. The simulator
  // rejects them, so a client that tries to change a company or a name fails in tests.
  const fixed = FIXED_FIELDS.filter((field) => request.body[field] !== undefined);
  if (fixed.length > 0) {
    const errors = Object.fromEntries(
      fixed.map((field) => [
        field,
        [`The ${field.replace(/_/g, " ")} cannot be changed; create a new contact.`],
      ]),
    );
    throw new ApiError(422, "The given data was invalid.", errors);
  }

  const schema: Schema = { contact_id: { type: "string" } };
  for (const field of UPDATE_FIELDS) {
    schema[field] = CREATE_FIELDS[field];
  }
  const fields = validate(request.body, schema);
  const contact = contactsOf(context)[fields.contact_id];
  if (!contact) {
    notFound(`Contact ${fields.contact_id} not found in your account!`);
  }

  for (const field of UPDATE_FIELDS) {
    contact.fields[field] = fields[field];
  }
  contact.updatedAt = new Date().toISOString();
  return { no_contact: contact.id };
}

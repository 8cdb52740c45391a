import { CallOptions, IrsfaClient, writeEndpoint } from "./client";
import type { Registrant } from "./domain-api";
import { isRecord, pickString } from "./shapes";

/** Fields of `contact/create`: the registrant fields without `initial`. */
export type ContactDetails = Omit<Registrant, "initial">;

/** Fields `contact/update` changes; company, names and gender cannot be changed. */
export type ContactUpdate = Omit<
  ContactDetails,
  "company_name" | "first_name" | "last_name" | "gender"
>;

export const CONTACT_ENDPOINTS = {
  create: writeEndpoint("POST", "api/rest/v3/domain/contact/create"),
  update: writeEndpoint("PUT", "api/rest/v3/domain/contact/update"),
} as const;

/** Contact (registrant handle) endpoints of the API. There is no read and no delete. */
export class ContactApi {
  constructor(private readonly client: IrsfaClient) {}

  /** Creates a contact and returns its id. */
  async create(details: ContactDetails, options?: CallOptions): Promise<string> {
    const data = await this.client.call(CONTACT_ENDPOINTS.create, { ...details }, options);
    const id = contactIdFrom(data);
    if (id === undefined) {
      throw new Error(`${CONTACT_ENDPOINTS.create.path} succeeded but returned no contact id`);
    }
    return id;
  }

  /** Changes the fields of a contact that the API lets change. */
  async update(contactId: string, fields: ContactUpdate, options?: CallOptions): Promise<void> {
    await this.client.call(CONTACT_ENDPOINTS.update, { contact_id: contactId, ...fields }, options);
  }
}

/** Reads a contact id from `{ no_contact }` as documented, or from a close variant. */
export function contactIdFrom(data: unknown): string | undefined {
  if (typeof data === "string" && data.trim() !== "") {
    return data.trim();
  }
  if (typeof data === "number") {
    return String(data);
  }
  return isRecord(data)
    ? pickString(data, ["no_contact", "contact_id", "id", "contact"])
    : undefined;
}

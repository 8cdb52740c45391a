import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/**
 * Inputs of a {@link Contact}. The API cannot change the company, the names or the gender, so a
 * change to one of them creates a new contact. Every other field is updated in place.
 */
export interface ContactArgs {
  /** Company or organisation name. */
  companyName: pulumi.Input<string>;
  firstName: pulumi.Input<string>;
  lastName: pulumi.Input<string>;
  /** `M` or `F`. */
  gender: pulumi.Input<"M" | "F">;
  street: pulumi.Input<string>;
  /** House number, digits only. */
  number: pulumi.Input<string | number>;
  city: pulumi.Input<string>;
  /** Province or state. */
  state: pulumi.Input<string>;
  /** Postal code, digits only. The API stores it as an integer, so a leading zero is lost. */
  zipCode: pulumi.Input<string | number>;
  /** ISO 3166-1 alpha-2 country code, e.g. `ID`. */
  country: pulumi.Input<string>;
  email: pulumi.Input<string>;
  /** Telephone number in E.164 form, e.g. `+6282111111111`. */
  phone: pulumi.Input<string>;
  /** Language code, e.g. `en_GB` or `id_ID`. Defaults to `en_GB`. */
  locale?: pulumi.Input<string>;
  /**
   * Id of a contact already in the account to take over instead of creating one. Create writes the
   * declared values to it with an update.
   */
  existingContactId?: pulumi.Input<string>;
}

/**
 * A registrant contact (handle) in the Irsfa account. The API has no contact read, so a contact
 * cannot be checked for drift, and no delete, so destroy only removes it from the stack.
 */
export class Contact extends pulumi.dynamic.Resource {
  /** Contact id, the handle other resources take (for example an SSL order's `contact`). */
  declare public readonly contactId: pulumi.Output<string>;
  declare public readonly companyName: pulumi.Output<string>;
  declare public readonly firstName: pulumi.Output<string>;
  declare public readonly lastName: pulumi.Output<string>;
  declare public readonly gender: pulumi.Output<"M" | "F">;
  declare public readonly street: pulumi.Output<string>;
  declare public readonly number: pulumi.Output<string | number>;
  declare public readonly city: pulumi.Output<string>;
  declare public readonly state: pulumi.Output<string>;
  declare public readonly zipCode: pulumi.Output<string | number>;
  declare public readonly email: pulumi.Output<string>;
  declare public readonly phone: pulumi.Output<string>;
  declare public readonly country: pulumi.Output<string>;
  /** Language code as sent. */
  declare public readonly locale: pulumi.Output<string>;

  constructor(name: string, args: ContactArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      dynamicProvider("Contact"),
      name,
      { ...args, contactId: undefined },
      opts,
      TYPE_MODULE,
      "Contact",
    );
  }
}

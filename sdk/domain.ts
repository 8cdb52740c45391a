import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Registrant (owner) details, needed only when the domain is registered by this resource. */
export interface RegistrantArgs {
  /** Company or organisation name. */
  companyName: pulumi.Input<string>;
  /** Initials of the full name, e.g. `J.D.`. Derived from the names when omitted. */
  initial?: pulumi.Input<string>;
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
  /** Language code, e.g. `en_GB`. Defaults to `en_GB`. */
  locale?: pulumi.Input<string>;
}

/** Inputs of a {@link Domain}. */
export interface DomainArgs {
  /** Full domain name, e.g. `example.co.id`. IDN names are converted to punycode. Changing it replaces the resource. */
  name: pulumi.Input<string>;
  /** Delegated nameservers, 1 to 13 hostnames; order, case and trailing dots do not matter. */
  nameservers: pulumi.Input<pulumi.Input<string>[]>;
  /** Registrar lock. Left as it is when omitted. */
  locked?: pulumi.Input<boolean>;
  /** Registration period in years, used only when the domain is registered. Defaults to 1. */
  period?: pulumi.Input<number>;
  /** Description sent with registration orders. Defaults to "Managed by Pulumi". */
  description?: pulumi.Input<string>;
  /** Registrant details, required only when the domain is not in the account yet and must be registered. */
  registrant?: pulumi.Input<RegistrantArgs>;
  /**
   * Date (`YYYY-MM-DD`, UTC) until which the domain must stay registered. When the live expiry is
   * before it, `up` renews the domain by the fewest whole years that reach it, or restores it when
   * it is in redemption. At most 10 years ahead. Omitted: the domain is never renewed.
   */
  keepValidUntil?: pulumi.Input<string>;
  /**
   * Transfers the domain in from another registrar instead of registering it, when it is not in the
   * account yet. Ignored once the domain is in the account. Always stored as a secret.
   */
  transfer?: pulumi.Input<TransferArgs>;
}

/** Transfer-in details of a {@link Domain}. */
export interface TransferArgs {
  /** EPP (auth) code that the domain's current registrar issued. */
  authCode: pulumi.Input<string>;
}

/** A renewal or restore that was sent but does not show in the domain's expiry yet. */
export interface UnconfirmedRenewal {
  /** `renew` or `restore`. */
  action: string;
  /** Whole years ordered. */
  years: number;
  /** Expiry date before the order, `YYYY-MM-DD`. */
  fromExpiresOn: string;
  /** Expiry date the order leads to, `YYYY-MM-DD`. */
  toExpiresOn: string;
  /** `accepted` when the API returned success, `unknown` when the response was lost or a server error. */
  outcome: string;
  /** Time the request was sent, ISO 8601. */
  sentAt: string;
}

/**
 * A domain in the Irsfa reseller account. Create adopts a domain that is already in the account, and
 * otherwise transfers it in when `transfer` is set or registers it. Delete only removes it from the
 * stack, because the API cannot delete a registration.
 */
export class Domain extends pulumi.dynamic.Resource {
  /** Full domain name, lowercase ASCII, e.g. `example.co.id`. */
  declare public readonly name: pulumi.Output<string>;
  /** Delegated nameservers as last read, sorted. */
  declare public readonly nameservers: pulumi.Output<string[]>;
  /** Declared registrar lock; undefined when the program leaves the lock unmanaged. */
  declare public readonly locked: pulumi.Output<boolean | undefined>;
  /** Registrar lock as last read, whether or not the program manages it. */
  declare public readonly isLocked: pulumi.Output<boolean>;
  /** Label without the extension, e.g. `example`. */
  declare public readonly domainName: pulumi.Output<string>;
  /** Extension without a leading dot, e.g. `co.id`. */
  declare public readonly extension: pulumi.Output<string>;
  /** Registry status, e.g. `Active`, `Pending Transfer`, `Expired` or `Redemption`. */
  declare public readonly status: pulumi.Output<string>;
  /** Expiry date as `YYYY-MM-DD`. */
  declare public readonly expiresOn: pulumi.Output<string>;
  /** True when the domain was already in the account and was adopted rather than registered. */
  declare public readonly adopted: pulumi.Output<boolean>;
  /** True when the domain was transferred in from another registrar. */
  declare public readonly transferred: pulumi.Output<boolean>;
  /** Declared date until which the domain must stay registered, `YYYY-MM-DD`. */
  declare public readonly keepValidUntil: pulumi.Output<string | undefined>;
  /** A renewal or restore that was sent but whose effect `domain/info` does not show yet. */
  declare public readonly unconfirmedRenewal: pulumi.Output<UnconfirmedRenewal | undefined>;

  constructor(name: string, args: DomainArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      domainName: undefined,
      extension: undefined,
      status: undefined,
      expiresOn: undefined,
      adopted: undefined,
      isLocked: undefined,
      transferred: undefined,
      unconfirmedRenewal: undefined,
      // The auth code must never reach the state in plain text, whatever the program passes.
      transfer: args.transfer === undefined ? undefined : pulumi.secret(args.transfer),
    };
    const secretOutputs = [...(opts?.additionalSecretOutputs ?? []), "transfer"];
    super(
      dynamicProvider("Domain"),
      name,
      props,
      { ...opts, additionalSecretOutputs: secretOutputs },
      TYPE_MODULE,
      "Domain",
    );
  }
}

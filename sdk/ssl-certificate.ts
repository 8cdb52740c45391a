import * as pulumi from "@pulumi/pulumi";

import type { SslValidationDetail } from "../provider/client";
import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Domain validation method of one hostname, by which it proves control to the certificate authority. */
export interface DomainValidationArgs {
  /** One of the certificate's hostnames. */
  hostname: pulumi.Input<string>;
  /** `dns`, `http`, `https`, or an approval email address at the domain, e.g. `admin@example.com`. */
  method: pulumi.Input<string>;
}

/** Record one hostname must publish to pass domain validation. Fields that do not apply are empty. */
export type ValidationRecordOutput = SslValidationDetail;

/** Inputs of an {@link SslCertificate}. */
export interface SslCertificateArgs {
  /** Product id from `getSslProducts()`, e.g. `PR00019`. Changing it orders a new certificate. */
  productId: pulumi.Input<string>;
  /** Hostnames the certificate covers; order, case and repeats do not matter. Changing them reissues. */
  hostnames: pulumi.Input<pulumi.Input<string>[]>;
  /** PEM certificate signing request covering every hostname. Changing it reissues. */
  csr: pulumi.Input<string>;
  /** Contact handle, e.g. a `Contact` resource's handle. Changing it reissues. */
  contact: pulumi.Input<string>;
  /** Email address responsible for the order. Changing it reissues. */
  approvalEmail: pulumi.Input<string>;
  /** Period in years, 1 to 3. Defaults to 1. Used when ordering and renewing. */
  period?: pulumi.Input<number>;
  /** Validation method per hostname; hostnames without an entry use `dns`. Changing it modifies the order. */
  domainValidation?: pulumi.Input<pulumi.Input<DomainValidationArgs>[]>;
  /** Client's email address. Changing it reissues. */
  clientEmail: pulumi.Input<string>;
  /** Client's phone number in E.164 form, e.g. `+6281112863182`. Changing it reissues. */
  clientPhone: pulumi.Input<string>;
  /** Whether create and update wait until the certificate is issued. Defaults to false. */
  waitForIssuance?: pulumi.Input<boolean>;
  /** Seconds to wait for issuance when `waitForIssuance` is true. Defaults to 900. */
  issuanceTimeoutSeconds?: pulumi.Input<number>;
  /** Days before expiry from which `up` renews the order, once per expiry date. Unset: never renews. */
  renewWithinDays?: pulumi.Input<number>;
  /** Id of an existing order that create takes over instead of placing a new one. Read only by create. */
  adoptOrderId?: pulumi.Input<number>;
}

/**
 * An SSL certificate order. Create places an order and records its id; the order stays pending until
 * the records in `validationRecords` are published. Delete only removes it from the stack, because
 * the API cannot cancel an order. Nothing private passes through this resource.
 */
export class SslCertificate extends pulumi.dynamic.Resource {
  /** Numeric order id at the API. */
  declare public readonly orderId: pulumi.Output<number>;
  /** Hostnames, lowercase and sorted. */
  declare public readonly hostnames: pulumi.Output<string[]>;
  declare public readonly productId: pulumi.Output<string>;
  /** Validation method per hostname, sorted by hostname. */
  declare public readonly domainValidation: pulumi.Output<
    Array<{ hostname: string; method: string }>
  >;
  /** Order state, e.g. `Pending` or `Active`. */
  declare public readonly status: pulumi.Output<string>;
  /** Certificate state, e.g. `VALID`; empty before issuance. */
  declare public readonly certificateStatus: pulumi.Output<string>;
  /** Expiry as the API reports it, e.g. `2027-12-04 10:00:00`. */
  declare public readonly expiresAt: pulumi.Output<string>;
  /** Activation date; empty before issuance. */
  declare public readonly activeAt: pulumi.Output<string>;
  declare public readonly serialNumber: pulumi.Output<string>;
  /** Issued certificate in PEM; empty before issuance. */
  declare public readonly certificate: pulumi.Output<string>;
  declare public readonly intermediateCertificate: pulumi.Output<string>;
  declare public readonly rootCertificate: pulumi.Output<string>;
  /** Intermediate and root certificates in one PEM text. */
  declare public readonly caBundle: pulumi.Output<string>;
  /** Records each hostname must publish to pass validation, for a DNS provider or a web server. */
  declare public readonly validationRecords: pulumi.Output<ValidationRecordOutput[]>;

  constructor(name: string, args: SslCertificateArgs, opts?: pulumi.CustomResourceOptions) {
    const outputs = {
      orderId: undefined,
      status: undefined,
      certificateStatus: undefined,
      expiresAt: undefined,
      activeAt: undefined,
      serialNumber: undefined,
      certificate: undefined,
      intermediateCertificate: undefined,
      rootCertificate: undefined,
      caBundle: undefined,
      validationRecords: undefined,
      renewedForExpiry: undefined,
    };
    super(
      dynamicProvider("SslCertificate"),
      name,
      { ...args, ...outputs },
      opts,
      TYPE_MODULE,
      "SslCertificate",
    );
  }
}

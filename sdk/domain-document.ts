import { resolve } from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { TYPE_MODULE, dynamicProvider } from "./dynamic";

/** Type of a registrant document, mapped to the API's document ids 1 to 6. */
export type DomainDocumentType =
  "ktp" | "drivingLicence" | "passport" | "companyRegistration" | "vat" | "authorisationLetter";

/** Inputs of a {@link DomainDocument}. */
export interface DomainDocumentArgs {
  /** Domain in the account the document is for, e.g. `example.id`. Changing it uploads a new document. */
  domain: pulumi.Input<string>;
  /**
   * `ktp` (Indonesian identity card), `drivingLicence`, `passport`, `companyRegistration` (TDP),
   * `vat` or `authorisationLetter` (authorisation and declaration letter). Changing it uploads a new document.
   */
  documentType: pulumi.Input<DomainDocumentType>;
  /** Name of the document at the registry. */
  name: pulumi.Input<string>;
  /** Description of the document. Defaults to the name. */
  description?: pulumi.Input<string>;
  /** Path of the local file to upload; a relative path resolves against the program's working folder. */
  file: pulumi.Input<string>;
}

/**
 * A registrant document uploaded for a domain, as some extensions such as `.id` require. The state
 * keeps the file's SHA-256, so the file is uploaded again only when its contents, name or
 * description change. The API cannot read or delete documents.
 */
export class DomainDocument extends pulumi.dynamic.Resource {
  /** SHA-256 of the uploaded file's contents, hex. */
  declare public readonly fileHash: pulumi.Output<string>;
  /** Numeric document type id sent to the API. */
  declare public readonly documentTypeId: pulumi.Output<number>;
  /** Time of the last upload, ISO 8601 in UTC. */
  declare public readonly uploadedAt: pulumi.Output<string>;
  /** Domain name, lowercase ASCII. */
  declare public readonly domain: pulumi.Output<string>;

  constructor(name: string, args: DomainDocumentArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      // The provider process runs in another folder than the program, so a relative path is made
      // absolute here, where it was written.
      file: pulumi
        .output(args.file)
        .apply((file) => (typeof file === "string" ? resolve(file) : file)),
      fileHash: undefined,
      documentTypeId: undefined,
      uploadedAt: undefined,
    };
    super(dynamicProvider("DomainDocument"), name, props, opts, TYPE_MODULE, "DomainDocument");
  }
}

import { CallOptions, IrsfaClient, writeEndpoint } from "./client";
import type { DomainRef } from "./domain-api";

/** Document type ids of `doc/term/upload`, by the readable name resources use. */
export const DOCUMENT_TYPE_IDS = {
  ktp: 1,
  drivingLicence: 2,
  passport: 3,
  companyRegistration: 4,
  vat: 5,
  authorisationLetter: 6,
} as const;

/** Readable name of a registrant document type. */
export type DocumentType = keyof typeof DOCUMENT_TYPE_IDS;

/** A document to upload, with the file's contents already read. */
export interface DocumentUpload {
  documentType: DocumentType;
  name: string;
  description: string;
  /** File name sent with the contents, e.g. `ktp.jpg`. */
  fileName: string;
  content: Uint8Array;
}

export const DOCUMENT_ENDPOINTS = {
  upload: writeEndpoint("POST", "api/rest/v3/domain/doc/term/upload"),
} as const;

/** Registrant document endpoint of the API. There is no read, list or delete. */
export class DocumentApi {
  constructor(private readonly client: IrsfaClient) {}

  /**
   * Uploads a document as multipart form data. The reference's example sends a path in JSON, but
   * a server cannot read a path on the caller's machine, so the file's contents are sent.
   */
  async upload(ref: DomainRef, upload: DocumentUpload, options?: CallOptions): Promise<void> {
    const form = new FormData();
    form.set("domain_name", ref.name);
    form.set("domain_extension", ref.extension);
    form.set("document_id", String(DOCUMENT_TYPE_IDS[upload.documentType]));
    form.set("document_name", upload.name);
    form.set("document_description", upload.description);
    form.set("file", new Blob([upload.content]), upload.fileName);
    await this.client.call(DOCUMENT_ENDPOINTS.upload, {}, { ...options, form });
  }
}

import { createHash } from "node:crypto";
import { extname } from "node:path";

import { ApiError, ApiRequest, invalid } from "../http";
import { RouteContext, Router } from "../router";
import { LABEL_PATTERN, validate } from "../validation";
import { domainInAccount } from "./domain";

/** One uploaded registrant document. */
export interface DocumentRecord {
  id: number;
  /** Document type id: 1 KTP, 2 driving licence, 3 passport, 4 TDP, 5 VAT, 6 authorisation letter. */
  documentId: number;
  name: string;
  description: string;
  filename: string;
  bytes: number;
  /** SHA-256 of the file's contents, hex. */
  sha256: string;
  uploadedAt: string;
}

/** Uploaded documents by full domain name, oldest first. */
type DocumentSection = Record<string, DocumentRecord[]>;

/**
 * Largest file the simulator accepts, in bytes. The reference states no limit; 2 MiB is a common
 * upload limit of Laravel backends and lets tests reach the rejection.
 */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** File types the simulator accepts; the reference names none, so scans and PDFs are assumed. */
const DOCUMENT_EXTENSIONS = [".jpg", ".jpeg", ".png", ".pdf"];

/** Adds the document upload endpoint. The API has no endpoint to list or delete documents. */
export function registerDocumentRoutes(router: Router): void {
  router.write("POST", "api/rest/v3/domain/doc/term/upload", uploadDocument);
}

/** Returns the documents uploaded for a domain. */
export function documentsOf(context: RouteContext, domain: string): DocumentRecord[] {
  const section = context.store.section<DocumentSection>("documents", () => ({}));
  section[domain] ??= [];
  return section[domain];
}

function uploadDocument(request: ApiRequest, context: RouteContext): unknown {
  const domain = domainInAccount(request, context);
  const fields = validate(request.body, {
    domain_name: { type: "string", pattern: LABEL_PATTERN },
    document_id: { type: "integer", oneOf: [1, 2, 3, 4, 5, 6] },
    document_name: { type: "string", max: 255 },
    document_description: { type: "string", max: 1000 },
  });

  // The reference's example sends a path string in JSON; a server can only read an uploaded file.
  const file = request.files.file;
  if (!file) {
    throw new ApiError(422, "The given data was invalid.", {
      file: ["The file must be a file uploaded as multipart form data."],
    });
  }
  if (file.content.length === 0) {
    invalid("file", "The file is empty.");
  }
  if (file.content.length > MAX_DOCUMENT_BYTES) {
    invalid("file", `The file may not be greater than ${MAX_DOCUMENT_BYTES / 1024} kilobytes.`);
  }
  if (!DOCUMENT_EXTENSIONS.includes(extname(file.filename).toLowerCase())) {
    invalid("file", "The file must be a file of type: jpg, jpeg, png, pdf.");
  }

  const record: DocumentRecord = {
    id: context.store.nextId("document"),
    documentId: fields.document_id,
    name: fields.document_name,
    description: fields.document_description,
    filename: file.filename,
    bytes: file.content.length,
    sha256: createHash("sha256").update(file.content).digest("hex"),
    uploadedAt: new Date().toISOString(),
  };
  documentsOf(context, domain.domain).push(record);
  return {
    id: record.id,
    domain: domain.domain,
    document_id: String(record.documentId),
    document_name: record.name,
  };
}

import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { basename, resolve } from "node:path";

import type * as pulumi from "@pulumi/pulumi";

import { DOCUMENT_TYPE_IDS, DocumentType } from "../client";
import { CheckFailures, isSet, isUnknown } from "../checks";
import { apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { NormalisedDomain, normaliseDomain } from "../normalize";

/** DomainDocument inputs after `check`: the domain normalised and the file's hash added. */
export interface DomainDocumentInputs {
  domain: string;
  documentType: DocumentType;
  name: string;
  description: string;
  /** Absolute path of the file; the SDK class resolves a relative path in the program. */
  file: string;
  /** SHA-256 of the file's contents, hex, computed by `check`. */
  fileHash: string;
}

/** DomainDocument state: the inputs of the last upload, plus its time. */
export interface DomainDocumentOutputs extends DomainDocumentInputs {
  /** Numeric document type id the API took. */
  documentTypeId: number;
  /** Time of the last upload, ISO 8601 in UTC. */
  uploadedAt: string;
}

const KIND = "DomainDocument";
const DOCUMENT_TYPES = Object.keys(DOCUMENT_TYPE_IDS) as DocumentType[];

/** Dynamic provider of the `DomainDocument` (registrant document upload) resource. */
export const domainDocumentProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const failures = new CheckFailures(KIND);
    const inputs: Record<string, any> = { ...news };

    if (!isSet(news.domain)) {
      failures.missing("domain", 'a domain in the account, e.g. "example.id"');
    } else if (!isUnknown(news.domain)) {
      const domain = typeof news.domain === "string" ? normaliseDomain(news.domain) : undefined;
      if (domain?.ok) {
        inputs.domain = domain.value.fqdn;
      } else {
        failures.add(
          "domain",
          domain ? domain.reason : `expected a string, got ${JSON.stringify(news.domain)}`,
        );
      }
    }

    if (!isSet(news.documentType)) {
      failures.missing("documentType", `one of ${DOCUMENT_TYPES.join(", ")}`);
    } else if (!isUnknown(news.documentType) && !DOCUMENT_TYPES.includes(news.documentType)) {
      failures.add(
        "documentType",
        `is ${JSON.stringify(news.documentType)}; expected one of ${DOCUMENT_TYPES.join(", ")}`,
      );
    }

    if (!isUnknown(news.name) && (typeof news.name !== "string" || news.name.trim() === "")) {
      failures.missing("name", 'a non-empty document name, e.g. "ktp-owner"');
    }
    if (!isSet(news.description) || news.description === "") {
      inputs.description = news.name;
    }

    checkFile(failures, news.file, inputs);
    return { inputs, failures: failures.failures };
  },

  async diff(
    _id: string,
    olds: DomainDocumentOutputs,
    news: DomainDocumentInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    // Another domain or document type is another document. The API cannot delete the old one, so
    // a replacement uploads the new document and leaves the old one at the registry.
    const replaces = (["domain", "documentType"] as const).filter(
      (field) => olds[field] !== news[field],
    );
    // A new name, description or file content is uploaded again; a moved file with the same
    // content only updates the stored path.
    const updates = (["name", "description", "fileHash", "file"] as const).filter(
      (field) => olds[field] !== news[field],
    );

    return {
      changes: replaces.length + updates.length > 0,
      replaces,
      stables: ["documentTypeId"],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs: DomainDocumentInputs): Promise<pulumi.dynamic.CreateResult> {
    const outs = await upload(inputs);
    return { id: `${inputs.domain}/${inputs.documentType}/${inputs.name}`, outs };
  },

  async read(id: string, props: DomainDocumentOutputs): Promise<pulumi.dynamic.ReadResult> {
    // The API has no document read: refresh keeps the state of the last upload.
    return { id, props };
  },

  async update(
    _id: string,
    olds: DomainDocumentOutputs,
    news: DomainDocumentInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const unchanged =
      olds.name === news.name &&
      olds.description === news.description &&
      olds.fileHash === news.fileHash;
    if (unchanged) {
      return { outs: { ...olds, file: news.file } };
    }
    return { outs: await upload(news) };
  },

  async delete(id: string, props: DomainDocumentOutputs): Promise<void> {
    await log.warn(
      `${KIND} ${props?.name ?? id} of ${props?.domain ?? "its domain"} was removed from the stack, but the uploaded ` +
        "document stays at the registry: the API has no document delete.",
    );
  },
};

function checkFile(failures: CheckFailures, file: unknown, inputs: Record<string, any>): void {
  if (!isSet(file)) {
    failures.missing("file", 'the path of a local file, e.g. "./documents/ktp.jpg"');
    return;
  }
  if (isUnknown(file)) {
    return;
  }
  if (typeof file !== "string" || file.trim() === "") {
    failures.add("file", `is ${JSON.stringify(file)}; expected the path of a local file`);
    return;
  }

  const path = resolve(file);
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      failures.add("file", `"${file}" (${path}) is not a regular file`);
      return;
    }
    size = stats.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    failures.add("file", `"${file}" (${path}) cannot be read (${code}); expected an existing file`);
    return;
  }
  if (size === 0) {
    failures.add("file", `"${file}" (${path}) is empty; expected a scan or PDF of the document`);
    return;
  }
  inputs.fileHash = sha256(readFileSync(path));
}

/** Uploads the file as it is now; the stored hash is that of the bytes sent. */
async function upload(inputs: DomainDocumentInputs): Promise<DomainDocumentOutputs> {
  const context = apiContext();
  const domain = parsedDomain(inputs.domain);
  const content = readFileSync(resolve(inputs.file));

  await log.info(
    `${KIND} ${inputs.name}: uploading ${basename(inputs.file)} (${content.length} bytes) for ${domain.fqdn}`,
  );
  await context.documents.upload(
    domain,
    {
      documentType: inputs.documentType,
      name: inputs.name,
      description: inputs.description,
      fileName: basename(inputs.file),
      content,
    },
    { deadline: operationDeadline(context) },
  );
  return {
    ...inputs,
    fileHash: sha256(content),
    documentTypeId: DOCUMENT_TYPE_IDS[inputs.documentType],
    uploadedAt: new Date().toISOString(),
  };
}

function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

function parsedDomain(name: string): NormalisedDomain {
  const domain = normaliseDomain(name);
  if (!domain.ok) {
    throw new Error(`${KIND}.domain: ${domain.reason}`);
  }
  return domain.value;
}

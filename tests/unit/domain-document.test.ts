import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  DomainDocumentOutputs,
  domainDocumentProvider,
} from "../../provider/resources/domain-document";

describe("DomainDocument check", () => {
  let folder: string;
  let file: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), "irsfa-doc-unit-"));
    file = join(folder, "ktp.jpg");
    writeFileSync(file, "fake jpeg bytes");
    writeFileSync(join(folder, "empty.pdf"), "");
  });

  after(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  const valid = () => ({ domain: "Rekam.ID", documentType: "ktp", name: "ktp-pemilik", file });

  async function reasons(change: Record<string, unknown>): Promise<string[]> {
    const result = await domainDocumentProvider.check(undefined, { ...valid(), ...change });
    return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
  }

  it("adds the file's SHA-256 and defaults the description", async () => {
    const result = await domainDocumentProvider.check(undefined, valid());

    assert.deepEqual(result.failures, []);
    assert.equal(
      result.inputs?.fileHash,
      createHash("sha256").update("fake jpeg bytes").digest("hex"),
    );
    assert.equal(result.inputs?.description, "ktp-pemilik");
    assert.equal(result.inputs?.domain, "rekam.id");
  });

  it("rejects an unknown document type with the accepted names", async () => {
    const [reason] = await reasons({ documentType: "identityCard" });

    assert.equal(
      reason,
      'documentType: is "identityCard"; expected one of ktp, drivingLicence, passport, companyRegistration, vat, authorisationLetter',
    );
  });

  it("rejects a missing file", async () => {
    const [reason] = await reasons({ file: join(folder, "missing.jpg") });

    assert.match(
      reason,
      /^file: ".*missing\.jpg" \(.*\) cannot be read \(ENOENT\); expected an existing file$/,
    );
  });

  it("rejects a folder", async () => {
    const [reason] = await reasons({ file: folder });

    assert.match(reason, /^file: ".*" \(.*\) is not a regular file$/);
  });

  it("rejects an empty file", async () => {
    const [reason] = await reasons({ file: join(folder, "empty.pdf") });

    assert.match(reason, /^file: ".*empty\.pdf" \(.*\) is empty; expected a scan or PDF/);
  });

  it("rejects a file that is not a path", async () => {
    const [reason] = await reasons({ file: 42 });

    assert.equal(reason, "file: is 42; expected the path of a local file");
  });

  it("rejects a missing file input", async () => {
    const [reason] = await reasons({ file: undefined });

    assert.match(reason, /^file: is required; expected the path of a local file/);
  });

  it("rejects a missing name", async () => {
    const [reason] = await reasons({ name: "" });

    assert.match(reason, /^name: is required; expected a non-empty document name/);
  });

  it("rejects a missing domain", async () => {
    const [reason] = await reasons({ domain: undefined });

    assert.match(reason, /^domain: is required/);
  });
});

describe("DomainDocument diff", () => {
  const olds: DomainDocumentOutputs = {
    domain: "rekam.id",
    documentType: "ktp",
    name: "ktp",
    description: "ktp",
    file: "/docs/ktp.jpg",
    fileHash: "a".repeat(64),
    documentTypeId: 1,
    uploadedAt: "2026-01-01T00:00:00.000Z",
  };
  const news = () => {
    const { documentTypeId, uploadedAt, ...inputs } = olds;
    return inputs;
  };

  it("reports no change for the same content", async () => {
    assert.equal((await domainDocumentProvider.diff("id", olds, news())).changes, false);
  });

  it("updates when the content changes", async () => {
    const diff = await domainDocumentProvider.diff("id", olds, {
      ...news(),
      fileHash: "b".repeat(64),
    });

    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  it("replaces when the document type changes", async () => {
    const diff = await domainDocumentProvider.diff("id", olds, {
      ...news(),
      documentType: "passport",
    });

    assert.deepEqual(diff.replaces, ["documentType"]);
  });
});

import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative as relativePath } from "node:path";

import { LocalWorkspace, PulumiFn, Stack } from "@pulumi/pulumi/automation";

import { ContactApi, DnssecApi, DomainApi, IrsfaClient } from "../../provider/client";
import { normaliseDomain } from "../../provider/normalize";
import { Contact, DnssecRecord, DomainDocument } from "../../sdk";
import {
  TEST_REGISTRANT,
  TEST_REGISTRANT_PARAMS,
  TestSimulator,
  startTestSimulator,
} from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

const DIGESTS = [
  "E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766",
  "0D4F3B2A1C9E8D7F6A5B4C3D2E1F0A9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4E3F",
  "6A9B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B",
];

function ref(name: string) {
  const parsed = normaliseDomain(name);
  assert.ok(parsed.ok);
  return parsed.value;
}

function apiClient(simulator: TestSimulator): IrsfaClient {
  return new IrsfaClient({
    endpoint: simulator.url,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
  });
}

async function registerOutsidePulumi(simulator: TestSimulator, domain: string): Promise<void> {
  await new DomainApi(apiClient(simulator)).register(ref(domain), {
    period: 1,
    nameservers: ["ns1.registeredns.id"],
    description: "registered outside Pulumi",
    registrant: TEST_REGISTRANT_PARAMS,
  });
}

/** Selects the same stack with another program, as editing the program between runs would. */
function withProgram(test: TestStack, program: PulumiFn): Promise<Stack> {
  return LocalWorkspace.selectStack(
    { stackName: test.stack.name, projectName: "irsfa-test", program },
    { workDir: test.stack.workspace.workDir, envVars: test.stack.workspace.envVars },
  );
}

async function mutatingPaths(simulator: TestSimulator): Promise<string[]> {
  return (await simulator.mutatingRequests()).map((entry) =>
    entry.path.replace("/api/rest/v3/domain/", ""),
  );
}

interface DsDeclaration {
  keyTag: number;
  digest: string;
}

function dnssecProgram(records: DsDeclaration[]): PulumiFn {
  return async () => {
    const declared = records.map(
      (record, index) =>
        new DnssecRecord(`ds-${index}`, {
          domain: "Aman.ID",
          keyTag: record.keyTag,
          algorithm: 13,
          digestType: 2,
          digest: record.digest,
        }),
    );
    return { digests: declared.map((record) => record.digest) };
  };
}

describe("DnssecRecord through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;
  const records = DIGESTS.map((digest, index) => ({ keyTag: 1000 + index, digest }));
  const storedRecords = async () =>
    (await simulator.admin("GET", "state")).sections.dnssec?.["aman.id"] ?? [];

  before(async () => {
    simulator = await startTestSimulator();
    await registerOutsidePulumi(simulator, "aman.id");
    test = await createTestStack(dnssecProgram(records), simulator);
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("creates several records on one domain in one up", async () => {
    const result = await test.stack.up({ color: "never", parallel: 8 });

    // The stack resource itself is created too.
    assert.equal(result.summary.resourceChanges?.create, 4);
    const stored = await storedRecords();
    assert.deepEqual(stored.map((record: { keyTag: string }) => record.keyTag).sort(), [
      "1000",
      "1001",
      "1002",
    ]);
    assert.deepEqual(result.outputs.digests.value, DIGESTS);
  });

  it("ignores digest case and whitespace", async () => {
    const spaced = records.map((record) => ({
      ...record,
      digest: `${record.digest.slice(0, 32).toLowerCase()} ${record.digest.slice(32)}`,
    }));
    const stack = await withProgram(test, dnssecProgram(spaced));
    await simulator.clearRequests();

    await stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("reads a record deleted outside Pulumi as gone and recreates it", async () => {
    await new DnssecApi(apiClient(simulator)).delete(ref("aman.id"), {
      algorithm: 13,
      digestType: 2,
      ...records[1],
    });

    const refresh = await test.stack.refresh({ color: "never" });
    assert.equal(refresh.summary.resourceChanges?.delete, 1);

    await simulator.clearRequests();
    const up = await test.stack.up({ color: "never" });
    assert.equal(up.summary.resourceChanges?.create, 1);
    assert.deepEqual(await mutatingPaths(simulator), ["dnssec/create"]);
  });

  it("replaces a record when its key tag changes, creating the new one first", async () => {
    const changed = [records[0], records[1], { ...records[2], keyTag: 4242 }];
    const stack = await withProgram(test, dnssecProgram(changed));
    await simulator.clearRequests();

    const result = await stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.replace, 1);
    assert.deepEqual(await mutatingPaths(simulator), ["dnssec/create", "dnssec/delete"]);
    const tags = (await storedRecords()).map((record: { keyTag: string }) => record.keyTag).sort();
    assert.deepEqual(tags, ["1000", "1001", "4242"]);
  });

  it("deletes every record on destroy, one of them already gone", async () => {
    await new DnssecApi(apiClient(simulator)).delete(ref("aman.id"), {
      algorithm: 13,
      digestType: 2,
      ...records[0],
    });
    await simulator.clearRequests();

    const result = await test.stack.destroy({ color: "never", parallel: 8 });

    assert.equal(result.summary.resourceChanges?.delete, 4, "three records and the stack resource");
    assert.deepEqual(await storedRecords(), []);
    assert.equal(
      (await mutatingPaths(simulator)).filter((path) => path === "dnssec/delete").length,
      2,
    );
  });

  it("adopts an identical record that already exists", async () => {
    const record = { keyTag: 7777, algorithm: 13, digestType: 2, digest: DIGESTS[0] };
    await new DnssecApi(apiClient(simulator)).create(ref("aman.id"), record);
    const stack = await withProgram(
      test,
      dnssecProgram([{ keyTag: 7777, digest: DIGESTS[0].toLowerCase() }]),
    );
    await simulator.clearRequests();

    const result = await stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.create, 2, "the record and the stack resource");
    assert.deepEqual(await mutatingPaths(simulator), []);
    assert.equal((await storedRecords()).length, 1);
  });

  it("rejects a retired algorithm at preview without calling the API", async () => {
    const stack = await withProgram(test, async () => {
      new DnssecRecord("sha1", {
        domain: "aman.id",
        keyTag: 1,
        algorithm: 5,
        digestType: 2,
        digest: DIGESTS[0],
      });
    });
    await simulator.clearRequests();
    let output = "";

    await assert.rejects(stack.preview({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(output, /property algorithm value \{5\} has a problem: is 5: RSASHA1 is retired/);
    assert.deepEqual(await simulator.requests(), []);
  });
});

function contactProgram(overrides: Record<string, unknown> = {}): PulumiFn {
  return async () => {
    const contact = new Contact("owner", { ...TEST_REGISTRANT, ...overrides });
    return { contactId: contact.contactId, city: contact.city };
  };
}

describe("Contact through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;
  let firstId: string;
  const contacts = async () => (await simulator.admin("GET", "state")).sections.contacts ?? {};

  before(async () => {
    simulator = await startTestSimulator();
    test = await createTestStack(contactProgram(), simulator);
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("creates a contact and outputs its id", async () => {
    const result = await test.stack.up({ color: "never" });

    firstId = result.outputs.contactId.value;
    assert.match(firstId, /^CNT-\d+$/);
    const stored = (await contacts())[firstId];
    assert.equal(stored.fields.email, TEST_REGISTRANT.email);
    assert.equal(stored.fields.telephone_number, TEST_REGISTRANT.phone);
  });

  it("updates the city in place with contact/update", async () => {
    const stack = await withProgram(test, contactProgram({ city: "Bandung" }));
    await simulator.clearRequests();

    const result = await stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.update, 1);
    assert.deepEqual(await mutatingPaths(simulator), ["contact/update"]);
    assert.equal(result.outputs.contactId.value, firstId);
    assert.equal((await contacts())[firstId].fields.city, "Bandung");
  });

  it("keeps the last known values on refresh without calling the API", async () => {
    await simulator.clearRequests();

    const refresh = await test.stack.refresh({ color: "never" });

    assert.equal(refresh.summary.resourceChanges?.update ?? 0, 0);
    const contactCalls = (await simulator.requests()).filter((entry) =>
      entry.path.includes("/contact/"),
    );
    assert.deepEqual(contactCalls, []);
    const outputs = await test.stack.outputs();
    assert.equal(outputs.city.value, "Bandung");
  });

  it("creates a new contact when the last name changes", async () => {
    const stack = await withProgram(test, contactProgram({ city: "Bandung", lastName: "Wijaya" }));
    await simulator.clearRequests();

    const result = await stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.replace, 1);
    assert.deepEqual(await mutatingPaths(simulator), ["contact/create"]);
    assert.notEqual(result.outputs.contactId.value, firstId);
    assert.ok((await contacts())[firstId], "the old contact should stay in the account");
  });

  it("takes over an existing contact by id with one update", async () => {
    const { initial, ...details } = TEST_REGISTRANT_PARAMS;
    const existing = await new ContactApi(apiClient(simulator)).create({
      ...details,
      city: "Surabaya",
    });
    const stack = await withProgram(test, async () => {
      const contact = new Contact("adopted", { ...TEST_REGISTRANT, existingContactId: existing });
      return { contactId: contact.contactId, city: contact.city };
    });
    await simulator.clearRequests();

    const result = await stack.up({ color: "never" });

    assert.equal(result.outputs.contactId.value, existing);
    assert.deepEqual(await mutatingPaths(simulator), ["contact/update"]);
    assert.equal((await contacts())[existing].fields.city, TEST_REGISTRANT.city);
  });

  it("rejects an invalid phone number at preview without calling the API", async () => {
    const stack = await withProgram(test, contactProgram({ phone: "0812-0000-0000" }));
    await simulator.clearRequests();
    let output = "";

    await assert.rejects(stack.preview({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      /property phone value \{0812-0000-0000\} has a problem: "0812-0000-0000" is not in E\.164 form/,
    );
    assert.deepEqual(await simulator.requests(), []);
  });
});

function documentProgram(file: string, name = "ktp-pemilik"): PulumiFn {
  return async () => {
    const document = new DomainDocument("ktp", {
      domain: "aman.id",
      documentType: "ktp",
      name,
      file,
    });
    return { fileHash: document.fileHash, documentTypeId: document.documentTypeId };
  };
}

describe("DomainDocument through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;
  let folder: string;
  let file: string;
  const uploads = async () =>
    (await simulator.admin("GET", "state")).sections.documents?.["aman.id"] ?? [];
  const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

  before(async () => {
    simulator = await startTestSimulator();
    await registerOutsidePulumi(simulator, "aman.id");
    folder = mkdtempSync(join(tmpdir(), "irsfa-doc-e2e-"));
    file = join(folder, "ktp.jpg");
    writeFileSync(file, "first scan");
    test = await createTestStack(documentProgram(file), simulator);
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("uploads the file once with its hash", async () => {
    const result = await test.stack.up({ color: "never" });

    assert.equal(result.outputs.fileHash.value, sha256("first scan"));
    assert.equal(result.outputs.documentTypeId.value, 1);
    const stored = await uploads();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].sha256, sha256("first scan"));
    assert.equal(stored[0].documentId, 1);
  });

  it("does not upload again when the file is rewritten with the same content", async () => {
    writeFileSync(file, "first scan");
    await simulator.clearRequests();

    const result = await test.stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.update ?? 0, 0);
    assert.deepEqual(await mutatingPaths(simulator), []);
    assert.equal((await uploads()).length, 1);
  });

  it("uploads again when the content changes", async () => {
    writeFileSync(file, "second scan");
    await simulator.clearRequests();

    const result = await test.stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.update, 1);
    assert.deepEqual(await mutatingPaths(simulator), ["doc/term/upload"]);
    assert.equal(result.outputs.fileHash.value, sha256("second scan"));
    assert.equal((await uploads()).at(-1).sha256, sha256("second scan"));
  });

  it("records a moved file with the same content without uploading", async () => {
    const moved = join(folder, "ktp-copy.jpg");
    writeFileSync(moved, "second scan");
    const stack = await withProgram(test, documentProgram(moved));
    await simulator.clearRequests();

    const result = await stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.update, 1);
    assert.deepEqual(await mutatingPaths(simulator), []);
    assert.equal((await uploads()).length, 2);
  });

  it("rejects a missing file at preview without calling the API", async () => {
    const missing = join(folder, "missing.jpg");
    const stack = await withProgram(test, documentProgram(missing));
    await simulator.clearRequests();
    let output = "";

    await assert.rejects(stack.preview({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      /property file value \{.*missing\.jpg\} has a problem: ".*missing\.jpg" \(.*\) cannot be read \(ENOENT\)/,
    );
    assert.deepEqual(await simulator.requests(), []);
  });
});

describe("DomainDocument with a relative file path", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack | undefined;
  let relative: string;
  let folder: string;

  before(async () => {
    simulator = await startTestSimulator();
    await registerOutsidePulumi(simulator, "aman.id");
    // The test process works in the repository root, while the provider host runs in the
    // stack's own work folder, so this path only resolves if the program resolves it.
    mkdirSync(join(process.cwd(), ".test-work"), { recursive: true });
    folder = mkdtempSync(join(process.cwd(), ".test-work", "doc-"));
    writeFileSync(join(folder, "npwp.pdf"), "relative scan");
    relative = relativePath(process.cwd(), join(folder, "npwp.pdf"));
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("uploads the file the program names", async () => {
    test = await createTestStack(documentProgram(relative, "npwp"), simulator);

    const result = await test.stack.up({ color: "never" });

    assert.equal(
      result.outputs.fileHash.value,
      createHash("sha256").update("relative scan").digest("hex"),
    );
  });
});

import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";

import {
  ContactApi,
  DnssecApi,
  DocumentApi,
  DomainApi,
  IrsfaApiError,
  IrsfaClient,
  IrsfaNotFoundError,
  IrsfaValidationError,
} from "../../provider/client";
import { normaliseDomain } from "../../provider/normalize";
import { TEST_REGISTRANT_PARAMS, TestSimulator, startTestSimulator } from "../support/simulator";

const SHA256_DIGEST = "E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766";
const SHA1_DIGEST = "2BB183AF5F22588179A53B0A98631FAD1A292118";

function ref(name: string) {
  const parsed = normaliseDomain(name);
  assert.ok(parsed.ok);
  return parsed.value;
}

async function postJson(
  simulator: TestSimulator,
  token: string,
  path: string,
  method: string,
  body: unknown,
) {
  const response = await fetch(`${simulator.url}/${path}`, {
    method,
    headers: {
      Accept: "application/json",
      "Content-Type": "application/json",
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function token(simulator: TestSimulator): Promise<string> {
  const response = await fetch(`${simulator.url}/api/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: simulator.clientId,
      client_secret: simulator.clientSecret,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("record section clients against the simulator", () => {
  let simulator: TestSimulator;
  let client: IrsfaClient;

  before(async () => {
    simulator = await startTestSimulator();
    client = new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      retry: { maxAttempts: 1 },
    });
    const domains = new DomainApi(client);
    for (const name of ["rekam.id", "rekam.com"]) {
      await domains.register(ref(name), {
        period: 1,
        nameservers: ["ns1.registeredns.id"],
        description: "client test",
        registrant: TEST_REGISTRANT_PARAMS,
      });
    }
  });

  after(async () => {
    await simulator?.stop();
  });

  describe("DnssecApi", () => {
    const dnssec = () => new DnssecApi(client);

    it("sends the extension with a leading dot", async () => {
      await simulator.clearRequests();

      await dnssec().list(ref("rekam.id"));

      const [entry] = await simulator.requests();
      assert.equal(entry.path, "/api/rest/v3/domain/dnssec/get");
      assert.deepEqual(entry.body, { domain_name: "rekam", domain_extension: ".id" });
    });

    it("creates, lists and deletes a record", async () => {
      const record = { keyTag: 2371, algorithm: 13, digestType: 2, digest: SHA256_DIGEST };

      await dnssec().create(ref("rekam.id"), record);
      const listed = await dnssec().list(ref("rekam.id"));
      await dnssec().delete(ref("rekam.id"), record);
      const after = await dnssec().list(ref("rekam.id"));

      assert.deepEqual(listed, [record]);
      assert.deepEqual(after, []);
    });

    it("sends the key tag as a string and the numbers as integers", async () => {
      await simulator.clearRequests();

      await dnssec().create(ref("rekam.com"), {
        keyTag: 7,
        algorithm: 8,
        digestType: 1,
        digest: SHA1_DIGEST,
      });

      const entry = (await simulator.requests()).find((item) =>
        item.path.endsWith("/dnssec/create"),
      );
      assert.deepEqual(entry?.body, {
        domain_name: "rekam",
        domain_extension: ".com",
        key_tag: "7",
        alg: 8,
        digest_type: 1,
        digest: SHA1_DIGEST,
      });
    });

    it("returns undefined for a domain outside the account", async () => {
      assert.equal(await dnssec().list(ref("asing.id")), undefined);
    });

    it("rejects a digest of the wrong length for its type", async () => {
      const error = await dnssec()
        .create(ref("rekam.id"), { keyTag: 1, algorithm: 13, digestType: 2, digest: SHA1_DIGEST })
        .catch((caught) => caught);

      assert.ok(error instanceof IrsfaValidationError);
      assert.match(error.fieldErrors.digest[0], /must be 64 hex characters, got 40/);
    });

    it("rejects a duplicate record", async () => {
      const record = { keyTag: 9, algorithm: 13, digestType: 2, digest: SHA256_DIGEST };
      await dnssec().create(ref("rekam.id"), record);

      await assert.rejects(dnssec().create(ref("rekam.id"), record), IrsfaValidationError);
    });

    it("answers 404 when deleting a missing record", async () => {
      const record = { keyTag: 404, algorithm: 13, digestType: 2, digest: SHA256_DIGEST };

      await assert.rejects(dnssec().delete(ref("rekam.id"), record), IrsfaNotFoundError);
    });
  });

  describe("simulator DNSSEC extension forms", () => {
    it("accepts the extension with and without a leading dot", async () => {
      const bearer = await token(simulator);
      const path = "api/rest/v3/domain/dnssec/get";

      const dotted = await postJson(simulator, bearer, path, "POST", {
        domain_name: "rekam",
        domain_extension: ".id",
      });
      const bare = await postJson(simulator, bearer, path, "POST", {
        domain_name: "rekam",
        domain_extension: "id",
      });

      assert.equal(dotted.status, 200);
      assert.equal(bare.status, 200);
      assert.deepEqual(dotted.body.data, bare.body.data);
    });

    it("returns algorithm and digest type as strings, as the reference shows", async () => {
      const bearer = await token(simulator);
      const { body } = await postJson(simulator, bearer, "api/rest/v3/domain/dnssec/get", "POST", {
        domain_name: "rekam",
        domain_extension: ".com",
      });

      const record = body.data.find((item: any) => item.key_tag === "7");
      assert.equal(record.alg, "8");
      assert.equal(record.digest_type, "1");
      assert.equal(record.domain, "rekam.com");
    });
  });

  describe("ContactApi", () => {
    const contacts = () => new ContactApi(client);
    const { initial, ...details } = TEST_REGISTRANT_PARAMS;
    const { company_name, first_name, last_name, gender, ...updatable } = details;

    it("creates a contact and returns its id", async () => {
      const id = await contacts().create(details);

      const state = await simulator.admin("GET", "state");
      assert.match(id, /^CNT-\d+$/);
      assert.equal(state.sections.contacts[id].fields.email, details.email);
    });

    it("updates the fields update accepts", async () => {
      const id = await contacts().create(details);

      await contacts().update(id, {
        ...updatable,
        city: "Bandung",
        telephone_number: "+6281299999999",
      });

      const stored = (await simulator.admin("GET", "state")).sections.contacts[id].fields;
      assert.equal(stored.city, "Bandung");
      assert.equal(stored.telephone_number, "+6281299999999");
      assert.equal(stored.company_name, details.company_name);
    });

    it("is rejected by the simulator when a fixed field is sent", async () => {
      const bearer = await token(simulator);
      const id = await contacts().create(details);

      const { status, body } = await postJson(
        simulator,
        bearer,
        "api/rest/v3/domain/contact/update",
        "PUT",
        {
          contact_id: id,
          ...updatable,
          company_name: "Other",
        },
      );

      assert.equal(status, 422);
      assert.match(body.error.company_name[0], /cannot be changed/);
    });

    it("answers 404 for an unknown contact id", async () => {
      await assert.rejects(contacts().update("CNT-1", updatable), IrsfaNotFoundError);
    });
  });

  describe("DocumentApi", () => {
    const documents = () => new DocumentApi(client);

    it("uploads the file's contents as multipart form data", async () => {
      await simulator.clearRequests();
      const content = Buffer.from("%PDF-1.4 test document");

      await documents().upload(ref("rekam.id"), {
        documentType: "passport",
        name: "paspor",
        description: "Paspor pemilik",
        fileName: "paspor.pdf",
        content,
      });

      const [entry] = await simulator.requests();
      assert.deepEqual(entry.body, {
        domain_name: "rekam",
        domain_extension: "id",
        document_id: "3",
        document_name: "paspor",
        document_description: "Paspor pemilik",
        file: { filename: "paspor.pdf", bytes: content.length },
      });
      const [stored] = (await simulator.admin("GET", "state")).sections.documents["rekam.id"];
      assert.equal(stored.documentId, 3);
      assert.equal(stored.sha256, createHash("sha256").update(content).digest("hex"));
    });

    it("rejects a path sent as JSON instead of a file", async () => {
      const bearer = await token(simulator);

      const { status, body } = await postJson(
        simulator,
        bearer,
        "api/rest/v3/domain/doc/term/upload",
        "POST",
        {
          domain_name: "rekam",
          domain_extension: "id",
          document_id: "1",
          document_name: "ktp",
          document_description: "ktp",
          file: "path/to/ktp.jpg",
        },
      );

      assert.equal(status, 422);
      assert.match(body.error.file[0], /multipart/);
    });

    it("rejects a file type the registry does not take", async () => {
      const upload = documents().upload(ref("rekam.id"), {
        documentType: "ktp",
        name: "ktp",
        description: "ktp",
        fileName: "ktp.exe",
        content: Buffer.from("MZ"),
      });

      await assert.rejects(
        upload,
        (error: unknown) =>
          error instanceof IrsfaApiError && /jpg, jpeg, png, pdf/.test(error.message),
      );
    });
  });
});

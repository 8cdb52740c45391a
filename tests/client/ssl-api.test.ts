import { strict as assert } from "node:assert";

import { IrsfaClient, IrsfaValidationError, SslApi, SslOrderRequest } from "../../provider/client";
import { TEST_SSL_ORDER, testCsr } from "../support/ssl";
import { TestSimulator, startTestSimulator } from "../support/simulator";

describe("SslApi against the simulator", function () {
  this.timeout(60_000);

  let simulator: TestSimulator;
  let ssl: SslApi;

  before(async () => {
    simulator = await startTestSimulator();
    const client = new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
    });
    ssl = new SslApi(client);
  });
  after(async () => simulator?.stop());
  beforeEach(async () => simulator.reset());

  async function order(hostname: string, csr?: string): Promise<SslOrderRequest> {
    return {
      ...TEST_SSL_ORDER,
      hostnames: [hostname],
      csr: csr ?? (await testCsr(hostname)),
      validationMethods: [{ hostname, method: "dns" }],
    };
  }

  it("lists types and products", async () => {
    const types = await ssl.types();
    const products = await ssl.products();

    assert.deepEqual(
      types.map((type) => type.name),
      ["Domain Validation", "Extended Validation"],
    );
    assert.ok(
      products.some((product) => product.productId === "PR00019" && product.registryId === 2),
    );
  });

  it("follows list pages past the first ten orders", async () => {
    const request = await order("paged.example.co.id");
    for (let index = 0; index < 12; index++) {
      await ssl.create(request);
    }

    const orders = await ssl.listOrders("paged.example.co.id");
    const pages = (await simulator.requests()).filter((entry) => entry.path.endsWith("/ssl/list"));

    assert.equal(orders.length, 12);
    assert.equal(new Set(orders.map((entry) => entry.id)).size, 12);
    assert.deepEqual(
      pages.map((entry) => entry.query.page),
      ["1", "2"],
    );
  });

  it("sends the detail id as a query parameter", async () => {
    await ssl.create(await order("detail.example.co.id"));
    const [listed] = await ssl.listOrders("detail.example.co.id");

    const detail = await ssl.detail(listed.id);
    const logged = (await simulator.requests()).find((entry) => entry.path.endsWith("/ssl/detail"));

    assert.equal(detail?.status, "Pending");
    assert.equal(logged?.method, "GET");
    assert.equal(logged?.query.id, String(listed.id));
  });

  it("accepts the detail id in a GET body", async () => {
    await ssl.create(await order("body.example.co.id"));
    const [listed] = await ssl.listOrders("body.example.co.id");
    const token = await tokenFor(simulator);

    // Node's fetch rejects a GET with a body, so these requests go through node:http.
    const missing = await rawGetWithBody(simulator.url, "/api/rest/v3/ssl/detail", token, {});
    assert.equal(missing.code, 422);

    const body = await rawGetWithBody(simulator.url, "/api/rest/v3/ssl/detail", token, {
      id: listed.id,
    });
    assert.equal(body.data.id, listed.id);
  });

  it("reports validation records and issues after validation", async () => {
    await ssl.create(await order("issue.example.co.id"));
    const [listed] = await ssl.listOrders("issue.example.co.id");
    const pending = await ssl.detail(listed.id);

    await simulator.admin("POST", "ssl/validate", { id: listed.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const active = await ssl.detail(listed.id);

    assert.equal(pending?.validationDetails[0].recordType, "CNAME");
    assert.match(
      pending?.validationDetails[0].recordName ?? "",
      /^_[0-9a-f]{32}\.issue\.example\.co\.id$/,
    );
    assert.equal(pending?.certificate, "");
    assert.equal(active?.status, "Active");
    assert.match(active?.certificate ?? "", /BEGIN CERTIFICATE/);
    assert.match(active?.caBundle ?? "", /BEGIN CERTIFICATE[\s\S]+BEGIN CERTIFICATE/);
    assert.notEqual(active?.serialNumber, "");
  });

  it("rejects a CSR that does not cover the hostname", async () => {
    const request = await order("www.example.co.id", await testCsr("other.example.co.id"));

    await assert.rejects(ssl.create(request), (error: unknown) => {
      assert.ok(error instanceof IrsfaValidationError);
      assert.match(error.fieldErrors.csr?.[0] ?? "", /does not cover www\.example\.co\.id/);
      return true;
    });
  });

  it("rejects renewal outside the renewal window", async () => {
    const request = await order("renew.example.co.id");
    await ssl.create(request);
    const [listed] = await ssl.listOrders("renew.example.co.id");
    await simulator.admin("POST", "ssl/validate", { id: listed.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ssl.detail(listed.id);

    await assert.rejects(ssl.renew(listed.id, request), /can be renewed from/);
  });

  it("rejects reissue and modify of an expired order", async () => {
    const request = await order("expired.example.co.id");
    await ssl.create(request);
    const [listed] = await ssl.listOrders("expired.example.co.id");
    await simulator.admin("POST", "ssl/change", { id: listed.id, status: "Expired" });

    await assert.rejects(
      ssl.reissue(listed.id, request),
      /only pending or active orders can be reissued/,
    );
    await assert.rejects(
      ssl.modify(listed.id, request.validationMethods),
      /can no longer be modified/,
    );
  });

  it("returns pending validation after a reissue", async () => {
    const request = await order("again.example.co.id");
    await ssl.create(request);
    const [listed] = await ssl.listOrders("again.example.co.id");
    await simulator.admin("POST", "ssl/validate", { id: listed.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const active = await ssl.detail(listed.id);

    await ssl.reissue(listed.id, { ...request, csr: await testCsr("again.example.co.id") });
    const reissued = await ssl.detail(listed.id);

    assert.equal(active?.status, "Active");
    assert.equal(reissued?.status, "Pending");
    assert.equal(reissued?.validationDetails[0].status, "pending");
    assert.equal(
      reissued?.certificate,
      active?.certificate,
      "the issued certificate stays until the new one",
    );
  });

  it("generates and decodes a CSR with real key material", async () => {
    const subject = {
      hostname: "gen.example.co.id",
      country: "ID",
      state: "Jawa Barat",
      locality: "Bandung",
      organization: "Test Company",
      unit: "IT",
      email: "admin@example.co.id",
    };
    const generated = await ssl.generateCsr(2, 2048, subject);
    const decoded = await ssl.decodeCsr(2, generated.csr);

    assert.match(generated.privateKey, /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(decoded.commonName, "gen.example.co.id");
    assert.equal(decoded.keyBits, 2048);
    assert.deepEqual(decoded.subjectAlternativeNames, ["gen.example.co.id"]);
    assert.equal(decoded.signatureAlgorithm, "sha256WithRSAEncryption");
  });

  it("rejects the reference's example bit count", async () => {
    const subject = {
      hostname: "a.example.co.id",
      country: "ID",
      state: "S",
      locality: "L",
      organization: "O",
      unit: "U",
      email: "a@example.co.id",
    };

    await assert.rejects(ssl.generateCsr(2, 1, subject), IrsfaValidationError);
  });
});

async function tokenFor(simulator: TestSimulator): Promise<string> {
  const response = await fetch(`${simulator.url}/api/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: simulator.clientId,
      client_secret: simulator.clientSecret,
      scope: "",
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function rawGetWithBody(
  base: string,
  path: string,
  token: string,
  body: unknown,
): Promise<any> {
  const { request } = await import("node:http");
  const url = new URL(path, base);
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: "GET",
        headers: {
          Authorization: `Bearer ${token}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(text),
        },
      },
      (response) => {
        let data = "";
        response.on("data", (chunk) => (data += chunk));
        response.on("end", () => resolve(JSON.parse(data)));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(text);
  });
}

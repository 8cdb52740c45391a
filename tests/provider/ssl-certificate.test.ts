import { strict as assert } from "node:assert";

import { configure } from "../../provider/context";
import {
  SslCertificateOutputs,
  findNewOrder,
  renewalDue,
  sslCertificateProvider as provider,
} from "../../provider/resources/ssl-certificate";
import { SslCertificateInputs } from "../../provider/resources/ssl-certificate-check";
import { IrsfaClient, SslApi, SslOrder } from "../../provider/client";
import { TEST_SSL_ORDER, testCsr } from "../support/ssl";
import { TestSimulator, startTestSimulator } from "../support/simulator";

describe("SslCertificate provider against the simulator", function () {
  this.timeout(60_000);

  let simulator: TestSimulator;

  before(async () => {
    simulator = await startTestSimulator();
    const config: Record<string, string> = {
      "irsfa:endpoint": simulator.url,
      "irsfa:clientId": simulator.clientId,
      "irsfa:clientSecret": simulator.clientSecret,
      "irsfa:maxAttempts": "2",
    };
    configure({ get: (key) => config[key] });
  });
  after(async () => simulator?.stop());
  beforeEach(async () => simulator.reset());

  async function checked(news: Record<string, unknown>): Promise<SslCertificateInputs> {
    const result = await provider.check({}, { ...TEST_SSL_ORDER, ...news });
    assert.deepEqual(result.failures, []);
    return result.inputs as SslCertificateInputs;
  }

  async function created(
    inputs: SslCertificateInputs,
  ): Promise<{ id: string; outs: SslCertificateOutputs }> {
    const result = await provider.create(inputs);
    return { id: result.id, outs: result.outs as SslCertificateOutputs };
  }

  async function mutations(): Promise<string[]> {
    return (await simulator.mutatingRequests()).map((entry) =>
      entry.path.replace("/api/rest/v3/", ""),
    );
  }

  it("gives parallel identical orders distinct ids", async () => {
    const hostname = "twin.example.co.id";
    const inputs = await checked({ hostnames: [hostname], csr: await testCsr(hostname) });
    await simulator.clearRequests();

    const [first, second] = await Promise.all([created(inputs), created(inputs)]);

    assert.notEqual(first.outs.orderId, second.outs.orderId);
    assert.deepEqual(await mutations(), ["ssl/create", "ssl/create"]);
  });

  it("records the new order's id from a list that spans pages", async () => {
    const hostname = "shop.example.co.id";
    const old = await checked({ hostnames: [hostname], csr: await testCsr(hostname) });
    for (let index = 0; index < 11; index++) {
      await provider.create(old);
    }
    const inputs = await checked({ hostnames: [hostname], csr: await testCsr(hostname) });
    await simulator.clearRequests();

    const { id, outs } = await created(inputs);
    const lists = (await simulator.requests()).filter((entry) => entry.path.endsWith("/ssl/list"));

    assert.equal(id, String(outs.orderId));
    assert.equal(outs.orderId, 1012);
    assert.equal(outs.status, "Pending");
    assert.ok(
      lists.some((entry) => entry.query.page === "2"),
      "the lookup read the second page",
    );
    assert.deepEqual(await mutations(), ["ssl/create"]);
  });

  it("finds an order whose create response was lost without ordering again", async () => {
    const inputs = await checked({
      hostnames: ["lost.example.co.id"],
      csr: await testCsr("lost.example.co.id"),
    });
    await simulator.fault({ path: "api/rest/v3/ssl/create", mode: "drop" });
    await simulator.clearRequests();

    const { outs } = await created(inputs);

    assert.equal(outs.status, "Pending");
    assert.deepEqual(await mutations(), ["ssl/create"]);
  });

  it("exposes the DNS validation record", async () => {
    const inputs = await checked({
      hostnames: ["dns.example.co.id"],
      csr: await testCsr("dns.example.co.id"),
    });

    const { outs } = await created(inputs);
    const [record] = outs.validationRecords;

    assert.equal(record.hostname, "dns.example.co.id");
    assert.equal(record.method, "dns");
    assert.equal(record.recordType, "CNAME");
    assert.match(record.recordName, /^_[0-9a-f]{32}\.dns\.example\.co\.id$/);
    assert.match(record.recordValue, /\.sectigo\.com$/);
    assert.equal(outs.certificate, "");
  });

  it("exposes the HTTP validation file", async () => {
    const hostname = "http.example.co.id";
    const inputs = await checked({
      hostnames: [hostname],
      csr: await testCsr(hostname),
      domainValidation: [{ hostname, method: "http" }],
    });

    const { outs } = await created(inputs);
    const [record] = outs.validationRecords;

    assert.match(record.httpPath, /^\/\.well-known\/pki-validation\/[0-9A-F]{32}\.txt$/);
    assert.match(record.httpContent, /sectigo\.com/);
  });

  it("waits for issuance until the certificate is active", async () => {
    const inputs = await checked({
      hostnames: ["wait.example.co.id"],
      csr: await testCsr("wait.example.co.id"),
      waitForIssuance: true,
    });

    const creating = created(inputs);
    await validateWhenPlaced(simulator);
    const { outs } = await creating;

    assert.equal(outs.status, "Active");
    assert.match(outs.certificate, /BEGIN CERTIFICATE/);
    assert.match(outs.caBundle, /BEGIN CERTIFICATE/);
    assert.notEqual(outs.serialNumber, "");
    assert.match(outs.expiresAt, /^\d{4}-\d{2}-\d{2}/);
  });

  it("times out waiting for issuance and keeps the order", async () => {
    const inputs = await checked({
      hostnames: ["slow.example.co.id"],
      csr: await testCsr("slow.example.co.id"),
      waitForIssuance: true,
      issuanceTimeoutSeconds: 2,
    });

    const error = await provider.create(inputs).then(
      () => assert.fail("create should time out"),
      (failure: Error & { id?: string; properties?: SslCertificateOutputs }) => failure,
    );

    assert.match(error.message, /was not issued within 2 seconds/);
    assert.equal(error.id, "1001");
    assert.equal(error.properties?.status, "Pending");
    assert.deepEqual(await mutations(), ["ssl/create"]);
  });

  it("modifies the order when only domain validation changes", async () => {
    const hostname = "modify.example.co.id";
    const inputs = await checked({ hostnames: [hostname], csr: await testCsr(hostname) });
    const { id, outs } = await created(inputs);
    const news = await checked({
      ...inputs,
      domainValidation: [{ hostname, method: "admin@example.co.id" }],
    });
    await simulator.clearRequests();

    const diff = await provider.diff(id, outs, news);
    const updated = (await provider.update(id, outs, news)).outs as SslCertificateOutputs;

    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(await mutations(), ["ssl/modify"]);
    assert.equal(updated.validationRecords[0].approvalEmail, "admin@example.co.id");
  });

  it("reissues on the same order when hostnames change", async () => {
    const first = "www.example.co.id";
    const inputs = await checked({
      productId: "PR00023",
      hostnames: [first],
      csr: await testCsr(first),
    });
    const { id, outs } = await created(inputs);
    const news = await checked({
      productId: "PR00023",
      hostnames: [first, "example.co.id"],
      csr: await testCsr(first, "example.co.id"),
    });
    await simulator.clearRequests();

    const diff = await provider.diff(id, outs, news);
    const updated = (await provider.update(id, outs, news)).outs as SslCertificateOutputs;

    assert.deepEqual(diff.replaces, []);
    assert.deepEqual(await mutations(), ["ssl/reissue"]);
    assert.equal(updated.orderId, outs.orderId);
    assert.deepEqual(updated.hostnames, ["example.co.id", "www.example.co.id"]);
  });

  it("reissues when the client phone changes", async () => {
    const inputs = await checked({
      hostnames: ["phone.example.co.id"],
      csr: await testCsr("phone.example.co.id"),
    });
    const { id, outs } = await created(inputs);
    const news = await checked({ ...inputs, clientPhone: "+6281299999999" });
    await simulator.clearRequests();

    await provider.update(id, outs, news);

    assert.deepEqual(await mutations(), ["ssl/reissue"]);
  });

  it("stores a period change without an API call", async () => {
    const inputs = await checked({
      hostnames: ["period.example.co.id"],
      csr: await testCsr("period.example.co.id"),
    });
    const { id, outs } = await created(inputs);
    const news = { ...inputs, period: 2 };
    await simulator.clearRequests();

    const diff = await provider.diff(id, outs, news);
    const updated = (await provider.update(id, outs, news)).outs as SslCertificateOutputs;

    assert.equal(diff.changes, true);
    assert.deepEqual(await mutations(), []);
    assert.equal(updated.period, 2);
  });

  it("detects a reissue made outside Pulumi", async () => {
    const hostname = "drift.example.co.id";
    const inputs = await checked({ hostnames: [hostname], csr: await testCsr(hostname) });
    const { id, outs } = await created(inputs);
    const client = new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
    });
    const other = await testCsr(hostname);
    await new SslApi(client).reissue(outs.orderId, {
      ...TEST_SSL_ORDER,
      hostnames: [hostname],
      csr: other,
      validationMethods: [],
    });

    const refreshed = (await provider.read(id, outs)).props as SslCertificateOutputs;
    const diff = await provider.diff(id, refreshed, inputs);

    assert.equal(refreshed.csr, other);
    assert.equal(diff.changes, true);
  });

  it("treats hostname order as no change", async () => {
    const csr = await testCsr("b.example.co.id", "a.example.co.id");
    const inputs = await checked({
      productId: "PR00023",
      hostnames: ["b.example.co.id", "a.example.co.id"],
      csr,
    });
    const { id, outs } = await created(inputs);
    const reordered = await checked({
      productId: "PR00023",
      hostnames: ["A.example.co.id", "b.example.co.id"],
      csr,
    });

    const diff = await provider.diff(id, outs, reordered);

    assert.equal(diff.changes, false);
  });

  it("replaces the certificate when the product changes", async () => {
    const inputs = await checked({
      hostnames: ["product.example.co.id"],
      csr: await testCsr("product.example.co.id"),
    });
    const { id, outs } = await created(inputs);

    const diff = await provider.diff(id, outs, { ...inputs, productId: "PR00031" });

    assert.deepEqual(diff.replaces, ["productId"]);
  });

  it("renews once when the expiry is within renewWithinDays", async () => {
    const inputs = await checked({
      hostnames: ["renew.example.co.id"],
      csr: await testCsr("renew.example.co.id"),
      renewWithinDays: 30,
    });
    const creating = created({ ...inputs, waitForIssuance: true });
    await validateWhenPlaced(simulator);
    const { id, outs: issued } = await creating;
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await simulator.admin("POST", "ssl/change", { id: issued.orderId, expDate: soon });
    const refreshed = (await provider.read(id, issued)).props as SslCertificateOutputs;
    await simulator.clearRequests();

    const firstDiff = await provider.diff(id, refreshed, inputs);
    const renewed = (await provider.update(id, refreshed, inputs)).outs as SslCertificateOutputs;
    const secondDiff = await provider.diff(id, renewed, inputs);

    assert.equal(firstDiff.changes, true);
    assert.deepEqual(await mutations(), ["ssl/renew"]);
    assert.equal(renewed.renewedForExpiry, `${soon} 00:00:00`);
    assert.ok(renewed.expiresAt > refreshed.expiresAt, `expiry ${renewed.expiresAt} did not move`);
    assert.equal(secondDiff.changes, false);
  });

  it("imports an order by id", async () => {
    const inputs = await checked({
      hostnames: ["import.example.co.id"],
      csr: await testCsr("import.example.co.id"),
    });
    const { id } = await created(inputs);

    const imported = await provider.read(id, undefined);

    assert.equal(imported.id, id);
    assert.equal(imported.inputs?.productId, "PR00019");
    assert.deepEqual(imported.inputs?.hostnames, ["import.example.co.id"]);
    assert.equal(imported.inputs?.csr, inputs.csr);
    const diff = await provider.diff(id, imported.props as SslCertificateOutputs, inputs);
    assert.equal(diff.changes, false, `import then up differs: ${JSON.stringify(diff)}`);
  });

  it("adopts an existing order without ordering again", async () => {
    const hostname = "adopt.example.co.id";
    const inputs = await checked({ hostnames: [hostname], csr: await testCsr(hostname) });
    const { id } = await created(inputs);
    const news = await checked({
      ...inputs,
      adoptOrderId: Number(id),
      domainValidation: [{ hostname, method: "https" }],
    });
    await simulator.clearRequests();

    const adopted = await created(news);

    assert.equal(adopted.id, id);
    assert.deepEqual(await mutations(), ["ssl/modify"]);
    assert.equal(adopted.outs.validationRecords[0].method, "https");
  });

  it("rejects adopting an order of another product", async () => {
    const inputs = await checked({
      hostnames: ["other.example.co.id"],
      csr: await testCsr("other.example.co.id"),
    });
    const { id } = await created(inputs);

    await assert.rejects(
      provider.create({ ...inputs, productId: "PR00031", adoptOrderId: Number(id) }),
      /adoptOrderId: order 1001 is for product PR00019, but productId is PR00031/,
    );
  });

  it("reads an order removed out of band as gone", async () => {
    const inputs = await checked({
      hostnames: ["gone.example.co.id"],
      csr: await testCsr("gone.example.co.id"),
    });
    const { id, outs } = await created(inputs);
    await simulator.admin("POST", "ssl/change", { id: outs.orderId, remove: true });

    const read = await provider.read(id, outs);

    assert.deepEqual(read, {});
  });
});

describe("findNewOrder", () => {
  const request = {
    ...TEST_SSL_ORDER,
    hostnames: ["retry.example.co.id"],
    csr: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
    validationMethods: [],
  };
  const order = (id: number, csr = request.csr) => ({ id, productId: "PR00019", csr }) as SslOrder;

  it("retries the lookup until the order appears", async () => {
    const answers = [[order(7)], [order(7)], [order(7), order(8)]];
    let calls = 0;
    const ssl = { listOrders: async () => answers[calls++] };

    const found = await findNewOrder(ssl, request, new Set([7]), Date.now() + 10_000, [1, 1, 1]);

    assert.equal(found?.id, 8);
    assert.equal(calls, 3);
  });

  it("ignores orders with another CSR", async () => {
    const ssl = {
      listOrders: async () => [
        order(9, "-----BEGIN CERTIFICATE REQUEST-----\nBBBB\n-----END CERTIFICATE REQUEST-----"),
      ],
    };

    const found = await findNewOrder(ssl, request, new Set(), Date.now() + 10_000, [1]);

    assert.equal(found, undefined);
  });
});

describe("renewalDue", () => {
  const now = Date.parse("2027-01-01T00:00:00Z");

  it("is due inside the window", () => {
    assert.equal(renewalDue({ status: "Active" }, 30, "2027-01-20 00:00:00", now), true);
  });

  it("is not due outside the window", () => {
    assert.equal(renewalDue({ status: "Active" }, 30, "2027-03-01 00:00:00", now), false);
  });

  it("is not due twice for one expiry", () => {
    assert.equal(
      renewalDue(
        { status: "Active", renewedForExpiry: "2027-01-20 00:00:00" },
        30,
        "2027-01-20 00:00:00",
        now,
      ),
      false,
    );
  });

  it("is not due for a pending order", () => {
    assert.equal(renewalDue({ status: "Pending" }, 30, "2027-01-20 00:00:00", now), false);
  });
});

/** Satisfies the validation of the first order that appears in the simulator. */
async function validateWhenPlaced(simulator: TestSimulator): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const state = await simulator.admin("GET", "state");
    const ids = Object.keys(state.sections?.ssl?.orders ?? {});
    if (ids.length > 0) {
      await simulator.admin("POST", "ssl/validate", { id: Number(ids[ids.length - 1]) });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no SSL order appeared in the simulator");
}

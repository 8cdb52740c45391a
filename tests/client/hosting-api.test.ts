import { strict as assert } from "node:assert";

import {
  HostingApi,
  IrsfaClient,
  IrsfaTransportError,
  IrsfaValidationError,
} from "../../provider/client";
import { hostingPasswordMatches } from "../../simulator/routes/hosting";
import { TestSimulator, startTestSimulator } from "../support/simulator";

const PASSWORD = "Sup3r#Secret!";
const ORDER = {
  domain: "toko.example.co.id",
  productId: "PR0001",
  username: "toko1",
  email: "admin@example.co.id",
  password: PASSWORD,
  period: 3,
};

describe("HostingApi against the simulator", function () {
  this.timeout(30_000);

  let simulator: TestSimulator;
  let api: HostingApi;

  before(async () => {
    simulator = await startTestSimulator();
  });

  beforeEach(async () => {
    await simulator.reset();
    const client = new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      retry: { maxAttempts: 3, baseDelayMs: 10 },
    });
    api = new HostingApi(client);
  });

  after(async () => {
    await simulator?.stop();
  });

  const serviceRecord = async (serviceId: number) =>
    (await simulator.admin("GET", "state")).sections.hosting.services[serviceId];

  it("lists the product catalogue with ids and names", async () => {
    const products = await api.products();

    assert.ok(products.length >= 2);
    const enterprise = products.find((product) => product.id === "PR0008");
    assert.equal(enterprise?.name, "Hosting Enterprise");
    assert.equal(typeof enterprise?.details.disk_mb, "number");
    assert.equal(products.find((product) => product.id === "PR0001")?.name, "Hosting Starter");
  });

  it("orders a service and returns its id", async () => {
    const serviceId = await api.create(ORDER);

    const detail = await api.detail(serviceId);
    assert.equal(detail?.serviceId, serviceId);
    assert.equal(detail?.domain, "toko.example.co.id");
    assert.equal(detail?.productId, "PR0001");
    assert.equal(detail?.productName, "Hosting Starter");
    assert.equal(detail?.status, "Active");
    assert.equal(detail?.suspended, false);
    assert.ok(hostingPasswordMatches(await serviceRecord(serviceId), PASSWORD));
  });

  it("returns undefined for a service that does not exist", async () => {
    assert.equal(await api.detail(424242), undefined);
  });

  it("changes the password", async () => {
    const serviceId = await api.create(ORDER);

    await api.changePassword(serviceId, "An0ther#Pass!");

    const record = await serviceRecord(serviceId);
    assert.ok(hostingPasswordMatches(record, "An0ther#Pass!"));
    assert.ok(!hostingPasswordMatches(record, PASSWORD));
  });

  it("suspends and unsuspends, rejecting a repeated call", async () => {
    const serviceId = await api.create(ORDER);

    await api.suspend(serviceId);
    assert.equal((await api.detail(serviceId))?.suspended, true);
    await assert.rejects(api.suspend(serviceId), (error: unknown) => {
      assert.ok(error instanceof IrsfaValidationError);
      assert.match(error.message, /already suspended/);
      return true;
    });

    await api.unsuspend(serviceId);
    assert.equal((await api.detail(serviceId))?.status, "Active");
    await assert.rejects(api.unsuspend(serviceId), /is not suspended/);
  });

  it("rejects a weak password server side, naming the failing parts", async () => {
    await assert.rejects(api.create({ ...ORDER, password: "weakpass1" }), (error: unknown) => {
      assert.ok(error instanceof IrsfaValidationError);
      assert.deepEqual(Object.keys(error.fieldErrors), ["password"]);
      assert.match(
        error.fieldErrors.password[0],
        /at least 2 non-alphanumeric characters, contain an uppercase letter/,
      );
      assert.ok(!error.message.includes("weakpass1"), "the password appears in the error");
      return true;
    });
    const serviceId = await api.create(ORDER);
    await assert.rejects(api.changePassword(serviceId, "short"), /password/);
  });

  it("rejects an unknown product id", async () => {
    await assert.rejects(api.create({ ...ORDER, productId: "PR9999" }), /product id/);
  });

  it("rejects calls on a terminated service", async () => {
    const serviceId = await api.create(ORDER);
    await simulator.admin("POST", "hosting/change", { serviceId, status: "Terminated" });

    assert.equal((await api.detail(serviceId))?.terminated, true);
    await assert.rejects(api.suspend(serviceId), /is terminated/);
  });

  it("does not resend an order whose response was lost", async () => {
    await simulator.fault({ path: "api/rest/v3/hosting/create", mode: "drop" });

    await assert.rejects(api.create(ORDER), (error: unknown) => {
      assert.ok(error instanceof IrsfaTransportError);
      assert.equal(error.maybeDelivered, true);
      return true;
    });

    const creates = (await simulator.requests()).filter(
      (entry) => entry.path === "/api/rest/v3/hosting/create",
    );
    assert.equal(creates.length, 1);
    const services = (await simulator.admin("GET", "state")).sections.hosting.services;
    assert.equal(
      Object.keys(services).length,
      1,
      "the dropped order did not go through in the simulator",
    );
  });

  it("keeps passwords out of the request log", async () => {
    const serviceId = await api.create(ORDER);
    await api.changePassword(serviceId, "An0ther#Pass!");

    const log = JSON.stringify(await simulator.requests());
    assert.ok(!log.includes(PASSWORD), "the order password appears in the request log");
    assert.ok(!log.includes("An0ther#Pass!"), "the new password appears in the request log");
    assert.match(log, /"password":"\[redacted\]"/);
  });

  it("keeps passwords out of the simulator data file", async () => {
    await api.create(ORDER);

    const { readFileSync } = await import("node:fs");
    assert.ok(!readFileSync(simulator.dataFile, "utf8").includes(PASSWORD));
  });
});

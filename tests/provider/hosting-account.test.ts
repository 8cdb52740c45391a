import { strict as assert } from "node:assert";

import { configure } from "../../provider/context";
import {
  HostingAccountInputs,
  HostingAccountOutputs,
  hostingAccountProvider,
} from "../../provider/resources/hosting-account";
import { TestSimulator, startTestSimulator } from "../support/simulator";

const HOSTING = "/api/rest/v3/hosting";

const INPUTS: HostingAccountInputs = {
  domain: "toko.example.co.id",
  productId: "PR0001",
  username: "toko1",
  email: "admin@example.co.id",
  password: "Sup3r#Secret!",
  period: 1,
  suspended: false,
  onDelete: "suspend",
};

describe("HostingAccount provider against the simulator", function () {
  this.timeout(30_000);

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

  beforeEach(async () => {
    await simulator.reset();
  });

  after(async () => {
    await simulator?.stop();
  });

  const createdRequests = async () =>
    (await simulator.requests()).filter((entry) => entry.path === `${HOSTING}/create`);

  async function created(): Promise<HostingAccountOutputs> {
    const result = await hostingAccountProvider.create(INPUTS);
    return result.outs as HostingAccountOutputs;
  }

  it("does not resend an order after HTTP 504", async () => {
    await simulator.fault({ path: "api/rest/v3/hosting/create", mode: "status", status: 504 });

    await assert.rejects(
      hostingAccountProvider.create(INPUTS),
      /toko\.example\.co\.id: the hosting order may have gone through: .*HTTP 504.*set `serviceId` to its id/s,
    );

    assert.equal((await createdRequests()).length, 1);
  });

  it("orders nothing for an unknown product", async () => {
    await assert.rejects(
      hostingAccountProvider.create({ ...INPUTS, productId: "PR9999" }),
      /productId "PR9999" is not a hosting product of this account; valid product ids: PR0001 \(Hosting Starter\)/,
    );

    assert.deepEqual(await createdRequests(), []);
  });

  it("suspends a service declared suspended at create", async () => {
    const result = await hostingAccountProvider.create({ ...INPUTS, suspended: true });

    assert.equal(result.outs.suspended, true);
    assert.equal(result.outs.status, "Suspended");
  });

  it("reads a terminated service as gone", async () => {
    const outs = await created();
    await simulator.admin("POST", "hosting/change", {
      serviceId: outs.serviceId,
      status: "Terminated",
    });

    const result = await hostingAccountProvider.read(String(outs.serviceId), outs);

    assert.deepEqual(result, {});
  });

  it("keeps the recorded password on read", async () => {
    const outs = await created();

    const result = await hostingAccountProvider.read(String(outs.serviceId), outs);

    assert.equal(result.props?.password, INPUTS.password);
    assert.equal(result.inputs?.password, INPUTS.password);
    assert.equal(result.inputs?.serviceId, undefined);
  });

  it("fails an update of a removed service, pointing to refresh", async () => {
    const outs = await created();
    await simulator.admin("POST", "hosting/change", { serviceId: outs.serviceId, remove: true });

    await assert.rejects(
      hostingAccountProvider.update(String(outs.serviceId), outs, { ...INPUTS, suspended: true }),
      /service \d+ is no longer in the account .* Run `pulumi refresh`/,
    );
  });

  it("deletes an already suspended service without suspending again", async () => {
    const outs = await created();
    await simulator.admin("POST", "hosting/change", {
      serviceId: outs.serviceId,
      status: "Suspended",
    });
    await simulator.clearRequests();

    await hostingAccountProvider.delete(String(outs.serviceId), outs);

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("deletes a service that is already gone", async () => {
    const outs = await created();
    await simulator.admin("POST", "hosting/change", { serviceId: outs.serviceId, remove: true });
    await simulator.clearRequests();

    await hostingAccountProvider.delete(String(outs.serviceId), outs);

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });
});

import { strict as assert } from "node:assert";

import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

import {
  HostingAccount,
  HostingAccountArgs,
  getHostingProduct,
  getHostingProducts,
} from "../../sdk";
import { hostingPasswordMatches } from "../../simulator/routes/hosting";
import { TestSimulator, startTestSimulator } from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

const PASSWORD = "Sup3r#Secret!";
const NEW_PASSWORD = "N3w#Secret-2!";
const HOSTING = "/api/rest/v3/hosting";

const BASE_ARGS: HostingAccountArgs = {
  domain: "Toko.Example.co.id",
  productId: "PR0001",
  username: "toko1",
  email: "admin@example.co.id",
  password: PASSWORD,
};

/** Returns a program declaring one hosting account with the base arguments plus `changes`. */
function hostingProgram(changes: Partial<HostingAccountArgs> = {}) {
  return async () => {
    const account = new HostingAccount("site", { ...BASE_ARGS, ...changes });
    return {
      serviceId: account.serviceId,
      status: account.status,
      productName: account.productName,
      suspended: account.suspended,
      adopted: account.adopted,
      password: account.password,
    };
  };
}

/** Selects the test's stack with another program, as a changed program would run. */
function withProgram(
  test: TestStack,
  program: () => Promise<Record<string, unknown>>,
): Promise<Stack> {
  return LocalWorkspace.selectStack(
    { stackName: test.stack.name, projectName: "irsfa-test", program },
    { workDir: test.stack.workspace.workDir, envVars: test.stack.workspace.envVars },
  );
}

async function hostingServices(simulator: TestSimulator): Promise<Record<string, any>> {
  return (await simulator.admin("GET", "state")).sections.hosting?.services ?? {};
}

async function mutatingPaths(simulator: TestSimulator): Promise<string[]> {
  return (await simulator.mutatingRequests()).map((entry) => entry.path);
}

describe("HostingAccount through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;
  let serviceId: number;
  let output = "";
  const collect = (text: string) => void (output += text);

  before(async () => {
    simulator = await startTestSimulator();
    test = await createTestStack(hostingProgram(), simulator);
  });

  beforeEach(async () => {
    output = "";
    await simulator.clearRequests();
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("orders the service on up", async () => {
    const result = await test.stack.up({ color: "never", onOutput: collect });

    // The stack resource counts too.
    assert.equal(result.summary.resourceChanges?.create, 2);
    serviceId = result.outputs.serviceId.value;
    assert.equal(typeof serviceId, "number");
    assert.equal(result.outputs.status.value, "Active");
    assert.equal(result.outputs.productName.value, "Hosting Starter");
    assert.equal(result.outputs.password.secret, true);
    assert.deepEqual(await mutatingPaths(simulator), [`${HOSTING}/create`]);
    const service = (await hostingServices(simulator))[serviceId];
    assert.equal(service.domain, "toko.example.co.id");
    assert.ok(hostingPasswordMatches(service, PASSWORD));
    assert.ok(!output.includes(PASSWORD), "the password appears in the CLI output");
  });

  it("keeps the password out of the state and the request log", async () => {
    const exported = await test.exportText();
    const log = JSON.stringify(await simulator.admin("GET", "requests"));

    assert.ok(!exported.includes(PASSWORD), "the password appears in the state");
    const account = JSON.parse(exported).deployment.resources.find((r: { type: string }) =>
      r.type.endsWith(":HostingAccount"),
    );
    assert.ok(account.inputs.password.ciphertext, "the password input is not encrypted");
    assert.ok(account.outputs.password.ciphertext, "the password output is not encrypted");
    assert.ok(!log.includes(PASSWORD), "the password appears in the request log");
  });

  it("previews no change without mutating calls", async () => {
    await test.stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await mutatingPaths(simulator), []);
  });

  it("ignores a period change after the order", async () => {
    const stack = await withProgram(test, hostingProgram({ period: 24 }));

    await stack.preview({ expectNoChanges: true, color: "never" });
  });

  it("changes the password in place", async () => {
    const stack = await withProgram(test, hostingProgram({ password: NEW_PASSWORD }));

    const result = await stack.up({ color: "never", diff: true, onOutput: collect });

    assert.equal(result.summary.resourceChanges?.update, 1);
    assert.match(output, /password +: \[secret\]/);
    assert.deepEqual(await mutatingPaths(simulator), [`${HOSTING}/change-password`]);
    assert.ok(hostingPasswordMatches((await hostingServices(simulator))[serviceId], NEW_PASSWORD));
    const everything =
      output + (await test.exportText()) + JSON.stringify(await simulator.requests());
    assert.ok(
      !everything.includes(NEW_PASSWORD),
      "the new password appears in the output, state or request log",
    );
  });

  it("suspends and unsuspends in place", async () => {
    const suspend = await withProgram(
      test,
      hostingProgram({ password: NEW_PASSWORD, suspended: true }),
    );
    const suspended = await suspend.up({ color: "never" });

    assert.equal(suspended.summary.resourceChanges?.update, 1);
    assert.equal(suspended.outputs.status.value, "Suspended");
    assert.deepEqual(await mutatingPaths(simulator), [`${HOSTING}/suspend`]);

    await simulator.clearRequests();
    const unsuspend = await withProgram(test, hostingProgram({ password: NEW_PASSWORD }));
    const active = await unsuspend.up({ color: "never" });

    assert.equal(active.outputs.status.value, "Active");
    assert.deepEqual(await mutatingPaths(simulator), [`${HOSTING}/unsuspend`]);
  });

  it("shows an out-of-band suspension as drift and lifts it on up", async () => {
    const stack = await withProgram(test, hostingProgram({ password: NEW_PASSWORD }));
    await simulator.admin("POST", "hosting/change", { serviceId, status: "Suspended" });

    const refresh = await stack.refresh({ color: "never" });
    assert.equal(refresh.summary.resourceChanges?.update, 1);
    // A refresh does not run the program, so the stack outputs are stale: read the state.
    const resources = JSON.parse(await test.exportText()).deployment.resources;
    const account = resources.find((r: { type: string }) => r.type.endsWith(":HostingAccount"));
    assert.equal(account.outputs.suspended, true);
    assert.equal(account.outputs.status, "Suspended");

    await simulator.clearRequests();
    const up = await stack.up({ color: "never" });
    assert.equal(up.summary.resourceChanges?.update, 1);
    assert.deepEqual(await mutatingPaths(simulator), [`${HOSTING}/unsuspend`]);
    assert.equal((await hostingServices(simulator))[serviceId].status, "Active");
  });

  it("plans no password change on refresh", async () => {
    const stack = await withProgram(test, hostingProgram({ password: NEW_PASSWORD }));

    await stack.refresh({ color: "never" });
    await stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await mutatingPaths(simulator), []);
  });

  it("replaces on product change, warning at preview", async () => {
    const stack = await withProgram(
      test,
      hostingProgram({ password: NEW_PASSWORD, productId: "PR0002" }),
    );

    const preview = await stack.preview({ color: "never", onOutput: collect });
    assert.equal(preview.changeSummary.replace, 1);
    assert.match(
      output,
      /changing productId "PR0001" -> "PR0002" replaces the account: a new hosting order is placed/,
    );
    assert.match(output, new RegExp(`old service ${serviceId} is suspended but not cancelled`));
    assert.deepEqual(await mutatingPaths(simulator), []);

    output = "";
    const up = await stack.up({ color: "never", onOutput: collect });
    assert.equal(up.summary.resourceChanges?.replace, 1);
    assert.deepEqual(await mutatingPaths(simulator), [`${HOSTING}/create`, `${HOSTING}/suspend`]);
    assert.match(
      output,
      new RegExp(
        `service id ${serviceId}\\) was suspended and removed from the stack, but not cancelled`,
      ),
    );

    const services = await hostingServices(simulator);
    const newId = up.outputs.serviceId.value;
    assert.notEqual(newId, serviceId);
    assert.equal(services[serviceId].status, "Suspended");
    assert.equal(services[newId].productId, "PR0002");
    serviceId = newId;
  });

  it("suspends the service on destroy and names its id", async () => {
    const result = await test.stack.destroy({ color: "never", onOutput: collect });

    assert.equal(result.summary.resourceChanges?.delete, 2);
    assert.equal((await hostingServices(simulator))[serviceId].status, "Suspended");
    assert.match(
      output,
      new RegExp(`service id ${serviceId}\\) was suspended and removed from the stack`),
    );
    assert.match(output, new RegExp(`Cancel service ${serviceId} with Irsfa`));
  });
});

describe("HostingAccount delete with onDelete retain", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;

  before(async () => {
    simulator = await startTestSimulator();
    test = await createTestStack(hostingProgram({ onDelete: "retain" }), simulator);
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("leaves the service running and names its id", async () => {
    const up = await test.stack.up({ color: "never" });
    const serviceId = up.outputs.serviceId.value;
    await simulator.clearRequests();

    let output = "";
    const result = await test.stack.destroy({
      color: "never",
      onOutput: (text) => (output += text),
    });

    assert.equal(result.summary.resourceChanges?.delete, 2);
    assert.deepEqual(await mutatingPaths(simulator), []);
    assert.equal((await hostingServices(simulator))[serviceId].status, "Active");
    assert.match(
      output,
      new RegExp(`service id ${serviceId}\\) was removed from the stack and is still running`),
    );
  });
});

describe("HostingAccount orders that cannot be looked up", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack | undefined;

  before(async () => {
    simulator = await startTestSimulator();
  });

  afterEach(async () => {
    await test?.destroy();
    test = undefined;
  });

  after(async () => {
    await simulator?.stop();
  });

  it("never resends a lost order, then adopts it", async () => {
    test = await createTestStack(hostingProgram(), simulator);
    await simulator.clearRequests();
    await simulator.fault({ path: "api/rest/v3/hosting/create", mode: "drop" });

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      /HostingAccount toko\.example\.co\.id: the hosting order may have gone through/,
    );
    assert.match(output, /set `serviceId` to its id on this resource/);
    const creates = (await simulator.requests()).filter(
      (entry) => entry.path === `${HOSTING}/create`,
    );
    assert.equal(creates.length, 1);
    const state = JSON.parse(await test.exportText()).deployment.resources ?? [];
    assert.deepEqual(
      state.filter((r: { type: string }) => r.type.endsWith(":HostingAccount")),
      [],
    );

    // The order went through in the simulator: bring it under management by its id.
    const [serviceId] = Object.keys(await hostingServices(simulator)).map(Number);
    const adopt = await withProgram(test, hostingProgram({ serviceId }));
    await simulator.clearRequests();
    const up = await adopt.up({ color: "never" });

    assert.equal(up.outputs.serviceId.value, serviceId);
    assert.equal(up.outputs.adopted.value, true);
    assert.deepEqual(await mutatingPaths(simulator), []);
    await adopt.refresh({ color: "never" });
    await adopt.preview({ expectNoChanges: true, color: "never" });
  });

  it("finishes a half-done order on the next up", async () => {
    test = await createTestStack(hostingProgram({ domain: "lanjut.example.co.id" }), simulator);
    await simulator.clearRequests();
    await simulator.fault({ path: "api/rest/v3/hosting/detail", mode: "status", status: 500 });

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(output, /service \d+ was ordered, but reading or suspending it failed/);
    const exported = await test.exportText();
    assert.ok(!exported.includes(PASSWORD), "the password appears in the state");
    const resources = JSON.parse(exported).deployment.resources;
    const account = resources.find((r: { type: string }) => r.type.endsWith(":HostingAccount"));
    assert.ok(account, "the ordered service is not in the state");

    const up = await test.stack.up({ color: "never" });
    assert.equal(up.outputs.status.value, "Active");
    assert.equal(String(up.outputs.serviceId.value), account.id);
    const creates = (await simulator.requests()).filter(
      (entry) => entry.path === `${HOSTING}/create`,
    );
    assert.equal(creates.length, 1);
  });

  it("refuses to adopt a service whose domain differs", async () => {
    const services = await hostingServices(simulator);
    const [serviceId] = Object.keys(services).map(Number);
    test = await createTestStack(
      hostingProgram({ serviceId, domain: "other.example.co.id" }),
      simulator,
    );

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      new RegExp(
        `service ${serviceId} does not match the declared account: domain is "toko.example.co.id", not "other.example.co.id"`,
      ),
    );
  });

  it("lists valid products for an unknown id", async () => {
    test = await createTestStack(hostingProgram({ productId: "PR9999" }), simulator);
    await simulator.clearRequests();

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      /productId "PR9999" is not a hosting product of this account; valid product ids: PR0001 \(Hosting Starter\), PR0002/,
    );
    assert.deepEqual(await mutatingPaths(simulator), []);
  });

  it("rejects a weak password at preview", async () => {
    test = await createTestStack(hostingProgram({ password: "weakpass1" }), simulator);
    await simulator.clearRequests();

    let output = "";
    await assert.rejects(
      test.stack.preview({ color: "never", onOutput: (text) => (output += text) }),
    );

    assert.match(output, /resource 'site' has a problem: password does not meet the password rule/);
    assert.match(
      output,
      /it has 0 non-alphanumeric characters, fewer than 2; it has no uppercase letter/,
    );
    const leaked = output.split("\n").filter((line) => line.includes("weakpass1"));
    assert.deepEqual(leaked, [], "the password appears in the CLI output");
    assert.deepEqual(await simulator.requests(), []);
  });
});

describe("hosting product lookups in a program", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack | undefined;

  before(async () => {
    simulator = await startTestSimulator();
  });

  afterEach(async () => {
    await test?.destroy();
    test = undefined;
  });

  after(async () => {
    await simulator?.stop();
  });

  it("picks products by name and by regular expression", async () => {
    test = await createTestStack(async () => {
      const business = getHostingProduct({ name: "hosting business" });
      const matching = getHostingProducts({ nameRegex: "(starter|personal)$" });
      const all = getHostingProducts();
      return {
        businessId: business.id,
        matchingIds: matching.apply((products) => products.map((product) => product.id)),
        count: all.apply((products) => products.length),
      };
    }, simulator);

    const result = await test.stack.up({ color: "never" });

    assert.equal(result.outputs.businessId.value, "PR0003");
    assert.deepEqual(result.outputs.matchingIds.value, ["PR0001", "PR0002"]);
    assert.equal(result.outputs.count.value, 4);
  });

  it("lists the catalogue when nothing matches", async () => {
    test = await createTestStack(async () => {
      return { id: getHostingProduct({ name: "Hosting Platinum" }).id };
    }, simulator);

    let output = "";
    await assert.rejects(
      test.stack.preview({ color: "never", onOutput: (text) => (output += text) }),
    );

    assert.match(
      output,
      /getHostingProduct: no hosting product matches \{"name":"Hosting Platinum"\}; the catalogue has PR0001 "Hosting Starter"/,
    );
  });
});

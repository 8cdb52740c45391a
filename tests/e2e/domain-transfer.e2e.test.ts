import { strict as assert } from "node:assert";

import * as pulumi from "@pulumi/pulumi";
import { PulumiFn } from "@pulumi/pulumi/automation";

import { Domain, checkDomainAvailability, getDomain, getDomainEppCode } from "../../sdk";
import { addYears } from "../../provider/resources/domain-renewal-plan";
import { TEST_REGISTRANT, TestSimulator, startTestSimulator } from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

const TRANSFER_MS = 2_000;
const AUTH_CODE = "Pindah-Kode-7731";
const WRONG_CODE = "Salah-Kode-0042";

function transferProgram(authCode: string, locked?: boolean): PulumiFn {
  return async () => {
    const domain = new Domain("pindahan", {
      name: "pindahan.co.id",
      nameservers: ["ns1.registeredns.id", "ns2.registeredns.id"],
      transfer: { authCode },
      locked,
    });
    return { status: domain.status, transferred: domain.transferred, expiresOn: domain.expiresOn };
  };
}

async function selectProgram(test: TestStack, program: PulumiFn) {
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  return LocalWorkspace.selectStack(
    { stackName: test.stack.name, projectName: "irsfa-test", program },
    { workDir: test.stack.workspace.workDir, envVars: test.stack.workspace.envVars },
  );
}

describe("Domain transfer-in through the Pulumi CLI", function () {
  this.timeout(600_000);

  let simulator: TestSimulator;
  let test: TestStack | undefined;

  before(async () => {
    simulator = await startTestSimulator({ transferMs: TRANSFER_MS });
    await simulator.admin("POST", "registry", {
      domain: "pindahan.co.id",
      authCode: AUTH_CODE,
      locked: false,
      expiresOn: "2030-07-01",
    });
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("fails a wrong auth code clearly and leaves nothing behind", async () => {
    test = await createTestStack(transferProgram(WRONG_CODE), simulator);

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      /Domain pindahan\.co\.id: the transfer was rejected, and nothing was placed: The EPP code is not the current auth code/,
    );
    assert.ok(!output.includes(WRONG_CODE), "the output quotes the auth code");
    const exported = await test.exportText();
    const resources = JSON.parse(exported).deployment.resources ?? [];
    assert.deepEqual(
      resources.filter((resource: { type: string }) => resource.type.endsWith(":Domain")),
      [],
    );
    const state = await simulator.admin("GET", "state");
    assert.equal(state.domains["pindahan.co.id"], undefined);
    assert.ok(state.foreignDomains["pindahan.co.id"], "the domain left its registrar");
  });

  it("transfers with the current auth code and reads as pending", async () => {
    const stack = await selectProgram(test!, transferProgram(AUTH_CODE, true));
    await simulator.clearRequests();

    let output = "";
    const result = await stack.up({
      diff: true,
      color: "never",
      onOutput: (text) => (output += text),
    });

    assert.ok(!output.includes(AUTH_CODE), "the up output shows the auth code");
    assert.equal(result.outputs.status.value, "Pending Transfer");
    assert.equal(result.outputs.transferred.value, true);
    const paths = (await simulator.mutatingRequests()).map((entry) => entry.path);
    assert.deepEqual(
      paths,
      ["/api/rest/v3/domain/transfer"],
      "changes were sent to a pending domain",
    );
  });

  it("keeps the auth code out of the state, the logs and the outputs", async () => {
    const exported = await test!.exportText();
    const domain = JSON.parse(exported).deployment.resources.find((resource: { type: string }) =>
      resource.type.endsWith(":Domain"),
    );

    assert.ok(!exported.includes(AUTH_CODE), "the auth code is in the state in plain text");
    assert.equal(
      domain.inputs.transfer["4dabf18193072939515e22adb298388d"],
      "1b47061264138c4ac30d75fd1eb44270",
    );
    assert.equal(domain.outputs.transfer, undefined);
    assert.ok(
      !JSON.stringify(await simulator.requests()).includes(AUTH_CODE),
      "the request log has the auth code",
    );
  });

  it("applies the lock once the transfer has completed", async () => {
    await new Promise((resolve) => setTimeout(resolve, TRANSFER_MS));
    const stack = await selectProgram(test!, transferProgram(AUTH_CODE, true));
    await simulator.clearRequests();

    const result = await stack.up({ refresh: true, color: "never" });

    assert.equal(result.outputs.status.value, "Active");
    assert.equal(result.outputs.expiresOn.value, addYears("2030-07-01", 1));
    const paths = (await simulator.mutatingRequests()).map((entry) => entry.path);
    assert.deepEqual(paths, ["/api/rest/v3/domain/lock"]);
    assert.equal((await simulator.admin("GET", "state")).domains["pindahan.co.id"].locked, true);
    await stack.preview({ expectNoChanges: true, color: "never" });
  });
});

describe("domain lookups through the Pulumi CLI", function () {
  this.timeout(600_000);

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

  it("returns the EPP code as a secret, availability and details", async () => {
    test = await createTestStack(async () => {
      const domain = new Domain("cari", {
        name: "carikode.id",
        nameservers: ["ns1.registeredns.id"],
        locked: false,
        registrant: TEST_REGISTRANT,
      });
      return {
        eppCode: getDomainEppCode(domain.name),
        free: checkDomainAvailability("belumada.id"),
        taken: checkDomainAvailability(pulumi.output("Taken.CO.ID.")),
        details: getDomain(domain.name),
      };
    }, simulator);

    const result = await test.stack.up({ color: "never" });

    const stored = (await simulator.admin("GET", "state")).domains["carikode.id"];
    assert.equal(result.outputs.eppCode.value, stored.authCode);
    assert.equal(result.outputs.eppCode.secret, true);
    assert.deepEqual(result.outputs.free.value, { name: "belumada.id", available: true });
    assert.deepEqual(result.outputs.taken.value, { name: "taken.co.id", available: false });
    assert.deepEqual(result.outputs.details.value, {
      name: "carikode.id",
      domainName: "carikode",
      extension: "id",
      status: "Active",
      expiresOn: stored.expiresOn,
      locked: false,
      nameservers: ["ns1.registeredns.id"],
    });
    assert.ok(
      !(await test.exportText()).includes(stored.authCode),
      "the EPP code is in the state in plain text",
    );
  });

  it("fails the EPP code lookup of a locked domain with the fix", async () => {
    await registerLocked(simulator, "terkunci.id");
    test = await createTestStack(
      async () => ({ eppCode: getDomainEppCode("terkunci.id") }),
      simulator,
    );

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(
      output,
      /getDomainEppCode: the API gives no EPP code for terkunci\.id \(The domain terkunci\.id is locked/,
    );
    assert.match(output, /set its Domain\.locked to false first/);
  });

  it("fails the details lookup of a domain outside the account", async () => {
    test = await createTestStack(async () => ({ details: getDomain("taken.co.id") }), simulator);

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(output, /getDomain: taken\.co\.id is not in the Irsfa account/);
  });

  it("rejects an invalid name before any API call", async () => {
    test = await createTestStack(
      async () => ({ result: checkDomainAvailability("not a domain") }),
      simulator,
    );
    await simulator.clearRequests();

    let output = "";
    await assert.rejects(test.stack.up({ color: "never", onOutput: (text) => (output += text) }));

    assert.match(output, /checkDomainAvailability: "not a domain"/);
    assert.deepEqual(
      (await simulator.requests()).filter((entry) => entry.path.includes("/domain/")),
      [],
    );
  });
});

describe("transfer and renewal input validation at preview", function () {
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

  it("rejects a keepValidUntil that is not a date", async () => {
    test = await createTestStack(async () => {
      new Domain("bad-date", {
        name: "baik.id",
        nameservers: ["ns1.registeredns.id"],
        keepValidUntil: "30/06/2029",
      });
    }, simulator);

    let output = "";
    await assert.rejects(
      test.stack.preview({ color: "never", onOutput: (text) => (output += text) }),
    );

    assert.match(
      output,
      /Domain resource 'bad-date': property keepValidUntil value \{30\/06\/2029\} has a problem: is "30\/06\/2029"; expected a date written YYYY-MM-DD/,
    );
    assert.deepEqual(await simulator.requests(), []);
  });

  it("rejects an overlong auth code without printing it", async () => {
    const longCode = `Rahasia-${"x".repeat(300)}`;
    test = await createTestStack(async () => {
      new Domain("bad-code", {
        name: "baik.id",
        nameservers: ["ns1.registeredns.id"],
        transfer: { authCode: longCode },
      });
    }, simulator);

    let output = "";
    await assert.rejects(
      test.stack.preview({ color: "never", onOutput: (text) => (output += text) }),
    );

    assert.match(
      output,
      /Domain resource 'bad-code' has a problem: Domain\.transfer\.authCode has 308 characters; expected at most 255/,
    );
    assert.ok(!output.includes("Rahasia-"), "the output quotes the auth code");
    assert.deepEqual(await simulator.requests(), []);
  });
});

async function registerLocked(simulator: TestSimulator, name: string): Promise<void> {
  const { IrsfaClient, DomainApi } = await import("../../provider/client");
  const { normaliseDomain } = await import("../../provider/normalize");
  const { TEST_REGISTRANT_PARAMS } = await import("../support/simulator");
  const api = new DomainApi(
    new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
    }),
  );
  const parsed = normaliseDomain(name);
  assert.ok(parsed.ok);
  await api.register(parsed.value, {
    period: 1,
    nameservers: ["ns1.registeredns.id"],
    description: "registered outside Pulumi",
    registrant: TEST_REGISTRANT_PARAMS,
  });
  await api.setLock(parsed.value, true);
}

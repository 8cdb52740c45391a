import { strict as assert } from "node:assert";

import { PulumiFn } from "@pulumi/pulumi/automation";

import { Domain } from "../../sdk";
import { addYears, today } from "../../provider/resources/domain-renewal-plan";
import { TestSimulator, TEST_REGISTRANT, startTestSimulator } from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

const RENEW_PATH = "/api/rest/v3/domain/renew";
const RESTORE_PATH = "/api/rest/v3/domain/restore";

/** Milliseconds of one HTTP attempt; a renewal of unknown outcome settles after twice that. */
const REQUEST_TIMEOUT_MS = 8_000;

interface RenewalOptions {
  keepValidUntil: string;
  nameservers?: string[];
}

function renewalProgram(options: RenewalOptions): PulumiFn {
  return async () => {
    const domain = new Domain("tahan", {
      name: "tahanlama.id",
      nameservers: options.nameservers ?? ["ns1.registeredns.id"],
      keepValidUntil: options.keepValidUntil,
      registrant: TEST_REGISTRANT,
    });
    return { expiresOn: domain.expiresOn, status: domain.status };
  };
}

async function selectProgram(test: TestStack, program: PulumiFn) {
  const { LocalWorkspace } = await import("@pulumi/pulumi/automation");
  return LocalWorkspace.selectStack(
    { stackName: test.stack.name, projectName: "irsfa-test", program },
    { workDir: test.stack.workspace.workDir, envVars: test.stack.workspace.envVars },
  );
}

async function orderPaths(simulator: TestSimulator): Promise<string[]> {
  return (await simulator.mutatingRequests())
    .map((entry) => entry.path)
    .filter((path) => path === RENEW_PATH || path === RESTORE_PATH);
}

async function domainState(test: TestStack): Promise<Record<string, any>> {
  const deployment = JSON.parse(await test.exportText()).deployment;
  const domain = deployment.resources.find((resource: { type: string }) =>
    resource.type.endsWith(":Domain"),
  );
  assert.ok(domain, "the stack has no Domain");
  return domain.outputs;
}

describe("Domain keepValidUntil through the Pulumi CLI", function () {
  this.timeout(600_000);

  const oneYear = addYears(today(), 1);
  let simulator: TestSimulator;
  let test: TestStack;

  before(async () => {
    simulator = await startTestSimulator();
    test = await createTestStack(
      renewalProgram({ keepValidUntil: addYears(oneYear, 1) }),
      simulator,
      {
        "irsfa:requestTimeoutMs": { value: String(REQUEST_TIMEOUT_MS) },
      },
    );
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("registers and then renews to reach keepValidUntil", async () => {
    const result = await test.stack.up({ color: "never" });

    assert.equal(result.outputs.expiresOn.value, addYears(oneYear, 1));
    assert.deepEqual(await orderPaths(simulator), [RENEW_PATH]);
  });

  it("previews no change once the expiry reaches the date", async () => {
    await simulator.clearRequests();

    await test.stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("previews the planned renewal without placing it", async () => {
    const stack = await selectProgram(
      test,
      renewalProgram({ keepValidUntil: addYears(oneYear, 2) }),
    );
    await simulator.clearRequests();

    let output = "";
    const preview = await stack.preview({ color: "never", onOutput: (text) => (output += text) });

    assert.equal(preview.changeSummary.update, 1);
    const from = addYears(oneYear, 1);
    const to = addYears(oneYear, 2);
    assert.ok(
      output.includes(`up will renew for 1 year(s), moving the expiry from ${from} to ${to}`),
      `the preview does not state the renewal:\n${output}`,
    );
    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("fails an up whose renewal outcome is unknown and records it", async () => {
    const stack = await selectProgram(
      test,
      renewalProgram({ keepValidUntil: addYears(oneYear, 2) }),
    );
    await simulator.clearRequests();
    await simulator.fault({ path: "api/rest/v3/domain/renew", mode: "status", status: 500 });

    await assert.rejects(
      stack.up({ color: "never" }),
      /outcome is unknown .* It was not sent again/,
    );

    const outputs = await domainState(test);
    assert.equal(outputs.unconfirmedRenewal.outcome, "unknown");
    assert.equal(outputs.unconfirmedRenewal.fromExpiresOn, addYears(oneYear, 1));
    assert.deepEqual(await orderPaths(simulator), [RENEW_PATH]);
  });

  it("does not resend the renewal when up is re-run at once", async () => {
    const stack = await selectProgram(
      test,
      renewalProgram({ keepValidUntil: addYears(oneYear, 2) }),
    );

    let output = "";
    await stack.preview({ color: "never", onOutput: (text) => (output += text) });
    assert.match(output, /up will check whether the renew sent at .* took effect/);
    await assert.rejects(
      stack.up({ color: "never" }),
      /may still be in progress, so nothing is sent now/,
    );

    assert.deepEqual(await orderPaths(simulator), [RENEW_PATH]);
    assert.equal(
      (await simulator.admin("GET", "state")).domains["tahanlama.id"].expiresOn,
      addYears(oneYear, 1),
    );
  });

  it("resends it once it settled without effect, renewing once in all", async () => {
    const stack = await selectProgram(
      test,
      renewalProgram({ keepValidUntil: addYears(oneYear, 2) }),
    );
    const sentAt = Date.parse((await domainState(test)).unconfirmedRenewal.sentAt);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, sentAt + 2 * REQUEST_TIMEOUT_MS - Date.now())),
    );

    const result = await stack.up({ color: "never" });

    assert.equal(result.outputs.expiresOn.value, addYears(oneYear, 2));
    assert.deepEqual(await orderPaths(simulator), [RENEW_PATH, RENEW_PATH]);
    assert.equal((await domainState(test)).unconfirmedRenewal, undefined);
  });

  it("does not renew again when up is re-run after a later step failed", async () => {
    const program = renewalProgram({
      keepValidUntil: addYears(oneYear, 3),
      nameservers: ["ns2.registeredns.id"],
    });
    const stack = await selectProgram(test, program);
    await simulator.clearRequests();
    await simulator.fault({ path: "api/rest/v3/domain/modify/ns", mode: "status", status: 422 });

    await assert.rejects(
      stack.up({ color: "never" }),
      /is registered, but setting its nameservers or lock failed/,
    );
    const result = await stack.up({ color: "never" });

    assert.equal(result.outputs.expiresOn.value, addYears(oneYear, 3));
    assert.deepEqual(await orderPaths(simulator), [RENEW_PATH]);
    const live = (await simulator.admin("GET", "state")).domains["tahanlama.id"];
    assert.equal(live.expiresOn, addYears(oneYear, 3));
    assert.deepEqual(live.nameservers, ["ns2.registeredns.id"]);
  });

  it("shows an expiry in redemption on refresh and restores it on up", async () => {
    const program = renewalProgram({
      keepValidUntil: addYears(oneYear, 3),
      nameservers: ["ns2.registeredns.id"],
    });
    const stack = await selectProgram(test, program);
    const expired = await simulator.admin("POST", "domains/expire", {
      domain: "tahanlama.id",
      into: "Redemption",
    });
    await simulator.clearRequests();

    let output = "";
    await stack.preview({
      refresh: true,
      diff: true,
      color: "never",
      onOutput: (text) => (output += text),
    });
    assert.match(
      output,
      new RegExp(`keepValidUntil\\s*:\\s*"${expired.expiresOn}" => "${addYears(oneYear, 3)}"`),
    );
    // The diff display leaves out engine messages, so a plain preview shows the planned restore.
    let plain = "";
    await stack.preview({ refresh: true, color: "never", onOutput: (text) => (plain += text) });
    assert.match(
      plain,
      new RegExp(`up will restore for 5 year\\(s\\), moving the expiry from ${expired.expiresOn}`),
    );
    // The expiry only moves backwards in the simulator, so up needs a refresh to see it.
    const result = await stack.up({ refresh: true, color: "never" });

    assert.equal(result.outputs.status.value, "Active");
    assert.ok(
      result.outputs.expiresOn.value >= addYears(oneYear, 3),
      result.outputs.expiresOn.value,
    );
    assert.deepEqual(await orderPaths(simulator), [RESTORE_PATH]);
    await stack.preview({ expectNoChanges: true, color: "never" });
  });
});

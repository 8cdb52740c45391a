import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";

import { IrsfaClient, VpsApi } from "../../provider/client";
import { Vps, getVpsOperatingSystem, getVpsOperatingSystems, getVpsProducts } from "../../sdk";
import { TestSimulator, startTestSimulator } from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

const PASSWORD = "Uji#Root-2026";
const NEW_PASSWORD = "Baru#Root-2027";
const VPS_PATH = "/api/rest/v3/vps/";

/** Inputs of the test machine that a test may change between runs. */
interface MachineSpec {
  hostname?: string;
  productId?: string;
  osId?: number;
  rootPassword?: string;
  powerState?: "running" | "stopped";
  suspended?: boolean;
  restartTrigger?: string;
  allowRebuild?: boolean;
  onDelete?: "poweroff" | "retain";
  vpsId?: number;
}

/** Returns a program declaring one VPS from the spec that `current` returns at each run. */
function machineProgram(current: () => MachineSpec) {
  return async () => {
    const spec = current();
    const vps = new Vps("web", {
      productId: spec.productId ?? "PR00056",
      osId: spec.osId ?? 2,
      hostname: spec.hostname ?? "web.uji.co.id",
      rootPassword: spec.rootPassword ?? PASSWORD,
      powerState: spec.powerState,
      suspended: spec.suspended,
      restartTrigger: spec.restartTrigger,
      allowRebuild: spec.allowRebuild,
      onDelete: spec.onDelete,
      vpsId: spec.vpsId,
    });
    return {
      vpsId: vps.vpsId,
      status: vps.status,
      powerState: vps.powerState,
      osName: vps.osName,
      ipv4: vps.ipv4,
      rootPassword: vps.rootPassword,
    };
  };
}

/** Returns the VPS calls that changed state, as paths after `/vps/`. */
async function vpsCalls(simulator: TestSimulator): Promise<string[]> {
  return (await simulator.mutatingRequests())
    .filter((entry) => entry.path.startsWith(VPS_PATH))
    .map((entry) => entry.path.slice(VPS_PATH.length));
}

async function machine(simulator: TestSimulator, id: number): Promise<any> {
  return (await simulator.admin("GET", "state")).sections.vps.machines[String(id)];
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

describe("Vps lifecycle through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;
  let spec: MachineSpec = {};
  let vpsId: number;
  let firstUpOutput = "";

  before(async () => {
    simulator = await startTestSimulator();
    test = await createTestStack(
      machineProgram(() => spec),
      simulator,
    );
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("orders the VPS and waits for its build", async () => {
    const result = await test.stack.up({
      color: "never",
      onOutput: (text) => (firstUpOutput += text),
    });

    vpsId = result.outputs.vpsId.value;
    assert.equal(result.summary.resourceChanges?.create, 2, "the stack and the VPS");
    assert.equal(result.outputs.status.value, "active");
    assert.equal(result.outputs.powerState.value, "running");
    assert.equal(result.outputs.osName.value, "Ubuntu 22.04 LTS");
    assert.match(result.outputs.ipv4.value, /^198\.51\.100\.\d+$/);
    assert.deepEqual(await vpsCalls(simulator), ["create"]);
  });

  it("keeps the root password out of state, CLI output and request log", async () => {
    const outputs = await test.stack.outputs();
    const exported = await test.exportText();
    const requests = JSON.stringify(await simulator.requests());

    assert.equal(outputs.rootPassword.secret, true);
    assert.ok(!exported.includes(PASSWORD), "the password is in the state file");
    assert.ok(!firstUpOutput.includes(PASSWORD), "the password is in the CLI output");
    assert.ok(!requests.includes(PASSWORD), "the password is in the request log");
    assert.equal((await machine(simulator, vpsId)).passwordHash, sha256(PASSWORD));
  });

  it("previews no change without mutating API calls", async () => {
    await simulator.clearRequests();

    await test.stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  const transitions: Array<{
    title: string;
    change: MachineSpec;
    calls: string[];
    check: (m: any) => void;
  }> = [
    {
      title: "stops",
      change: { powerState: "stopped" },
      calls: ["stop"],
      check: (m) => assert.equal(m.power, "stopped"),
    },
    {
      title: "starts",
      change: { powerState: "running" },
      calls: ["start"],
      check: (m) => assert.equal(m.power, "running"),
    },
    {
      title: "restarts on a trigger change",
      change: { restartTrigger: "deploy-2" },
      calls: ["restart"],
      check: () => {},
    },
    {
      title: "suspends",
      change: { suspended: true },
      calls: ["suspend"],
      check: (m) => assert.equal(m.suspended, true),
    },
    {
      title: "unsuspends",
      change: { suspended: false },
      calls: ["unsuspend"],
      check: (m) => assert.equal(m.suspended, false),
    },
    {
      title: "suspends while declaring stopped",
      change: { powerState: "stopped", suspended: true },
      calls: ["suspend"],
      check: (m) => assert.equal(m.suspended, true),
    },
    {
      title: "unsuspends into the declared stopped state",
      change: { suspended: false },
      calls: ["unsuspend", "stop"],
      check: (m) => assert.deepEqual([m.power, m.suspended], ["stopped", false]),
    },
    {
      title: "starts again",
      change: { powerState: "running" },
      calls: ["start"],
      check: (m) => assert.equal(m.power, "running"),
    },
  ];

  for (const { title, change, calls, check } of transitions) {
    it(`${title} with one call per change`, async () => {
      spec = { ...spec, ...change };
      await simulator.clearRequests();

      const result = await test.stack.up({ color: "never" });

      assert.equal(result.summary.resourceChanges?.update, 1);
      assert.deepEqual(await vpsCalls(simulator), calls);
      check(await machine(simulator, vpsId));
    });
  }

  it("rejects an OS change at preview without allowRebuild", async () => {
    spec = { ...spec, osId: 54 };
    await simulator.clearRequests();
    let output = "";

    const error = await test.stack
      .preview({ color: "never", onOutput: (text) => (output += text) })
      .catch((e) => e);

    assert.ok(error instanceof Error, "the preview succeeded");
    assert.match(
      output + error.message,
      /osId from 2 to 54 needs a rebuild, which reinstalls the machine and erases its disk/,
    );
    assert.match(output + error.message, /allowRebuild: true/);
    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("rejects a password change at preview without allowRebuild", async () => {
    spec = { ...spec, osId: 2, rootPassword: NEW_PASSWORD };
    let output = "";

    const error = await test.stack
      .preview({ color: "never", onOutput: (text) => (output += text) })
      .catch((e) => e);

    assert.ok(error instanceof Error, "the preview succeeded");
    assert.match(output + error.message, /changing rootPassword needs a rebuild/);
    assert.ok(
      !(output + error.message).includes(NEW_PASSWORD),
      "the new password is in the CLI output",
    );
  });

  it("rebuilds with the new OS and password when allowed", async () => {
    spec = { ...spec, osId: 54, rootPassword: NEW_PASSWORD, allowRebuild: true };
    await simulator.clearRequests();
    let output = "";

    const result = await test.stack.up({ color: "never", onOutput: (text) => (output += text) });

    assert.equal(result.summary.resourceChanges?.update, 1);
    assert.equal(result.outputs.osName.value, "Debian 12");
    assert.deepEqual(await vpsCalls(simulator), ["rebuild"]);
    const rebuilt = await machine(simulator, vpsId);
    assert.equal(rebuilt.osId, 54);
    assert.equal(rebuilt.passwordHash, sha256(NEW_PASSWORD));
    assert.ok(!output.includes(NEW_PASSWORD), "the new password is in the CLI output");
    assert.ok(
      !(await test.exportText()).includes(NEW_PASSWORD),
      "the new password is in the state file",
    );
    assert.ok(
      !JSON.stringify(await simulator.requests()).includes(NEW_PASSWORD),
      "the password is in the request log",
    );
  });

  it("shows an out-of-band stop as drift and starts the VPS again", async () => {
    await simulator.admin("POST", "vps/change", { vpsID: vpsId, power: "stopped" });

    const refresh = await test.stack.refresh({ color: "never" });
    assert.equal(refresh.summary.resourceChanges?.update, 1);
    const stored = JSON.parse(await test.exportText()).deployment.resources.find((r: any) =>
      r.type.endsWith(":Vps"),
    );
    assert.equal(stored.outputs.powerState, "stopped");

    await simulator.clearRequests();
    const up = await test.stack.up({ color: "never" });
    assert.equal(up.summary.resourceChanges?.update, 1);
    assert.deepEqual(await vpsCalls(simulator), ["start"]);
    assert.equal((await machine(simulator, vpsId)).power, "running");
  });

  it("plans no rebuild after a refresh", async () => {
    await test.stack.refresh({ color: "never" });
    await simulator.clearRequests();

    await test.stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await simulator.mutatingRequests(), []);
    assert.ok(
      !(await test.exportText()).includes(NEW_PASSWORD),
      "a refresh put the password in the state file",
    );
  });

  it("replaces the VPS on a hostname change and powers the old one off", async () => {
    spec = { ...spec, hostname: "web2.uji.co.id" };
    await simulator.clearRequests();
    let output = "";

    const result = await test.stack.up({ color: "never", onOutput: (text) => (output += text) });

    const oldId = vpsId;
    vpsId = result.outputs.vpsId.value;
    assert.equal(result.summary.resourceChanges?.replace, 1);
    assert.notEqual(vpsId, oldId);
    assert.deepEqual(await vpsCalls(simulator), ["create", "poweroff"]);
    assert.equal((await machine(simulator, oldId)).power, "stopped");
    assert.match(output, new RegExp(`cancel vps id ${oldId} with Irsfa`));
  });

  it("powers the VPS off on destroy and warns that the order remains", async () => {
    await simulator.clearRequests();
    let output = "";

    await test.stack.destroy({ color: "never", onOutput: (text) => (output += text) });

    assert.deepEqual(await vpsCalls(simulator), ["poweroff"]);
    assert.equal((await machine(simulator, vpsId)).power, "stopped");
    assert.match(
      output,
      new RegExp(`vps id ${vpsId}\\) was powered off and removed from the stack`),
    );
    assert.match(output, new RegExp(`cancel vps id ${vpsId} with Irsfa`));
  });
});

describe("Vps delete, adoption and failed orders", function () {
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

  it("leaves the VPS running on destroy with onDelete retain", async () => {
    test = await createTestStack(
      machineProgram(() => ({ hostname: "keep.uji.co.id", onDelete: "retain" })),
      simulator,
    );
    const up = await test.stack.up({ color: "never" });
    const id = up.outputs.vpsId.value;
    await simulator.clearRequests();
    let output = "";

    await test.stack.destroy({ color: "never", onOutput: (text) => (output += text) });

    assert.deepEqual(await vpsCalls(simulator), []);
    assert.equal((await machine(simulator, id)).power, "running");
    assert.match(
      output,
      new RegExp(`vps id ${id}\\) was removed from the stack and left as it is`),
    );
    assert.match(output, new RegExp(`cancel vps id ${id} with Irsfa`));
  });

  it("brings an existing VPS under management by vpsId without ordering", async () => {
    const api = new VpsApi(
      new IrsfaClient({
        endpoint: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
      }),
    );
    const id = await api.create({
      productId: "PR00057",
      osId: 12,
      hostname: "lama.uji.co.id",
      rootPassword: PASSWORD,
      period: 1,
    });
    assert.ok(id !== undefined);
    await simulator.admin("POST", "vps/change", { vpsID: id, power: "stopped", finishBuild: true });
    const spec: MachineSpec = {
      hostname: "lama.uji.co.id",
      productId: "PR00057",
      osId: 12,
      rootPassword: "Lain#Root-2026",
      powerState: "stopped",
      vpsId: id,
      onDelete: "retain",
    };
    test = await createTestStack(
      machineProgram(() => spec),
      simulator,
    );
    await simulator.clearRequests();

    const up = await test.stack.up({ color: "never" });

    assert.equal(up.outputs.vpsId.value, id);
    assert.equal(up.outputs.powerState.value, "stopped");
    assert.deepEqual(await vpsCalls(simulator), []);
    await test.stack.refresh({ color: "never" });
    await test.stack.preview({ expectNoChanges: true, color: "never" });
    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("rejects adopting a VPS whose hostname differs", async () => {
    const api = new VpsApi(
      new IrsfaClient({
        endpoint: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
      }),
    );
    const id = await api.create({
      productId: "PR00056",
      osId: 2,
      hostname: "lain.uji.co.id",
      rootPassword: PASSWORD,
      period: 1,
    });
    test = await createTestStack(
      machineProgram(() => ({ hostname: "salah.uji.co.id", vpsId: id })),
      simulator,
    );

    await assert.rejects(
      test.stack.up({ color: "never" }),
      new RegExp(
        `the VPS with this id has hostname lain.uji.co.id, which differs from the declared values`,
      ),
    );
  });

  it("does not resend an order whose response was lost", async () => {
    test = await createTestStack(
      machineProgram(() => ({ hostname: "hilang.uji.co.id" })),
      simulator,
    );
    await simulator.fault({ path: "api/rest/v3/vps/create", mode: "drop" });
    await simulator.clearRequests();

    await assert.rejects(
      test.stack.up({ color: "never" }),
      /Vps hilang\.uji\.co\.id: the order was sent but its response was lost.*may have been ordered.*set `vpsId`/s,
    );

    assert.equal((await vpsCalls(simulator)).filter((call) => call === "create").length, 1);
    const machines = Object.values(
      (await simulator.admin("GET", "state")).sections.vps.machines,
    ) as any[];
    assert.ok(
      machines.some((m) => m.hostname === "hilang.uji.co.id"),
      "the simulator did not place the order",
    );
  });

  it("fails an unknown product at create with the valid ids", async () => {
    test = await createTestStack(
      machineProgram(() => ({ hostname: "produk.uji.co.id", productId: "PR99999" })),
      simulator,
    );
    await simulator.clearRequests();

    await assert.rejects(
      test.stack.up({ color: "never" }),
      /productId "PR99999" is not a VPS product; valid ids: PR00056 \(VPS Start 1\)/,
    );

    assert.deepEqual(await vpsCalls(simulator), []);
  });

  it("rejects a weak root password at preview without showing it", async () => {
    test = await createTestStack(
      machineProgram(() => ({ hostname: "lemah.uji.co.id", rootPassword: "lemahsekali" })),
      simulator,
    );
    await simulator.clearRequests();
    let output = "";

    const error = await test.stack
      .preview({ color: "never", onOutput: (text) => (output += text) })
      .catch((e) => e);

    assert.ok(error instanceof Error, "the preview succeeded");
    const text = output + error.message;
    assert.match(text, /rootPassword/);
    assert.match(
      text,
      /it has 0 non-alphanumeric characters, fewer than 2; it has no uppercase letter; it has no digit/,
    );
    assert.ok(!text.includes("lemahsekali"), "the password is in the CLI output");
    assert.deepEqual(await simulator.requests(), []);
  });
  it("records an ordered VPS whose power step failed, without its password", async () => {
    test = await createTestStack(
      machineProgram(() => ({ hostname: "gagal.uji.co.id", powerState: "stopped" })),
      simulator,
    );
    await simulator.fault({ path: "api/rest/v3/vps/stop", mode: "status", status: 500 });

    await assert.rejects(
      test.stack.up({ color: "never" }),
      /gagal\.uji\.co\.id \(vps id \d+\) is ordered, but .* failed/,
    );

    const exported = await test.exportText();
    const stored = JSON.parse(exported).deployment.resources.find((r: any) =>
      r.type.endsWith(":Vps"),
    );
    assert.ok(stored, "the ordered VPS is not in the state");
    assert.ok(!exported.includes(PASSWORD), "the password is in the state file");
    await simulator.clearRequests();
    await test.stack.up({ color: "never" });
    assert.deepEqual(await vpsCalls(simulator), ["stop"]);
  });
});

describe("VPS lookups through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack | undefined;

  before(async () => {
    simulator = await startTestSimulator();
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("filters products and operating systems by name", async () => {
    test = await createTestStack(
      async () => ({
        products: getVpsProducts({ nameContains: "PRO" }),
        ubuntu: getVpsOperatingSystems({ nameContains: "ubuntu" }),
        all: getVpsOperatingSystems(),
        debian: getVpsOperatingSystem({ nameContains: "debian" }),
      }),
      simulator,
    );

    const result = await test.stack.up({ color: "never" });

    assert.deepEqual(result.outputs.products.value, [{ id: "PR00058", name: "VPS Pro 4" }]);
    assert.deepEqual(
      result.outputs.ubuntu.value.map((os: { id: number }) => os.id),
      [2, 12],
    );
    assert.equal(result.outputs.all.value.length, 5);
    assert.deepEqual(result.outputs.debian.value, { id: 54, name: "Debian 12" });
  });

  it("fails a single lookup that matches several, naming them", async () => {
    await test?.destroy();
    test = await createTestStack(
      async () => ({ os: getVpsOperatingSystem({ nameContains: "ubuntu" }) }),
      simulator,
    );

    await assert.rejects(
      test.stack.up({ color: "never" }),
      /VPS operating system name filter "ubuntu" matches 2; expected exactly one. Candidates: Ubuntu 22.04 LTS \(2\), Ubuntu 24.04 LTS \(12\)/,
    );
  });
});

import { strict as assert } from "node:assert";

import { apiContext, configure } from "../../provider/context";
import { checkVps } from "../../provider/resources/vps-inputs";
import { vpsProvider } from "../../provider/resources/vps";
import { TestSimulator, startTestSimulator } from "../support/simulator";

const PASSWORD = "Uji#Root-2026";

describe("Vps provider against the simulator", function () {
  this.timeout(30_000);

  let simulator: TestSimulator;

  before(async () => {
    simulator = await startTestSimulator({ vpsBuildMs: 100 });
    const config: Record<string, string> = {
      "irsfa:endpoint": simulator.url,
      "irsfa:clientId": simulator.clientId,
      "irsfa:clientSecret": simulator.clientSecret,
      "irsfa:maxAttempts": "1",
    };
    configure({ get: (key: string) => config[key] });
  });

  after(async () => {
    await simulator?.stop();
  });

  function inputs(changes: Record<string, unknown> = {}): any {
    const result = checkVps({
      productId: "PR00056",
      osId: 2,
      hostname: "uji.example.co.id",
      rootPassword: PASSWORD,
      ...changes,
    });
    assert.deepEqual(result.failures, []);
    return result.inputs;
  }

  async function vpsCalls(): Promise<string[]> {
    return (await simulator.mutatingRequests())
      .filter((entry) => entry.path.startsWith("/api/rest/v3/vps/"))
      .map((entry) => entry.path.slice("/api/rest/v3/vps/".length));
  }

  it("rebuilds a suspended machine", async () => {
    const created = await vpsProvider.create(inputs({ suspended: true }));
    await simulator.clearRequests();

    const updated = await vpsProvider.update(
      created.id,
      created.outs,
      inputs({ suspended: true, osId: 54, allowRebuild: true }),
    );

    assert.deepEqual(await vpsCalls(), ["unsuspend", "rebuild", "suspend"]);
    assert.equal(updated.outs?.osId, 54);
    assert.equal(updated.outs?.suspended, true);
  });

  it("rejects a rebuild in update without allowRebuild", async () => {
    const created = await vpsProvider.create(inputs());
    await simulator.clearRequests();

    await assert.rejects(
      vpsProvider.update(created.id, created.outs, inputs({ osId: 54 })),
      /erases its disk/,
    );

    assert.deepEqual(await vpsCalls(), []);
  });

  it("waits for a build before update", async () => {
    const created = await vpsProvider.create(inputs());
    await apiContext().vps.rebuild(Number(created.id), 2, PASSWORD);
    await simulator.clearRequests();

    const updated = await vpsProvider.update(
      created.id,
      created.outs,
      inputs({ powerState: "stopped" }),
    );

    assert.deepEqual(await vpsCalls(), ["stop"]);
    assert.equal(updated.outs?.powerState, "stopped");
    assert.equal(updated.outs?.status, "active");
  });

  it("reads and deletes a removed machine", async () => {
    const created = await vpsProvider.create(inputs());
    await simulator.admin("POST", "vps/change", { vpsID: Number(created.id), remove: true });
    await simulator.clearRequests();

    const read = await vpsProvider.read(created.id, created.outs);
    await vpsProvider.delete(created.id, created.outs);

    assert.deepEqual(read, {});
    assert.deepEqual(await vpsCalls(), []);
  });

  it("does not power off a suspended machine on delete", async () => {
    const created = await vpsProvider.create(inputs({ suspended: true }));
    await simulator.clearRequests();

    await vpsProvider.delete(created.id, created.outs);

    assert.deepEqual(await vpsCalls(), []);
  });

  it("waits for a build before delete", async () => {
    const created = await vpsProvider.create(inputs());
    await apiContext().vps.rebuild(Number(created.id), 2, PASSWORD);
    await simulator.clearRequests();

    await vpsProvider.delete(created.id, created.outs);

    assert.deepEqual(await vpsCalls(), ["poweroff"]);
  });

  it("reports a create gateway timeout as lost", async () => {
    await simulator.fault({ path: "api/rest/v3/vps/create", mode: "status", status: 504 });
    await simulator.clearRequests();

    await assert.rejects(
      vpsProvider.create(inputs({ hostname: "timeout.example.co.id" })),
      /Vps timeout\.example\.co\.id: the order was sent but its response was lost \(.*HTTP 504.*\)/,
    );
    assert.deepEqual(await vpsCalls(), ["create"]);
  });

  it("lists valid ids for an unknown OS", async () => {
    await simulator.clearRequests();

    await assert.rejects(
      vpsProvider.create(inputs({ osId: 999 })),
      /osId 999 is not an available OS; valid ids: 2 \(Ubuntu 22\.04 LTS\), 12 \(Ubuntu 24\.04 LTS\), 54 \(Debian 12\)/,
    );
    assert.deepEqual(await vpsCalls(), []);
  });
});

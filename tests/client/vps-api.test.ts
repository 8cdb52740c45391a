import { strict as assert } from "node:assert";

import {
  IrsfaClient,
  IrsfaNotFoundError,
  IrsfaValidationError,
  VpsApi,
  VpsDetail,
  parseVpsDetail,
  vpsIdFrom,
} from "../../provider/client";
import { TestSimulator, startTestSimulator } from "../support/simulator";

const PASSWORD = "Uji#Root-2026";
const ORDER = {
  productId: "PR00056",
  osId: 2,
  hostname: "web1.example.co.id",
  rootPassword: PASSWORD,
  period: 1,
};

describe("VpsApi against the simulator", function () {
  this.timeout(30_000);

  let simulator: TestSimulator;
  let api: VpsApi;

  before(async () => {
    simulator = await startTestSimulator({ vpsBuildMs: 150 });
    api = new VpsApi(
      new IrsfaClient({
        endpoint: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
        retry: { maxAttempts: 1 },
      }),
    );
  });

  after(async () => {
    await simulator?.stop();
  });

  async function built(): Promise<number> {
    const id = await api.create(ORDER);
    assert.ok(id !== undefined);
    await simulator.admin("POST", "vps/change", { vpsID: id, finishBuild: true });
    return id;
  }

  it("lists products and operating systems", async () => {
    const products = await api.products();
    const systems = await api.operatingSystems();

    assert.ok(
      products.some((product) => product.id === "PR00056" && product.name === "VPS Start 1"),
    );
    assert.ok(systems.some((os) => os.id === 54 && os.name === "Debian 12"));
  });

  it("creates a VPS that builds, then runs", async () => {
    const id = await api.create(ORDER);
    assert.ok(id !== undefined);
    assert.ok(id > 0);

    const building = await api.detail(id);
    assert.equal(building?.building, true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const running = await api.detail(id);

    assert.equal(running?.building, false);
    assert.equal(running?.powerState, "running");
    assert.equal(running?.hostname, "web1.example.co.id");
    assert.equal(running?.osName, "Ubuntu 22.04 LTS");
    assert.match(running?.ipv4 ?? "", /^198\.51\.100\.\d+$/);
  });

  it("returns undefined for a VPS not in the account", async () => {
    assert.equal(await api.detail(999_999), undefined);
  });

  it("rejects power calls while building", async () => {
    const id = await api.create(ORDER);

    await assert.rejects(api.act(id!, "stop"), /still being built/);
  });

  it("moves through stop, start, restart, suspend and unsuspend", async () => {
    const id = await built();

    await api.act(id, "stop");
    assert.equal((await api.detail(id))?.powerState, "stopped");
    await api.act(id, "start");
    assert.equal((await api.detail(id))?.powerState, "running");
    await api.act(id, "restart");
    await api.act(id, "suspend");
    const suspended = (await api.detail(id)) as VpsDetail;
    assert.equal(suspended.suspended, true);
    assert.equal(suspended.powerState, "stopped");
    await api.act(id, "unsuspend");
    const back = (await api.detail(id)) as VpsDetail;
    assert.equal(back.suspended, false);
    assert.equal(back.powerState, "running");
  });

  it("rejects to start or rebuild a suspended machine", async () => {
    const id = await built();
    await api.act(id, "suspend");

    await assert.rejects(api.act(id, "start"), (error: unknown) => {
      assert.ok(error instanceof IrsfaValidationError);
      assert.match(error.message, /suspended and cannot be started; unsuspend it first/);
      return true;
    });
    await assert.rejects(api.rebuild(id, 54, PASSWORD), /suspended and cannot be rebuilt/);
  });

  it("rejects state changes that are already in effect", async () => {
    const id = await built();

    await assert.rejects(api.act(id, "start"), /already running/);
    await api.act(id, "poweroff");
    await assert.rejects(api.act(id, "stop"), /already stopped/);
    await assert.rejects(api.act(id, "restart"), /start it instead/);
    await assert.rejects(api.act(id, "unsuspend"), /not suspended/);
  });

  it("rebuilds with another OS, building again", async () => {
    const id = await built();

    await api.rebuild(id, 54, "New#Root-2027");
    const rebuilding = await api.detail(id);

    assert.equal(rebuilding?.building, true);
    assert.equal(rebuilding?.osId, 54);
  });

  it("enforces the password rule on create and rebuild", async () => {
    await assert.rejects(api.create({ ...ORDER, rootPassword: "weakpass" }), (error: unknown) => {
      assert.ok(error instanceof IrsfaValidationError);
      assert.match(
        error.fieldErrors.rootpass.join(" "),
        /does not contain at least 2 non-alphanumeric characters/,
      );
      assert.ok(!error.message.includes("weakpass"), "the error contains the password");
      return true;
    });
    const id = await built();
    await assert.rejects(api.rebuild(id, 2, "short"), /newpass/);
  });

  it("rejects unknown product and OS ids", async () => {
    await assert.rejects(api.create({ ...ORDER, productId: "PR99999" }), /product id/);
    await assert.rejects(api.create({ ...ORDER, osId: 999 }), /osid/);
  });

  it("reports an unknown vps id as not found for actions", async () => {
    await assert.rejects(api.act(999_999, "start"), IrsfaNotFoundError);
  });

  it("keeps passwords out of the request log", async () => {
    await simulator.clearRequests();
    const id = await built();
    await api.rebuild(id, 2, "New#Root-2027");

    const logged = JSON.stringify(await simulator.requests());
    assert.ok(!logged.includes(PASSWORD), "the root password is in the request log");
    assert.ok(!logged.includes("New#Root-2027"), "the rebuild password is in the request log");
    assert.match(logged, /"rootpass":"\[redacted\]"/);
    assert.match(logged, /"confirmation_new_pass":"\[redacted\]"/);
    const state = JSON.stringify(await simulator.admin("GET", "state"));
    assert.ok(!state.includes(PASSWORD), "the simulator state holds the password");
  });
});

describe("VPS response readers", () => {
  it("reads the vps id from the shapes a create may return", () => {
    assert.equal(vpsIdFrom({ vpsID: 1001 }), 1001);
    assert.equal(vpsIdFrom({ vps_id: "1002" }), 1002);
    assert.equal(vpsIdFrom([{ id: 1003 }]), 1003);
    assert.equal(vpsIdFrom({ vps: { id: 1004 } }), 1004);
    assert.equal(vpsIdFrom(1005), 1005);
    assert.equal(vpsIdFrom({}), undefined);
    assert.equal(vpsIdFrom([]), undefined);
  });

  it("reads power and status words of other backends", () => {
    const detail = parseVpsDetail({ id: "7", state: "Suspended", power: "Off", os_id: "12" }, 7);

    assert.equal(detail.id, 7);
    assert.equal(detail.suspended, true);
    assert.equal(detail.powerState, "stopped");
    assert.equal(detail.osId, 12);
    assert.equal(parseVpsDetail({ status: "Installing" }, 8).building, true);
    assert.equal(
      parseVpsDetail({ status: "Active", power_status: "online" }, 9).powerState,
      "running",
    );
  });
});

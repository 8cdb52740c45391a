import { strict as assert } from "node:assert";

import { DomainApi, IrsfaClient, IrsfaValidationError } from "../../provider/client";
import { NormalisedDomain, normaliseDomain } from "../../provider/normalize";
import { addYears, today } from "../../provider/resources/domain-renewal-plan";
import { TEST_REGISTRANT_PARAMS, TestSimulator, startTestSimulator } from "../support/simulator";

function ref(name: string): NormalisedDomain {
  const parsed = normaliseDomain(name);
  assert.ok(parsed.ok, `${name} does not parse`);
  return parsed.value;
}

function daysFromToday(days: number): string {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function rejection(promise: Promise<unknown>): Promise<IrsfaValidationError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      error instanceof IrsfaValidationError,
      `expected a validation error, got ${String(error)}`,
    );
    return error;
  }
  assert.fail("the call succeeded");
}

describe("simulator domain lifecycle through the client", function () {
  this.timeout(30_000);

  let simulator: TestSimulator;
  let api: DomainApi;

  before(async () => {
    simulator = await startTestSimulator({ transferMs: 300 });
    api = new DomainApi(
      new IrsfaClient({
        endpoint: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
      }),
    );
  });

  beforeEach(async () => {
    await simulator.reset();
  });

  after(async () => {
    await simulator?.stop();
  });

  async function registerDomain(name: string, period = 1): Promise<void> {
    await api.register(ref(name), {
      period,
      nameservers: ["ns1.registeredns.id"],
      description: "test",
      registrant: TEST_REGISTRANT_PARAMS,
    });
  }

  describe("transfer", () => {
    const order = (authCode: string) => ({
      authCode,
      nameservers: ["ns1.registeredns.id"],
      description: "test",
    });

    it("rejects a wrong auth code on the epp field and changes nothing", async () => {
      await simulator.admin("POST", "registry", {
        domain: "pindah.co.id",
        authCode: "Right-Code-1",
        locked: false,
      });

      const error = await rejection(api.transfer(ref("pindah.co.id"), order("Wrong-Code-1")));

      assert.deepEqual(Object.keys(error.fieldErrors), ["epp"]);
      assert.ok(!error.message.includes("Wrong-Code-1"), "the error quotes the auth code");
      const state = await simulator.admin("GET", "state");
      assert.equal(state.domains["pindah.co.id"], undefined);
      assert.ok(state.foreignDomains["pindah.co.id"], "the domain left its registrar");
    });

    it("rejects a domain locked at its registrar", async () => {
      await simulator.admin("POST", "registry", {
        domain: "terkunci.co.id",
        authCode: "Right-Code-1",
        locked: true,
      });

      const error = await rejection(api.transfer(ref("terkunci.co.id"), order("Right-Code-1")));

      assert.match(error.fieldErrors.domain_name.join(" "), /locked at its current registrar/);
    });

    it("rejects a domain that is registered nowhere", async () => {
      const error = await rejection(api.transfer(ref("bebas.co.id"), order("Any-Code-1")));

      assert.match(error.fieldErrors.domain_name.join(" "), /not registered/);
    });

    it("is pending until transferMs passes, then adds a year", async () => {
      await simulator.admin("POST", "registry", {
        domain: "pindah.co.id",
        authCode: "Right-Code-1",
        locked: false,
        expiresOn: "2031-03-15",
      });

      await api.transfer(ref("pindah.co.id"), order("Right-Code-1"));
      const pending = await api.info(ref("pindah.co.id"));
      assert.equal(pending?.status, "Pending Transfer");
      assert.equal(pending?.expiresOn, "2031-03-15");
      assert.deepEqual(pending?.nameservers, ["ns1.registeredns.id"]);

      await new Promise((resolve) => setTimeout(resolve, 400));
      const done = await api.info(ref("pindah.co.id"));
      assert.equal(done?.status, "Active");
      assert.equal(done?.expiresOn, "2032-03-15");
    });

    it("accepts no renew, lock, nameserver change or EPP request while pending", async () => {
      const slow = await startTestSimulator({ transferMs: 60_000 });
      try {
        const slowApi = new DomainApi(
          new IrsfaClient({
            endpoint: slow.url,
            clientId: slow.clientId,
            clientSecret: slow.clientSecret,
          }),
        );
        await slow.admin("POST", "registry", {
          domain: "pindah.co.id",
          authCode: "Right-Code-1",
          locked: false,
        });
        await slowApi.transfer(ref("pindah.co.id"), order("Right-Code-1"));

        const calls: Array<[string, Promise<unknown>]> = [
          ["renew", slowApi.renew(ref("pindah.co.id"), 1, "test")],
          ["lock", slowApi.setLock(ref("pindah.co.id"), true)],
          ["modify/ns", slowApi.modifyNameservers(ref("pindah.co.id"), ["ns2.registeredns.id"])],
          ["eppcode", slowApi.eppCode(ref("pindah.co.id"))],
        ];
        for (const [name, call] of calls) {
          const error = await rejection(call);
          assert.match(error.fieldErrors.domain_name.join(" "), /transfer pending/, name);
        }
      } finally {
        await slow.stop();
      }
    });

    it("keeps the auth code out of the request log", async () => {
      await simulator.admin("POST", "registry", {
        domain: "pindah.co.id",
        authCode: "Right-Code-1",
        locked: false,
      });

      await api.transfer(ref("pindah.co.id"), order("Right-Code-1"));

      const logged = JSON.stringify(await simulator.requests());
      assert.ok(!logged.includes("Right-Code-1"), "the auth code reached the request log");
      assert.match(logged, /"epp":"\[redacted\]"/);
    });
  });

  describe("renew and restore", () => {
    it("renew adds whole years to the expiry", async () => {
      await registerDomain("panjang.id");
      const before = (await api.info(ref("panjang.id")))!.expiresOn!;

      await api.renew(ref("panjang.id"), 2, "test");

      assert.equal((await api.info(ref("panjang.id")))?.expiresOn, addYears(before, 2));
    });

    it("renew rejects an expiry more than 10 years ahead", async () => {
      await registerDomain("panjang.id", 5);

      const error = await rejection(api.renew(ref("panjang.id"), 6, "test"));

      assert.match(error.fieldErrors.period.join(" "), /more than 10 years ahead/);
    });

    it("expire route moves a domain into Expired, which renew revives", async () => {
      await registerDomain("lupa.id");

      const expired = await simulator.admin("POST", "domains/expire", {
        domain: "lupa.id",
        into: "Expired",
      });
      assert.equal(expired.status, "Expired");
      assert.equal(expired.expiresOn, daysFromToday(-1));
      await rejection(api.restore(ref("lupa.id"), 1, "test"));

      await api.renew(ref("lupa.id"), 1, "test");
      const info = await api.info(ref("lupa.id"));
      assert.equal(info?.status, "Active");
      assert.equal(info?.expiresOn, addYears(daysFromToday(-1), 1));
    });

    it("expire route moves a domain into Redemption, which only restore revives", async () => {
      await registerDomain("lupa.id");

      const expired = await simulator.admin("POST", "domains/expire", {
        domain: "lupa.id",
        into: "Redemption",
      });
      assert.equal(expired.status, "Redemption");
      const renewError = await rejection(api.renew(ref("lupa.id"), 1, "test"));
      assert.match(renewError.fieldErrors.domain_name.join(" "), /restore it instead/);

      await api.restore(ref("lupa.id"), 1, "test");
      const info = await api.info(ref("lupa.id"));
      assert.equal(info?.status, "Active");
      assert.equal(info?.expiresOn, addYears(daysFromToday(-31), 1));
    });
  });

  describe("EPP code", () => {
    it("is given for an unlocked domain only", async () => {
      await registerDomain("kode.id");
      const stored = (await simulator.admin("GET", "state")).domains["kode.id"].authCode;

      assert.equal(await api.eppCode(ref("kode.id")), stored);

      await api.setLock(ref("kode.id"), true);
      const error = await rejection(api.eppCode(ref("kode.id")));
      assert.match(error.fieldErrors.domain_name.join(" "), /is locked/);
    });
  });
});

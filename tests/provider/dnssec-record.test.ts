import { strict as assert } from "node:assert";

import { DomainApi, IrsfaClient } from "../../provider/client";
import { configure } from "../../provider/context";
import { normaliseDomain } from "../../provider/normalize";
import { DnssecRecordInputs, dnssecRecordProvider } from "../../provider/resources/dnssec-record";
import { TEST_REGISTRANT_PARAMS, TestSimulator, startTestSimulator } from "../support/simulator";

const DIGEST = "E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766";

describe("DnssecRecord provider against the simulator", () => {
  let simulator: TestSimulator;
  const records: DnssecRecordInputs[] = Array.from({ length: 6 }, (_, index) => ({
    domain: "paralel.id",
    keyTag: 2000 + index,
    algorithm: index % 2 === 0 ? 13 : 8,
    digestType: 2,
    digest: DIGEST,
  }));
  const stored = async () =>
    (await simulator.admin("GET", "state")).sections.dnssec?.["paralel.id"] ?? [];

  before(async () => {
    simulator = await startTestSimulator();
    const settings: Record<string, string> = {
      "irsfa:endpoint": simulator.url,
      "irsfa:clientId": simulator.clientId,
      "irsfa:clientSecret": simulator.clientSecret,
    };
    configure({ get: (key) => settings[key] });

    const parsed = normaliseDomain("paralel.id");
    assert.ok(parsed.ok);
    const client = new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
    });
    await new DomainApi(client).register(parsed.value, {
      period: 1,
      nameservers: ["ns1.registeredns.id"],
      description: "provider test",
      registrant: TEST_REGISTRANT_PARAMS,
    });
  });

  after(async () => {
    configure({ get: () => undefined });
    await simulator?.stop();
  });

  it("creates six records on one domain concurrently", async () => {
    const results = await Promise.all(records.map((record) => dnssecRecordProvider.create(record)));

    assert.deepEqual(
      results.map((result) => result.id),
      records.map((record) => `paralel.id/${record.keyTag}/${record.algorithm}/2/${DIGEST}`),
    );
    assert.equal((await stored()).length, 6);
  });

  it("reads each record by all four fields", async () => {
    const found = await dnssecRecordProvider.read("", records[1]);
    const otherAlgorithm = await dnssecRecordProvider.read("", { ...records[1], algorithm: 13 });

    assert.deepEqual(found.props, records[1]);
    assert.deepEqual(otherAlgorithm, {});
  });

  it("reads a record from its id alone", async () => {
    const found = await dnssecRecordProvider.read(
      `paralel.id/2002/13/2/${DIGEST.toLowerCase()}`,
      undefined as any,
    );

    assert.deepEqual(found.props, records[2]);
  });

  it("recovers from a lost create response by looking the record up", async () => {
    const record = { ...records[0], keyTag: 3000 };
    await simulator.fault({ path: "api/rest/v3/domain/dnssec/create", mode: "drop" });

    const result = await dnssecRecordProvider.create(record);

    assert.equal(result.id, `paralel.id/3000/13/2/${DIGEST}`);
    const creates = (await simulator.requests()).filter(
      (entry) =>
        entry.path.endsWith("/dnssec/create") &&
        entry.body &&
        (entry.body as any).key_tag === "3000",
    );
    assert.equal(creates.length, 1, "the create must not be sent twice");
    await dnssecRecordProvider.delete(result.id, record);
  });

  it("deletes them concurrently, twice without failing", async () => {
    await Promise.all(records.map((record) => dnssecRecordProvider.delete("", record)));
    await Promise.all(records.map((record) => dnssecRecordProvider.delete("", record)));

    assert.deepEqual(await stored(), []);
  });

  it("reads every record as gone once the domain has left the account", async () => {
    await simulator.admin("POST", "domains/change", { domain: "paralel.id", remove: true });

    assert.deepEqual(await dnssecRecordProvider.read("", records[0]), {});
  });
});

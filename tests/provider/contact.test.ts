import { strict as assert } from "node:assert";

import { configure } from "../../provider/context";
import { ContactInputs, contactProvider } from "../../provider/resources/contact";
import { TEST_REGISTRANT, TestSimulator, startTestSimulator } from "../support/simulator";

describe("Contact provider against the simulator", () => {
  let simulator: TestSimulator;
  const inputs: ContactInputs = { ...TEST_REGISTRANT, locale: "id_ID" };

  before(async () => {
    simulator = await startTestSimulator();
    const settings: Record<string, string> = {
      "irsfa:endpoint": simulator.url,
      "irsfa:clientId": simulator.clientId,
      "irsfa:clientSecret": simulator.clientSecret,
      "irsfa:maxAttempts": "1",
    };
    configure({ get: (key) => settings[key] });
  });

  after(async () => {
    configure({ get: () => undefined });
    await simulator?.stop();
  });

  it("sends house number and zip code as integers on create", async () => {
    await simulator.clearRequests();

    await contactProvider.create(inputs);

    const [entry] = await simulator.mutatingRequests();
    const body = entry.body as Record<string, unknown>;
    assert.equal(body.number, 1);
    assert.equal(body.zip_code, 10220);
    assert.equal(body.telephone_number, TEST_REGISTRANT.phone);
    assert.equal(body.initial, undefined);
  });

  it("sends only the fields update accepts", async () => {
    const created = await contactProvider.create(inputs);
    await simulator.clearRequests();

    await contactProvider.update(created.id, created.outs as any, {
      ...inputs,
      email: "baru@example.co.id",
    });

    const [entry] = await simulator.mutatingRequests();
    assert.deepEqual(Object.keys(entry.body as object).sort(), [
      "city",
      "contact_id",
      "country",
      "email",
      "locale",
      "number",
      "state",
      "street",
      "telephone_number",
      "zip_code",
    ]);
    assert.equal((entry.body as Record<string, unknown>).email, "baru@example.co.id");
  });

  it("explains a lost create response without creating twice", async () => {
    await simulator.fault({ path: "api/rest/v3/domain/contact/create", mode: "drop" });
    await simulator.clearRequests();

    await assert.rejects(
      contactProvider.create(inputs),
      /response of contact\/create was lost.*set `existingContactId`/s,
    );

    const creates = (await simulator.requests()).filter((entry) =>
      entry.path.endsWith("/contact/create"),
    );
    assert.equal(creates.length, 1);
  });

  it("keeps the stored values on read", async () => {
    const stored = { ...inputs, contactId: "CNT-1001" };

    const result = await contactProvider.read("CNT-1001", stored);

    assert.deepEqual(result, { id: "CNT-1001", props: stored });
  });
});

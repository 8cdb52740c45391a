import { strict as assert } from "node:assert";

import { Domain } from "../../sdk";
import { TestSimulator, TEST_REGISTRANT, startTestSimulator } from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

describe("refresh when the API fails", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;

  before(async () => {
    simulator = await startTestSimulator();
    test = await createTestStack(async () => {
      const domain = new Domain("site", {
        name: "tahan.id",
        nameservers: ["ns1.registeredns.id"],
        registrant: TEST_REGISTRANT,
      });
      return { status: domain.status };
    }, simulator);
    await test.stack.up({ color: "never" });
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  const failures = [
    {
      title: "HTTP 503 on every attempt",
      fault: { mode: "status" as const, status: 503, count: 10 },
    },
    { title: "HTTP 500", fault: { mode: "status" as const, status: 500, count: 10 } },
  ];

  for (const { title, fault } of failures) {
    it(`fails and keeps the state on ${title}`, async () => {
      const before = JSON.parse(await test.exportText()).deployment.resources;
      await simulator.fault({ path: "api/rest/v3/domain/info", ...fault });

      await assert.rejects(test.stack.refresh({ color: "never" }));

      await simulator.admin("DELETE", "faults");
      const after = JSON.parse(await test.exportText()).deployment.resources;
      assert.equal(after.length, before.length);
      assert.ok(after.some((resource: { type: string }) => resource.type.endsWith(":Domain")));
    });
  }

  it("fails and keeps the state when the credentials are refused", async () => {
    await simulator.admin("POST", "clients", {
      clientId: simulator.clientId,
      clientSecret: "rotated-secret",
    });
    await simulator.admin("POST", "tokens/revoke");

    let output = "";
    await assert.rejects(
      test.stack.refresh({ color: "never", onOutput: (text) => (output += text) }),
    );

    await simulator.admin("POST", "clients", {
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
    });
    assert.match(output, /token request rejected/);
    assert.ok(!output.includes(simulator.clientSecret), "the client secret appears in the output");
    const after = JSON.parse(await test.exportText()).deployment.resources;
    assert.ok(after.some((resource: { type: string }) => resource.type.endsWith(":Domain")));
  });

  it("drops a domain that is definitely gone", async () => {
    await simulator.admin("POST", "domains/change", { domain: "tahan.id", remove: true });

    const result = await test.stack.refresh({ color: "never" });

    assert.equal(result.summary.resourceChanges?.delete, 1);
  });
});

import { strict as assert } from "node:assert";

import { UNKNOWN } from "../../provider/checks";
import { passwordProblem, passwordRuleFailures } from "../../provider/password";
import { checkVps } from "../../provider/resources/vps-inputs";
import { vpsProvider } from "../../provider/resources/vps";

const PASSWORD = "Uji#Root-2026";

const VALID = {
  productId: "PR00056",
  osId: 2,
  hostname: "Web1.Example.CO.ID.",
  rootPassword: PASSWORD,
};

function failureOf(news: Record<string, unknown>, property: string): string | undefined {
  return checkVps(news).failures?.find((failure) => failure.property === property)?.reason;
}

describe("password rule", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["Ab1!", "short", /4 characters, fewer than 6/],
    ["Abcdef12!", "one symbol", /1 non-alphanumeric characters, fewer than 2/],
    ["abc#de!1", "no uppercase", /no uppercase letter/],
    ["Abc#de!x", "no digit", /no digit/],
  ];

  for (const [password, title, expected] of cases) {
    it(`names the failing part: ${title}`, () => {
      const problem = passwordProblem(password);

      assert.ok(problem, `${title} passed the rule`);
      assert.match(problem, expected);
      assert.ok(!problem.includes(password), "the reason contains the password");
    });
  }

  it("accepts a password that meets every part", () => {
    assert.deepEqual(passwordRuleFailures(PASSWORD), []);
    assert.equal(passwordProblem(PASSWORD), undefined);
  });

  it("lists every failing part at once", () => {
    assert.equal(passwordRuleFailures("abc").length, 4);
  });
});

describe("Vps check", () => {
  it("normalises the hostname and fills in defaults", () => {
    const { inputs, failures } = checkVps(VALID);

    assert.deepEqual(failures, []);
    assert.equal(inputs.hostname, "web1.example.co.id");
    assert.equal(inputs.period, 1);
    assert.equal(inputs.powerState, "running");
    assert.equal(inputs.suspended, false);
    assert.equal(inputs.allowRebuild, false);
    assert.equal(inputs.onDelete, "poweroff");
  });

  it("rejects a weak root password without naming the property or quoting it", () => {
    const reason = failureOf({ ...VALID, rootPassword: "weakpass" }, "");

    assert.ok(reason);
    assert.match(reason, /^rootPassword does not meet the password rule/);
    assert.match(reason, /no uppercase letter/);
    assert.ok(!reason.includes("weakpass"));
  });

  it("rejects invalid values with the expected form", () => {
    assert.match(
      failureOf({ ...VALID, osId: "ubuntu" }, "osId") ?? "",
      /expected a positive whole number/,
    );
    assert.match(failureOf({ ...VALID, hostname: "web" }, "hostname") ?? "", /single label/);
    assert.match(failureOf({ ...VALID, period: 0 }, "period") ?? "", /whole months from 1 to 36/);
    assert.match(
      failureOf({ ...VALID, powerState: "paused" }, "powerState") ?? "",
      /"running" or "stopped"/,
    );
    assert.match(
      failureOf({ ...VALID, onDelete: "terminate" }, "onDelete") ?? "",
      /"poweroff" or "retain"/,
    );
    assert.match(failureOf({ ...VALID, suspended: "yes" }, "suspended") ?? "", /true or false/);
    assert.match(failureOf({ ...VALID, productId: undefined }, "productId") ?? "", /is required/);
  });

  it("skips values unknown at preview", () => {
    const { failures } = checkVps({
      ...VALID,
      osId: UNKNOWN,
      rootPassword: UNKNOWN,
      productId: UNKNOWN,
    });

    assert.deepEqual(failures, []);
  });

  it("accepts a numeric string as osId and vpsId", () => {
    const { inputs } = checkVps({ ...VALID, osId: "54", vpsId: "1001" });

    assert.equal(inputs.osId, 54);
    assert.equal(inputs.vpsId, 1001);
  });
});

describe("Vps diff", () => {
  const olds = {
    ...checkVps(VALID).inputs,
    vpsId: 1001,
    status: "active",
    productName: "VPS Start 1",
    osName: "Ubuntu 22.04 LTS",
    ipv4: "198.51.100.2",
    ipv6: "2001:db8:100::3e9",
  } as any;
  const news = (changes: Record<string, unknown>) =>
    ({ ...checkVps(VALID).inputs, ...changes }) as any;

  it("reports no change for the same inputs", async () => {
    const result = await vpsProvider.diff("1001", olds, news({}));

    assert.equal(result.changes, false);
  });

  it("replaces on a product or hostname change", async () => {
    const product = await vpsProvider.diff("1001", olds, news({ productId: "PR00057" }));
    const hostname = await vpsProvider.diff("1001", olds, news({ hostname: "web2.example.co.id" }));

    assert.deepEqual(product.replaces, ["productId"]);
    assert.deepEqual(hostname.replaces, ["hostname"]);
  });

  it("rejects an OS change without allowRebuild", async () => {
    await assert.rejects(
      vpsProvider.diff("1001", olds, news({ osId: 54 })),
      /osId from 2 to 54 needs a rebuild, which reinstalls the machine and erases its disk.*allowRebuild: true/,
    );
  });

  it("rejects a password change without allowRebuild and without the password", async () => {
    const error = await vpsProvider
      .diff("1001", olds, news({ rootPassword: "New#Root-2027" }))
      .catch((e) => e);

    assert.ok(error instanceof Error);
    assert.match(error.message, /changing rootPassword needs a rebuild/);
    assert.ok(!error.message.includes("New#Root-2027"));
    assert.ok(!error.message.includes(PASSWORD));
  });

  it("plans a rebuild as an update with allowRebuild", async () => {
    const result = await vpsProvider.diff("1001", olds, news({ osId: 54, allowRebuild: true }));

    assert.equal(result.changes, true);
    assert.deepEqual(result.replaces, []);
  });

  it("plans no rebuild when the stored password is unknown", async () => {
    const { rootPassword: _omitted, ...imported } = olds;

    const result = await vpsProvider.diff("1001", imported, news({}));

    assert.equal(result.changes, false);
  });

  it("plans an update for power, suspension, trigger and onDelete", async () => {
    for (const change of [
      { powerState: "stopped" },
      { suspended: true },
      { restartTrigger: "1" },
      { onDelete: "retain" },
    ]) {
      const result = await vpsProvider.diff("1001", olds, news(change));

      assert.equal(result.changes, true, JSON.stringify(change));
      assert.deepEqual(result.replaces, [], JSON.stringify(change));
    }
  });

  it("ignores a period change, which only applies to the order", async () => {
    const result = await vpsProvider.diff("1001", olds, news({ period: 12 }));

    assert.equal(result.changes, false);
  });
});

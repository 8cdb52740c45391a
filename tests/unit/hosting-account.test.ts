import { strict as assert } from "node:assert";

import { parseHostingProduct, parseHostingService, serviceIdFrom } from "../../provider/client";
import { UNKNOWN } from "../../provider/checks";
import { passwordRuleFailures } from "../../provider/password";
import {
  HostingAccountOutputs,
  hostingAccountProvider,
} from "../../provider/resources/hosting-account";
import { filterProducts } from "../../sdk/hosting-lookups";

const VALID = {
  domain: "Toko.Example.CO.ID.",
  productId: " PR0001 ",
  username: "toko1",
  email: "admin@example.co.id",
  password: "Sup3r#Secret!",
};

const STORED: HostingAccountOutputs = {
  domain: "toko.example.co.id",
  productId: "PR0001",
  username: "toko1",
  email: "admin@example.co.id",
  password: "Sup3r#Secret!",
  period: 1,
  suspended: false,
  onDelete: "suspend",
  serviceId: 1001,
  status: "Active",
  productName: "Hosting Starter",
  adopted: false,
};

describe("password rule", () => {
  it("accepts a password that meets every part", () => {
    assert.deepEqual(passwordRuleFailures("Ab1!?x"), []);
  });

  it("names each failing part with counts", () => {
    const failures = passwordRuleFailures("abc!");

    assert.deepEqual(failures, [
      "it has 4 characters, fewer than 6",
      "it has 1 non-alphanumeric characters, fewer than 2",
      "it has no uppercase letter",
      "it has no digit",
    ]);
  });
});

describe("HostingAccount check", () => {
  it("normalises inputs and fills defaults", async () => {
    const result = await hostingAccountProvider.check({}, { ...VALID });

    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs.domain, "toko.example.co.id");
    assert.equal(result.inputs.productId, "PR0001");
    assert.equal(result.inputs.period, 1);
    assert.equal(result.inputs.suspended, false);
    assert.equal(result.inputs.onDelete, "suspend");
    assert.equal(result.inputs.serviceId, undefined);
  });

  it("names failing password parts, not the value", async () => {
    const result = await hostingAccountProvider.check({}, { ...VALID, password: "weakpass1" });

    assert.equal(result.failures?.length, 1);
    const reason = result.failures![0].reason;
    // No property, so that the CLI does not print the password beside the failure.
    assert.equal(result.failures![0].property, "");
    assert.match(reason, /^password does not meet the password rule \(at least 6 characters/);
    assert.match(
      reason,
      /: it has 0 non-alphanumeric characters, fewer than 2; it has no uppercase letter$/,
    );
    assert.match(reason, /has no uppercase letter/);
    assert.doesNotMatch(reason, /has no digit/);
    assert.ok(!reason.includes("weakpass1"), "the password appears in the reason");
  });

  const invalidCases: Array<[string, Record<string, unknown>, RegExp]> = [
    ["domain", { domain: "not a domain" }, /"not a domain"/],
    ["username", { username: "toko-1" }, /is "toko-1"; expected letters and digits only/],
    ["email", { email: "nobody" }, /is "nobody"; expected an email address/],
    ["period", { period: 0 }, /is 0; expected whole months from 1 to 120/],
    ["suspended", { suspended: "yes" }, /is "yes"; expected true or false/],
    ["onDelete", { onDelete: "terminate" }, /is "terminate"; expected "suspend" or "retain"/],
    ["serviceId", { serviceId: -4 }, /is -4; expected the positive numeric id/],
    ["productId", { productId: "" }, /is required/],
  ];
  for (const [field, change, expected] of invalidCases) {
    it(`rejects an invalid ${field}`, async () => {
      const result = await hostingAccountProvider.check({}, { ...VALID, ...change });

      assert.equal(result.failures?.length, 1, JSON.stringify(result.failures));
      assert.equal(result.failures![0].property, field);
      assert.match(result.failures![0].reason, expected);
    });
  }

  it("reports every missing required input", async () => {
    const result = await hostingAccountProvider.check({}, {});

    const properties = (result.failures ?? []).map((failure) => failure.property).sort();
    assert.deepEqual(properties, ["domain", "email", "password", "productId", "username"]);
  });

  it("skips values unknown at preview", async () => {
    const result = await hostingAccountProvider.check(
      {},
      { ...VALID, domain: UNKNOWN, password: UNKNOWN },
    );

    assert.deepEqual(result.failures, []);
  });

  it("accepts a numeric string service id", async () => {
    const result = await hostingAccountProvider.check({}, { ...VALID, serviceId: "1025" });

    assert.equal(result.inputs.serviceId, 1025);
  });
});

describe("HostingAccount diff", () => {
  const inputs = () => {
    const { serviceId, status, productName, adopted, ...rest } = STORED;
    return { ...rest };
  };

  it("reports no change for equal inputs", async () => {
    const result = await hostingAccountProvider.diff("1001", STORED, inputs());

    assert.equal(result.changes, false);
    assert.deepEqual(result.replaces, []);
  });

  for (const field of ["domain", "productId", "username"] as const) {
    it(`replaces on a change of ${field}`, async () => {
      const result = await hostingAccountProvider.diff("1001", STORED, {
        ...inputs(),
        [field]: "other1",
      });

      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, [field]);
    });
  }

  it("updates in place on a change of password or suspended", async () => {
    const result = await hostingAccountProvider.diff("1001", STORED, {
      ...inputs(),
      password: "N3w#Secret!",
      suspended: true,
    });

    assert.equal(result.changes, true);
    assert.deepEqual(result.replaces, []);
  });

  it("ignores email and period, which matter only when ordering", async () => {
    const result = await hostingAccountProvider.diff("1001", STORED, {
      ...inputs(),
      email: "new@example.co.id",
      period: 12,
    });

    assert.equal(result.changes, false);
  });

  it("plans no password change when no password was recorded", async () => {
    const { password, ...withoutPassword } = STORED;
    const result = await hostingAccountProvider.diff(
      "1001",
      withoutPassword as HostingAccountOutputs,
      inputs(),
    );

    assert.equal(result.changes, false);
  });

  it("replaces when a different service id is declared", async () => {
    const result = await hostingAccountProvider.diff("1001", STORED, {
      ...inputs(),
      serviceId: 2002,
    });

    assert.deepEqual(result.replaces, ["serviceId"]);
  });

  it("ignores a declared service id equal to the stored one", async () => {
    const result = await hostingAccountProvider.diff("1001", STORED, {
      ...inputs(),
      serviceId: 1001,
    });

    assert.equal(result.changes, false);
  });
});

describe("hosting response readers", () => {
  const idCases: Array<[string, unknown, number | undefined]> = [
    ["a bare number", 1025, 1025],
    ["a numeric string", "1025", 1025],
    ["serviceID", { serviceID: 1025 }, 1025],
    ["service_id as a string", { service_id: "1025" }, 1025],
    ["a nested service", { service: { id: 1025 } }, 1025],
    ["a list", [{ serviceid: 1025 }], 1025],
    ["an empty object", {}, undefined],
    ["a message only", { message: "ok" }, undefined],
    ["zero", { serviceID: 0 }, undefined],
  ];
  for (const [title, data, expected] of idCases) {
    it(`reads the create response's service id from ${title}`, () => {
      assert.equal(serviceIdFrom(data), expected);
    });
  }

  it("reads a detail record with other field names", () => {
    const service = parseHostingService(
      { service_id: "77", domain_name: "Toko.ID", pid: "PR0002", service_status: "Suspended" },
      77,
    );

    assert.equal(service.serviceId, 77);
    assert.equal(service.domain, "toko.id");
    assert.equal(service.productId, "PR0002");
    assert.equal(service.suspended, true);
    assert.equal(service.terminated, false);
  });

  it("marks a cancelled service as terminated", () => {
    assert.equal(parseHostingService({ status: "Cancelled" }, 5).terminated, true);
  });

  it("skips a product without an id", () => {
    assert.equal(parseHostingProduct({ name: "No id" }), undefined);
    assert.deepEqual(parseHostingProduct({ pid: 8, product_name: "Pro" })?.name, "Pro");
  });
});

describe("product name filter", () => {
  const products = [
    { name: "Hosting Starter" },
    { name: "Hosting Business" },
    { name: "Business Plus" },
  ];

  it("matches an exact name ignoring case", () => {
    assert.deepEqual(filterProducts(products, { name: "hosting business" }), [
      { name: "Hosting Business" },
    ]);
  });

  it("matches a regular expression ignoring case", () => {
    assert.deepEqual(filterProducts(products, { nameRegex: "^business" }), [
      { name: "Business Plus" },
    ]);
  });

  it("returns every product without a filter", () => {
    assert.equal(filterProducts(products, {}).length, 3);
  });

  it("rejects an invalid regular expression", () => {
    assert.throws(
      () => filterProducts(products, { nameRegex: "(" }),
      /nameRegex "\(" is not a valid regular expression/,
    );
  });
});

import { strict as assert } from "node:assert";

import type * as pulumi from "@pulumi/pulumi";

import { UNKNOWN } from "../../provider/checks";
import { configure, providers } from "../../provider";
import type { DomainOutputs } from "../../provider/resources/domain";
import { TEST_REGISTRANT } from "../support/simulator";
import { configPointingAtNothing } from "../support/ports";

const domain = providers.Domain;

const VALID = { name: "example.co.id", nameservers: ["ns1.example.net", "ns2.example.net"] };

/** Runs check and returns its failures. */
async function failuresOf(news: Record<string, unknown>): Promise<pulumi.dynamic.CheckFailure[]> {
  const result: pulumi.dynamic.CheckResult = await domain.check!({}, news);
  return result.failures ?? [];
}

/** Runs check on inputs that must pass and returns the checked inputs. */
async function checkedInputs(news: Record<string, unknown>): Promise<Record<string, any>> {
  const result: pulumi.dynamic.CheckResult = await domain.check!({}, news);
  assert.deepEqual(result.failures, [], `unexpected failures for ${JSON.stringify(news)}`);
  return result.inputs as Record<string, any>;
}

/** Runs check on inputs with exactly one failure and returns it. */
async function onlyFailure(news: Record<string, unknown>): Promise<pulumi.dynamic.CheckFailure> {
  const failures = await failuresOf(news);
  assert.equal(failures.length, 1, `expected one failure, got ${JSON.stringify(failures)}`);
  return failures[0];
}

/** Returns the state a created domain would have for these checked inputs. */
function stateOf(inputs: Record<string, any>, live: Partial<DomainOutputs> = {}): DomainOutputs {
  return {
    ...(inputs as DomainOutputs),
    domainName: "example",
    extension: "co.id",
    status: "Active",
    expiresOn: "2027-12-04",
    isLocked: false,
    adopted: false,
    ...live,
  };
}

describe("Domain provider", () => {
  // Any API call would fail against a port that nothing listens on.
  before(async () => {
    configure(await configPointingAtNothing());
  });

  describe("check", () => {
    it("reports a missing name with an example", async () => {
      const failure = await onlyFailure({ nameservers: VALID.nameservers });

      assert.equal(failure.property, "name");
      assert.match(
        failure.reason,
        /is required; expected the full domain name, e\.g\. "example\.co\.id"/,
      );
    });

    it("quotes a name that is not a string", async () => {
      const failure = await onlyFailure({ ...VALID, name: 42 });

      assert.equal(failure.property, "name");
      assert.match(failure.reason, /expected a string, got 42/);
    });

    it("quotes an invalid name and says what is expected", async () => {
      const failure = await onlyFailure({ ...VALID, name: "www.example.co.id" });

      assert.equal(failure.property, "name");
      assert.match(failure.reason, /"www\.example\.co\.id" is a subdomain/);
      assert.match(failure.reason, /expected a registrable domain such as "example\.co\.id"/);
    });

    it("reports missing nameservers with an example", async () => {
      const failure = await onlyFailure({ name: VALID.name });

      assert.equal(failure.property, "nameservers");
      assert.match(failure.reason, /is required; expected a list of 1 to 13 hostnames/);
    });

    it("quotes nameservers that are not a list", async () => {
      const failure = await onlyFailure({ ...VALID, nameservers: "ns1.example.net" });

      assert.equal(failure.property, "nameservers");
      assert.match(failure.reason, /is "ns1\.example\.net"; expected a list of hostnames/);
    });

    it("quotes an invalid nameserver", async () => {
      const failure = await onlyFailure({
        ...VALID,
        nameservers: ["ns1.example.net", "ns_2.example.net"],
      });

      assert.equal(failure.property, "nameservers");
      assert.match(
        failure.reason,
        /"ns_2\.example\.net" has the label "ns_2"; labels are 1-63 letters/,
      );
    });

    it("rejects an empty nameserver list", async () => {
      const failure = await onlyFailure({ ...VALID, nameservers: [] });

      assert.equal(failure.property, "nameservers");
      assert.match(failure.reason, /has 0 distinct hostnames; expected 1 to 13/);
    });

    it("rejects more than 13 distinct nameservers", async () => {
      const nameservers = Array.from({ length: 14 }, (_, index) => `ns${index + 1}.example.net`);

      const failure = await onlyFailure({ ...VALID, nameservers });

      assert.equal(failure.property, "nameservers");
      assert.match(failure.reason, /has 14 distinct hostnames; expected 1 to 13/);
    });

    it("quotes a locked value that is not a boolean", async () => {
      const failure = await onlyFailure({ ...VALID, locked: "yes" });

      assert.equal(failure.property, "locked");
      assert.match(failure.reason, /is "yes"; expected true or false/);
    });

    for (const period of [0, 11, 1.5, "2"]) {
      it(`quotes the period ${JSON.stringify(period)}`, async () => {
        const failure = await onlyFailure({ ...VALID, period });

        assert.equal(failure.property, "period");
        assert.ok(failure.reason.includes(`is ${JSON.stringify(period)};`), failure.reason);
        assert.match(failure.reason, /expected whole years from 1 to 10/);
      });
    }

    it("quotes a registrant that is not an object", async () => {
      const failure = await onlyFailure({ ...VALID, registrant: "Budi" });

      assert.equal(failure.property, "registrant");
      assert.match(failure.reason, /expected an object of registrant fields, got "Budi"/);
    });

    it("names a missing registrant field", async () => {
      const { companyName, ...rest } = TEST_REGISTRANT;

      const failure = await onlyFailure({ ...VALID, registrant: rest });

      assert.equal(companyName, TEST_REGISTRANT.companyName);
      assert.equal(failure.property, "registrant");
      assert.match(
        failure.reason,
        /^registrant\.companyName is required; expected a non-empty string/,
      );
    });

    it("quotes a registrant field of the wrong type", async () => {
      const failure = await onlyFailure({ ...VALID, registrant: { ...TEST_REGISTRANT, city: 42 } });

      assert.equal(failure.property, "registrant");
      assert.match(failure.reason, /^registrant\.city is 42; expected a non-empty string/);
    });

    it("names a missing registrant email", async () => {
      const { email, ...rest } = TEST_REGISTRANT;

      const failure = await onlyFailure({ ...VALID, registrant: rest });

      assert.equal(email, TEST_REGISTRANT.email);
      assert.match(
        failure.reason,
        /^registrant\.email is required; expected an email address, e\.g\. "admin@example\.co\.id"/,
      );
    });

    const registrantCases = [
      { field: "gender", value: "X", expected: /^registrant\.gender is "X"; expected "M" or "F"/ },
      {
        field: "number",
        value: "12a",
        expected: /^registrant\.number is "12a"; expected digits only/,
      },
      {
        field: "zipCode",
        value: "10-220",
        expected: /^registrant\.zipCode is "10-220"; expected digits only/,
      },
      {
        field: "email",
        value: "nobody",
        expected: /^registrant\.email "nobody" is not an email address; expected e\.g\./,
      },
      {
        field: "phone",
        value: "0812",
        expected: /^registrant\.phone "0812" is not in E\.164 form; expected "\+"/,
      },
      {
        field: "country",
        value: "XX",
        expected:
          /^registrant\.country "XX" is not an ISO 3166-1 alpha-2 code; expected e\.g\. "ID"/,
      },
      {
        field: "locale",
        value: "english",
        expected: /^registrant\.locale "english" is not a language code; expected e\.g\./,
      },
    ];
    for (const { field, value, expected } of registrantCases) {
      it(`quotes an invalid registrant ${field}`, async () => {
        const failure = await onlyFailure({
          ...VALID,
          registrant: { ...TEST_REGISTRANT, [field]: value },
        });

        assert.equal(failure.property, "registrant");
        assert.match(failure.reason, expected);
      });
    }

    it("reports every invalid field at once", async () => {
      const failures = await failuresOf({
        name: "bad name",
        nameservers: "x",
        locked: 1,
        period: 0,
      });

      assert.deepEqual(
        failures.map((failure) => failure.property),
        ["name", "nameservers", "locked", "period"],
      );
    });

    it("skips values that are unknown at preview", async () => {
      const news = {
        name: UNKNOWN,
        nameservers: ["ns1.example.net", UNKNOWN],
        locked: UNKNOWN,
        period: UNKNOWN,
        registrant: { ...TEST_REGISTRANT, email: UNKNOWN, city: UNKNOWN },
      };

      const inputs = await checkedInputs(news);

      assert.equal(inputs.name, UNKNOWN);
      assert.deepEqual(inputs.nameservers, ["ns1.example.net", UNKNOWN]);
      assert.equal(inputs.period, UNKNOWN);
    });

    it("skips an unknown nameserver list and registrant", async () => {
      const inputs = await checkedInputs({
        name: VALID.name,
        nameservers: UNKNOWN,
        registrant: UNKNOWN,
      });

      assert.equal(inputs.nameservers, UNKNOWN);
      assert.equal(inputs.registrant, UNKNOWN);
    });

    it("fills in period and description", async () => {
      const inputs = await checkedInputs(VALID);

      assert.equal(inputs.period, 1);
      assert.equal(inputs.description, "Managed by Pulumi");
      assert.equal("locked" in inputs, false);
    });

    it("keeps a declared period and description", async () => {
      const inputs = await checkedInputs({ ...VALID, period: 3, description: "shop" });

      assert.equal(inputs.period, 3);
      assert.equal(inputs.description, "shop");
    });

    it("normalises the name and nameservers", async () => {
      const inputs = await checkedInputs({
        name: "Example.CO.ID.",
        nameservers: ["NS2.example.net.", "ns1.Example.net"],
      });

      assert.equal(inputs.name, "example.co.id");
      assert.deepEqual(inputs.nameservers, ["ns1.example.net", "ns2.example.net"]);
    });
  });

  describe("diff", () => {
    it("treats nameserver order, case and trailing dots as no change", async () => {
      const olds = stateOf(await checkedInputs(VALID));
      const news = await checkedInputs({
        ...VALID,
        nameservers: ["NS2.Example.net.", "ns1.example.net."],
      });

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, false);
      assert.deepEqual(result.replaces, []);
    });

    it("replaces the domain when the name changes", async () => {
      const olds = stateOf(await checkedInputs(VALID));
      const news = await checkedInputs({ ...VALID, name: "other.co.id" });

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, ["name"]);
    });

    it("updates in place when the nameservers change", async () => {
      const olds = stateOf(await checkedInputs(VALID));
      const news = await checkedInputs({
        ...VALID,
        nameservers: ["ns1.example.net", "ns3.example.net"],
      });

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, []);
    });

    it("never diffs an undeclared lock", async () => {
      const olds = stateOf(await checkedInputs(VALID), { isLocked: true });
      const news = await checkedInputs(VALID);

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, false);
    });

    it("updates in place when a declared lock differs from the live one", async () => {
      const olds = stateOf(await checkedInputs({ ...VALID, locked: true }), {
        isLocked: false,
        locked: false,
      });
      const news = await checkedInputs({ ...VALID, locked: true });

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, true);
      assert.deepEqual(result.replaces, []);
    });

    it("treats a declared lock that matches as no change", async () => {
      const olds = stateOf(await checkedInputs({ ...VALID, locked: true }), { isLocked: true });
      const news = await checkedInputs({ ...VALID, locked: true });

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, false);
    });

    it("ignores the serialised provider", async () => {
      const olds = { ...stateOf(await checkedInputs(VALID)), __provider: "exports.handler = old" };
      const news = { ...(await checkedInputs(VALID)), __provider: "exports.handler = new" };

      const result = await domain.diff!("example.co.id", olds, news);

      assert.equal(result.changes, false);
    });

    it("keeps the label and extension stable", async () => {
      const olds = stateOf(await checkedInputs(VALID));

      const result = await domain.diff!("example.co.id", olds, await checkedInputs(VALID));

      assert.deepEqual(result.stables, ["domainName", "extension"]);
    });
  });
});

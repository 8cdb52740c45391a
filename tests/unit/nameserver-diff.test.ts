import { strict as assert } from "node:assert";

import type * as pulumi from "@pulumi/pulumi";

import { UNKNOWN } from "../../provider/checks";
import { configure, providers } from "../../provider";
import type { NameserverOutputs } from "../../provider/resources/nameserver";
import { configPointingAtNothing } from "../support/ports";

const nameserver = providers.Nameserver;

const VALID = { host: "ns1.example.co.id", ipv4: "192.0.2.10", ipv6: "2001:db8::10" };

async function failuresOf(news: Record<string, unknown>): Promise<pulumi.dynamic.CheckFailure[]> {
  const result: pulumi.dynamic.CheckResult = await nameserver.check!({}, news);
  return result.failures ?? [];
}

async function checkedInputs(news: Record<string, unknown>): Promise<Record<string, any>> {
  const result: pulumi.dynamic.CheckResult = await nameserver.check!({}, news);
  assert.deepEqual(result.failures, [], `unexpected failures for ${JSON.stringify(news)}`);
  return result.inputs as Record<string, any>;
}

async function onlyFailure(news: Record<string, unknown>): Promise<pulumi.dynamic.CheckFailure> {
  const failures = await failuresOf(news);
  assert.equal(failures.length, 1, `expected one failure, got ${JSON.stringify(failures)}`);
  return failures[0];
}

/** Returns the state a created host would have for these checked inputs. */
function stateOf(inputs: Record<string, any>): NameserverOutputs {
  return { ...(inputs as NameserverOutputs), hostId: 1001 };
}

describe("Nameserver provider", () => {
  // Any API call would fail against a port that nothing listens on.
  before(async () => {
    configure(await configPointingAtNothing());
  });

  describe("check", () => {
    it("reports a missing host with an example", async () => {
      const failure = await onlyFailure({ ipv4: VALID.ipv4 });

      assert.equal(failure.property, "host");
      assert.match(
        failure.reason,
        /is required; expected a hostname under a domain in the account, e\.g\. "ns1\.example\.co\.id"/,
      );
    });

    it("quotes a host that is not a string", async () => {
      const failure = await onlyFailure({ ...VALID, host: 42 });

      assert.equal(failure.property, "host");
      assert.match(failure.reason, /expected a string, got 42/);
    });

    it("quotes an invalid host", async () => {
      const failure = await onlyFailure({ ...VALID, host: "ns 1.example.co.id" });

      assert.equal(failure.property, "host");
      assert.match(failure.reason, /^"ns 1\.example\.co\.id"/);
    });

    for (const host of ["example.id", "Example.co.id."]) {
      it(`rejects the bare domain ${host} with an example host`, async () => {
        const failure = await onlyFailure({ ...VALID, host });
        const bare = host.toLowerCase().replace(/\.$/, "");

        assert.equal(failure.property, "host");
        assert.ok(failure.reason.includes(`"${host}" is a bare domain`), failure.reason);
        assert.ok(failure.reason.includes(`e.g. "ns1.${bare}"`), failure.reason);
      });
    }

    it("reports a missing ipv4 with an example", async () => {
      const failure = await onlyFailure({ host: VALID.host });

      assert.equal(failure.property, "ipv4");
      assert.match(failure.reason, /is required; expected an IPv4 address, e\.g\. "192\.0\.2\.10"/);
    });

    for (const ipv4 of ["300.1.1.1", "192.0.2", "2001:db8::1", 42]) {
      it(`quotes the invalid ipv4 ${JSON.stringify(ipv4)}`, async () => {
        const failure = await onlyFailure({ ...VALID, ipv4 });

        assert.equal(failure.property, "ipv4");
        assert.ok(failure.reason.includes(`"${ipv4}" is not an IPv4 address`), failure.reason);
        assert.match(failure.reason, /expected e\.g\. "192\.0\.2\.10"/);
      });
    }

    for (const ipv6 of ["2001:db8::10::1", "192.0.2.10", "zz::1"]) {
      it(`quotes the invalid ipv6 ${JSON.stringify(ipv6)}`, async () => {
        const failure = await onlyFailure({ ...VALID, ipv6 });

        assert.equal(failure.property, "ipv6");
        assert.ok(failure.reason.includes(`"${ipv6}" is not an IPv6 address`), failure.reason);
        assert.match(failure.reason, /expected e\.g\. "2001:db8::10"/);
      });
    }

    it("skips values that are unknown at preview", async () => {
      const inputs = await checkedInputs({ host: UNKNOWN, ipv4: UNKNOWN, ipv6: UNKNOWN });

      assert.equal(inputs.host, UNKNOWN);
      assert.equal(inputs.ipv4, UNKNOWN);
      assert.equal(inputs.ipv6, UNKNOWN);
    });

    it("fills in an empty ipv6 when none is declared", async () => {
      assert.equal((await checkedInputs({ host: VALID.host, ipv4: VALID.ipv4 })).ipv6, "");
      assert.equal((await checkedInputs({ ...VALID, ipv6: "" })).ipv6, "");
      assert.equal((await checkedInputs({ ...VALID, ipv6: null })).ipv6, "");
    });

    it("normalises the host and addresses", async () => {
      const inputs = await checkedInputs({
        host: "NS1.Example.CO.ID.",
        ipv4: " 192.0.2.10 ",
        ipv6: "2001:DB8:0:0:0:0:0:10",
      });

      assert.equal(inputs.host, "ns1.example.co.id");
      assert.equal(inputs.ipv4, "192.0.2.10");
      assert.equal(inputs.ipv6, "2001:db8::10");
    });
  });

  describe("diff", () => {
    for (const [field, value] of [
      ["host", "ns2.example.co.id"],
      ["ipv4", "192.0.2.11"],
      ["ipv6", "2001:db8::11"],
    ] as const) {
      it(`replaces the host, deleting first, when ${field} changes`, async () => {
        const olds = stateOf(await checkedInputs(VALID));
        const news = await checkedInputs({ ...VALID, [field]: value });

        const result = await nameserver.diff!("ns1.example.co.id", olds, news);

        assert.equal(result.changes, true);
        assert.deepEqual(result.replaces, [field]);
        assert.equal(result.deleteBeforeReplace, true);
      });
    }

    it("replaces the host when an IPv6 address is added", async () => {
      const olds = stateOf(await checkedInputs({ host: VALID.host, ipv4: VALID.ipv4 }));
      const news = await checkedInputs(VALID);

      const result = await nameserver.diff!("ns1.example.co.id", olds, news);

      assert.deepEqual(result.replaces, ["ipv6"]);
      assert.equal(result.deleteBeforeReplace, true);
    });

    it("treats IPv6 written differently as no change", async () => {
      const olds = stateOf(await checkedInputs(VALID));
      const news = await checkedInputs({
        ...VALID,
        ipv6: "2001:0DB8:0000:0000:0000:0000:0000:0010",
      });

      const result = await nameserver.diff!("ns1.example.co.id", olds, news);

      assert.equal(result.changes, false);
      assert.deepEqual(result.replaces, []);
      assert.equal(result.deleteBeforeReplace, false);
    });

    it("treats host case and a trailing dot as no change", async () => {
      const olds = stateOf(await checkedInputs(VALID));
      const news = await checkedInputs({ ...VALID, host: "NS1.example.co.id." });

      const result = await nameserver.diff!("ns1.example.co.id", olds, news);

      assert.equal(result.changes, false);
    });

    it("ignores the serialised provider", async () => {
      const olds = { ...stateOf(await checkedInputs(VALID)), __provider: "exports.handler = old" };
      const news = { ...(await checkedInputs(VALID)), __provider: "exports.handler = new" };

      const result = await nameserver.diff!("ns1.example.co.id", olds, news);

      assert.equal(result.changes, false);
    });
  });
});

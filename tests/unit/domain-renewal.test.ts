import { strict as assert } from "node:assert";

import { domainProvider } from "../../provider/resources/domain";
import {
  UnconfirmedRenewal,
  addYears,
  decideRenewal,
  effectiveExpiry,
  isIsoDate,
  stillUnconfirmed,
  today,
} from "../../provider/resources/domain-renewal-plan";

const BASE_INPUTS = { name: "contoh.co.id", nameservers: ["ns1.registeredns.id"] };

async function failuresOf(
  extra: Record<string, unknown>,
): Promise<Array<{ property: string; reason: string }>> {
  const result = await domainProvider.check({}, { ...BASE_INPUTS, ...extra });
  return (result.failures ?? []) as Array<{ property: string; reason: string }>;
}

describe("Domain renewal planning", () => {
  describe("addYears", () => {
    it("adds whole years", () => {
      assert.equal(addYears("2027-05-01", 2), "2029-05-01");
    });

    it("turns 29 February into 28 February in a common year", () => {
      assert.equal(addYears("2028-02-29", 1), "2029-02-28");
    });
  });

  describe("isIsoDate", () => {
    for (const value of ["2029-06-30", "2028-02-29"]) {
      it(`accepts ${value}`, () => assert.equal(isIsoDate(value), true));
    }
    for (const value of [
      "2029-02-29",
      "2029-13-01",
      "2029-6-30",
      "30-06-2029",
      "2029-06-30T00:00:00Z",
    ]) {
      it(`rejects ${value}`, () => assert.equal(isIsoDate(value), false));
    }
  });

  describe("decideRenewal", () => {
    it("does nothing when the expiry reaches the date", () => {
      const decision = decideRenewal("contoh.id", "2030-01-01", "Active", "2030-01-01");

      assert.equal(decision.kind, "none");
    });

    it("renews by the fewest whole years that reach the date", () => {
      const decision = decideRenewal("contoh.id", "2027-05-01", "Active", "2029-05-02");

      assert.equal(decision.kind, "send");
      assert.deepEqual(decision.kind === "send" && decision.plan, {
        action: "renew",
        years: 3,
        fromExpiresOn: "2027-05-01",
        toExpiresOn: "2030-05-01",
      });
    });

    it("renews an expired domain from its old expiry", () => {
      const expiresOn = addYears(today(), -1);
      const decision = decideRenewal("contoh.id", expiresOn, "Expired", today());

      assert.equal(decision.kind === "send" && decision.plan.action, "renew");
      assert.equal(decision.kind === "send" && decision.plan.toExpiresOn, today());
    });

    it("restores a domain in redemption", () => {
      const expiresOn = addYears(today(), -1);
      const decision = decideRenewal("contoh.id", expiresOn, "Redemption", addYears(today(), 1));

      assert.equal(decision.kind === "send" && decision.plan.action, "restore");
      assert.equal(decision.kind === "send" && decision.plan.years, 2);
    });

    it("waits while a transfer is pending", () => {
      const decision = decideRenewal("contoh.id", "2027-05-01", "Pending Transfer", "2029-05-01");

      assert.equal(decision.kind, "wait");
    });

    it("rejects a date more than 10 years past the expiry", () => {
      assert.throws(
        () => decideRenewal("contoh.id", "2027-05-01", "Active", "2037-05-02"),
        /Domain contoh\.id: reaching keepValidUntil 2037-05-02 from the expiry 2027-05-01 takes more than 10 years/,
      );
    });

    it("rejects whole years that overshoot the 10-year limit", () => {
      const limit = addYears(today(), 10);
      const date = new Date(`${addYears(today(), 1)}T00:00:00Z`);
      date.setUTCDate(date.getUTCDate() - 1);
      const expiresOn = date.toISOString().slice(0, 10);

      assert.throws(
        () => decideRenewal("contoh.id", expiresOn, "Active", limit),
        new RegExp(
          `more than 10 years ahead, which registries reject\\. Choose a keepValidUntil on or before ${addYears(expiresOn, 9)}\\.`,
        ),
      );
      assert.equal(decideRenewal("contoh.id", addYears(today(), 1), "Active", limit).kind, "send");
    });

    it("rejects a domain whose expiry the API does not report", () => {
      assert.throws(
        () => decideRenewal("contoh.id", undefined, "Active", "2030-01-01"),
        /Domain contoh\.id: domain\/info reports no expiry date/,
      );
    });
  });

  describe("unconfirmed renewals", () => {
    const accepted: UnconfirmedRenewal = {
      action: "renew",
      years: 2,
      fromExpiresOn: "2027-05-01",
      toExpiresOn: "2029-05-01",
      outcome: "accepted",
      sentAt: "2026-01-01T00:00:00.000Z",
    };

    it("stays while the live expiry is the one it started from", () => {
      assert.equal(stillUnconfirmed(accepted, "2027-05-01"), accepted);
    });

    it("is dropped once the live expiry moved", () => {
      assert.equal(stillUnconfirmed(accepted, "2029-05-01"), undefined);
    });

    it("counts an accepted order as done when planning", () => {
      assert.equal(effectiveExpiry("2027-05-01", accepted), "2029-05-01");
    });

    it("does not count an order of unknown outcome", () => {
      assert.equal(
        effectiveExpiry("2027-05-01", { ...accepted, outcome: "unknown" }),
        "2027-05-01",
      );
    });
  });
});

describe("Domain check of renewal and transfer inputs", () => {
  it("accepts a valid keepValidUntil and transfer", async () => {
    const failures = await failuresOf({
      keepValidUntil: addYears(today(), 2),
      transfer: { authCode: "Abc-123" },
    });

    assert.deepEqual(failures, []);
  });

  it("rejects a keepValidUntil that is not a date", async () => {
    const failures = await failuresOf({ keepValidUntil: "30/06/2029" });

    assert.deepEqual(failures, [
      {
        property: "keepValidUntil",
        reason: 'is "30/06/2029"; expected a date written YYYY-MM-DD, e.g. "2030-06-30"',
      },
    ]);
  });

  it("rejects an impossible calendar date", async () => {
    const failures = await failuresOf({ keepValidUntil: "2029-02-30" });

    assert.equal(failures.length, 1);
    assert.match(failures[0].reason, /^is "2029-02-30"; expected a date written YYYY-MM-DD/);
  });

  it("rejects a keepValidUntil more than 10 years ahead", async () => {
    const tooFar = addYears(today(), 11);
    const failures = await failuresOf({ keepValidUntil: tooFar });

    assert.equal(failures.length, 1);
    assert.equal(failures[0].property, "keepValidUntil");
    assert.equal(
      failures[0].reason,
      `is "${tooFar}", more than 10 years ahead; registries accept no expiry after ${addYears(today(), 10)}`,
    );
  });

  it("rejects a transfer without an auth code", async () => {
    const failures = await failuresOf({ transfer: {} });

    assert.deepEqual(failures, [
      {
        property: "",
        reason:
          "Domain.transfer.authCode is required; expected the EPP (auth) code that the domain's current registrar issued",
      },
    ]);
  });

  it("rejects a transfer that is not an object", async () => {
    const failures = await failuresOf({ transfer: "Abc-123" });

    assert.equal(failures.length, 1);
    assert.equal(failures[0].property, "");
    assert.ok(!failures[0].reason.includes("Abc-123"), "the reason quotes the auth code");
  });

  it("rejects an auth code that is not a string without quoting it", async () => {
    const failures = await failuresOf({ transfer: { authCode: 123456 } });

    assert.equal(failures.length, 1);
    assert.equal(
      failures[0].reason,
      "Domain.transfer.authCode is a number; expected the auth code as a string",
    );
  });

  it("rejects an auth code longer than 255 characters without quoting it", async () => {
    const failures = await failuresOf({ transfer: { authCode: "x".repeat(256) } });

    assert.equal(failures.length, 1);
    assert.equal(
      failures[0].reason,
      "Domain.transfer.authCode has 256 characters; expected at most 255",
    );
  });
});

describe("Domain diff of renewal inputs", () => {
  const olds = {
    name: "contoh.co.id",
    nameservers: ["ns1.registeredns.id"],
    period: 1,
    description: "Managed by Pulumi",
    domainName: "contoh",
    extension: "co.id",
    status: "Active",
    expiresOn: "2027-05-01",
    isLocked: false,
    adopted: false,
    transferred: false,
  };
  const news = {
    name: "contoh.co.id",
    nameservers: ["ns1.registeredns.id"],
    period: 1,
    description: "Managed by Pulumi",
  };

  it("plans a renewal when the recorded expiry is before keepValidUntil", async () => {
    const diff = await domainProvider.diff("contoh.co.id", olds, {
      ...news,
      keepValidUntil: "2028-01-01",
    });

    assert.equal(diff.changes, true);
    assert.deepEqual(diff.replaces, []);
  });

  it("plans nothing when the recorded expiry reaches keepValidUntil", async () => {
    const diff = await domainProvider.diff("contoh.co.id", olds, {
      ...news,
      keepValidUntil: "2027-05-01",
    });

    assert.equal(diff.changes, false);
  });

  it("plans nothing once an accepted renewal covers keepValidUntil", async () => {
    const unconfirmedRenewal: UnconfirmedRenewal = {
      action: "renew",
      years: 1,
      fromExpiresOn: "2027-05-01",
      toExpiresOn: "2028-05-01",
      outcome: "accepted",
      sentAt: "2026-01-01T00:00:00.000Z",
    };
    const diff = await domainProvider.diff(
      "contoh.co.id",
      { ...olds, unconfirmedRenewal },
      { ...news, keepValidUntil: "2028-01-01" },
    );

    assert.equal(diff.changes, false);
  });

  it("plans a check when a renewal has an unknown outcome", async () => {
    const unconfirmedRenewal: UnconfirmedRenewal = {
      action: "renew",
      years: 1,
      fromExpiresOn: "2027-05-01",
      toExpiresOn: "2028-05-01",
      outcome: "unknown",
      sentAt: "2026-01-01T00:00:00.000Z",
    };
    const diff = await domainProvider.diff(
      "contoh.co.id",
      { ...olds, expiresOn: "2027-05-01", unconfirmedRenewal },
      { ...news, keepValidUntil: "2027-01-01" },
    );

    assert.equal(diff.changes, true);
  });

  it("ignores a change of the transfer auth code", async () => {
    const diff = await domainProvider.diff("contoh.co.id", olds, {
      ...news,
      transfer: { authCode: "Other-1" },
    });

    assert.equal(diff.changes, false);
  });
});

import { strict as assert } from "node:assert";

import { UNKNOWN } from "../../provider/checks";
import {
  dnssecRecordProvider,
  parseRecordId,
  recordId,
} from "../../provider/resources/dnssec-record";

const SHA256_DIGEST = "E2D3C916F6DEEAC73294E8268FB5885044A833FC5459588F4A9184CFC41A5766";
const VALID = {
  domain: "Rekam.ID.",
  keyTag: 2371,
  algorithm: 13,
  digestType: 2,
  digest: SHA256_DIGEST,
};

async function reasons(inputs: Record<string, unknown>): Promise<string[]> {
  const result = await dnssecRecordProvider.check(undefined, inputs);
  return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
}

describe("DnssecRecord check", () => {
  it("accepts a valid record and normalises it", async () => {
    const result = await dnssecRecordProvider.check(undefined, {
      ...VALID,
      digest: ` ${SHA256_DIGEST.slice(0, 32).toLowerCase()}\n${SHA256_DIGEST.slice(32)} `,
    });

    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs?.domain, "rekam.id");
    assert.equal(result.inputs?.digest, SHA256_DIGEST);
  });

  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "missing domain",
      { domain: undefined },
      /^domain: is required; expected a domain in the account/,
    ],
    ["invalid domain", { domain: "not a domain" }, /^domain: "not a domain"/],
    [
      "key tag above 65535",
      { keyTag: 65536 },
      /^keyTag: is 65536; expected a whole number from 0 to 65535$/,
    ],
    [
      "negative key tag",
      { keyTag: -1 },
      /^keyTag: is -1; expected a whole number from 0 to 65535$/,
    ],
    [
      "key tag as text",
      { keyTag: "2371" },
      /^keyTag: is "2371"; expected a whole number, a key tag/,
    ],
    [
      "missing algorithm",
      { algorithm: undefined },
      /^algorithm: is required; expected a DNSSEC algorithm number/,
    ],
    [
      "RSAMD5",
      { algorithm: 1 },
      /^algorithm: is 1: RSAMD5 is retired: .*; expected one of 8, 10, 13, 14, 15, 16$/,
    ],
    ["DSA", { algorithm: 3 }, /^algorithm: is 3: DSA\/SHA-1 is retired/],
    ["RSASHA1", { algorithm: 5 }, /^algorithm: is 5: RSASHA1 is retired: SHA-1 signatures/],
    ["RSASHA1-NSEC3-SHA1", { algorithm: 7 }, /^algorithm: is 7: RSASHA1-NSEC3-SHA1 is retired/],
    ["ECC-GOST", { algorithm: 12 }, /^algorithm: is 12: ECC-GOST is retired/],
    [
      "unassigned algorithm",
      { algorithm: 99 },
      /^algorithm: is 99, not a DNSSEC signing algorithm in use; expected one of/,
    ],
    [
      "digest type 3",
      { digestType: 3 },
      /^digestType: is 3: GOST R 34\.11-94 digests must not be used/,
    ],
    [
      "digest type 5",
      { digestType: 5 },
      /^digestType: is 5; expected 1 \(SHA-1\), 2 \(SHA-256\) or 4 \(SHA-384\)$/,
    ],
    [
      "missing digest",
      { digest: undefined },
      /^digest: is required; expected the DS digest as hex/,
    ],
    ["digest as a number", { digest: 1234 }, /^digest: is 1234; expected a hex string$/],
    ["non-hex digest", { digest: "XYZ" }, /^digest: "XYZ" is not hexadecimal/],
    [
      "digest too short for SHA-256",
      { digest: SHA256_DIGEST.slice(0, 40) },
      /^digest: has 40 hex characters; digest type 2 \(SHA-256\) needs exactly 64$/,
    ],
    [
      "digest too short for SHA-384",
      { digestType: 4 },
      /^digest: has 64 hex characters; digest type 4 \(SHA-384\) needs exactly 96$/,
    ],
    [
      "digest too long for SHA-1",
      { digestType: 1 },
      /^digest: has 64 hex characters; digest type 1 \(SHA-1\) needs exactly 40$/,
    ],
  ];

  for (const [title, change, expected] of cases) {
    it(`rejects a ${title}`, async () => {
      const found = await reasons({ ...VALID, ...change });

      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], expected);
    });
  }

  it("accepts every algorithm in use", async () => {
    for (const algorithm of [8, 10, 13, 14, 15, 16]) {
      assert.deepEqual(await reasons({ ...VALID, algorithm }), [], `algorithm ${algorithm}`);
    }
  });

  it("skips values unknown at preview", async () => {
    const found = await reasons({
      domain: UNKNOWN,
      keyTag: UNKNOWN,
      algorithm: UNKNOWN,
      digestType: UNKNOWN,
      digest: UNKNOWN,
    });

    assert.deepEqual(found, []);
  });
});

describe("DnssecRecord diff", () => {
  const olds = {
    domain: "rekam.id",
    keyTag: 2371,
    algorithm: 13,
    digestType: 2,
    digest: SHA256_DIGEST,
  };

  it("reports no change for the same normalised record", async () => {
    const checked = await dnssecRecordProvider.check(undefined, {
      ...VALID,
      digest: SHA256_DIGEST.toLowerCase(),
    });

    const diff = await dnssecRecordProvider.diff("id", olds, checked.inputs as any);

    assert.equal(diff.changes, false);
  });

  for (const [field, value] of [
    ["domain", "rekam.com"],
    ["keyTag", 1],
    ["algorithm", 8],
    ["digestType", 4],
    ["digest", SHA256_DIGEST.replace("E2", "F2")],
  ] as const) {
    it(`replaces the record when ${field} changes, creating first`, async () => {
      const diff = await dnssecRecordProvider.diff("id", olds, { ...olds, [field]: value });

      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces, [field]);
      assert.equal(diff.deleteBeforeReplace, false);
    });
  }
});

describe("DnssecRecord id", () => {
  it("round-trips through recordId and parseRecordId", () => {
    const record = {
      domain: "rekam.id",
      keyTag: 2371,
      algorithm: 13,
      digestType: 2,
      digest: SHA256_DIGEST,
    };

    assert.equal(recordId(record), `rekam.id/2371/13/2/${SHA256_DIGEST}`);
    assert.deepEqual(parseRecordId(recordId(record)), record);
  });

  it("rejects a malformed id with the expected form", () => {
    assert.throws(
      () => parseRecordId("rekam.id/abc"),
      /expected <domain>\/<keyTag>\/<algorithm>\/<digestType>\/<digest>/,
    );
  });
});

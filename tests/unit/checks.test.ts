import { strict as assert } from "node:assert";

import { describeType, isUnknown, UNKNOWN } from "../../provider/checks";

describe("describeType", () => {
  const cases: Array<[unknown, string]> = [
    [{}, "an object"],
    [[], "an array"],
    [null, "null"],
    [7, "a number"],
    [undefined, "an undefined"],
    [true, "a boolean"],
  ];

  for (const [value, expected] of cases) {
    it(`names ${JSON.stringify(value) ?? "undefined"} as ${expected}`, () => {
      assert.equal(describeType(value), expected);
    });
  }
});

describe("isUnknown", () => {
  it("finds an unknown value nested in a list", () => {
    assert.equal(isUnknown({ hostnames: ["a.example.id", UNKNOWN] }), true);
  });

  it("treats known values as known", () => {
    assert.equal(isUnknown({ hostnames: ["a.example.id"], period: 1 }), false);
  });
});

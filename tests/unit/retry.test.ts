import { strict as assert } from "node:assert";

import { RetryPolicy, backoffDelayMs, parseRetryAfterMs } from "../../provider/client/retry";

const POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("retry", () => {
  describe("backoffDelayMs", () => {
    it("stays between half the ceiling and the ceiling", () => {
      for (let retry = 1; retry <= 6; retry++) {
        const ceiling = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (retry - 1));

        assert.equal(
          backoffDelayMs(POLICY, retry, () => 0),
          ceiling / 2,
          `lowest delay of retry ${retry}`,
        );
        assert.equal(
          backoffDelayMs(POLICY, retry, () => 0.999_999),
          ceiling,
          `highest delay of retry ${retry}`,
        );
      }
    });

    it("doubles with each retry", () => {
      const delays = [1, 2, 3, 4].map((retry) => backoffDelayMs(POLICY, retry, () => 1));

      assert.deepEqual(delays, [100, 200, 400, 800]);
    });

    it("never exceeds maxDelayMs", () => {
      assert.equal(
        backoffDelayMs(POLICY, 5, () => 1),
        1_000,
      );
      assert.equal(
        backoffDelayMs(POLICY, 30, () => 1),
        1_000,
      );
    });

    it("varies with the random source", () => {
      const low = backoffDelayMs(POLICY, 3, () => 0.1);
      const high = backoffDelayMs(POLICY, 3, () => 0.9);

      assert.ok(low < high, `${low} is not below ${high}`);
    });
  });

  describe("parseRetryAfterMs", () => {
    it("reads delay-seconds", () => {
      assert.equal(parseRetryAfterMs("5"), 5_000);
      assert.equal(parseRetryAfterMs(" 0 "), 0);
    });

    it("reads fractional seconds", () => {
      assert.equal(parseRetryAfterMs("1.5"), 1_500);
    });

    it("reads an HTTP date relative to now", () => {
      const now = Date.parse("Fri, 04 Dec 2026 10:00:00 GMT");

      assert.equal(parseRetryAfterMs("Fri, 04 Dec 2026 10:00:30 GMT", now), 30_000);
    });

    it("reads a past HTTP date as no delay", () => {
      const now = Date.parse("Fri, 04 Dec 2026 10:00:00 GMT");

      assert.equal(parseRetryAfterMs("Fri, 04 Dec 2026 09:00:00 GMT", now), 0);
    });

    it("returns undefined for an absent header", () => {
      assert.equal(parseRetryAfterMs(null), undefined);
      assert.equal(parseRetryAfterMs(""), undefined);
      assert.equal(parseRetryAfterMs("   "), undefined);
    });

    for (const header of ["soon", "5 seconds", "1e3", "-1", "3.5.1"]) {
      it(`returns undefined for the garbage ${JSON.stringify(header)}`, () => {
        assert.equal(parseRetryAfterMs(header), undefined);
      });
    }
  });
});

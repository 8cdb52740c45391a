import { strict as assert } from "node:assert";

import {
  GENERAL_ERRORS,
  IrsfaApiError,
  IrsfaAuthenticationError,
  IrsfaNotFoundError,
  IrsfaRateLimitError,
  IrsfaValidationError,
  apiErrorFor,
  fieldErrorsFrom,
  firstRecord,
  parseDomainInfo,
  parseHostRecord,
  pickBoolean,
  pickNumber,
  pickString,
  pickStringArray,
  recordList,
} from "../../provider/client";

const REF = { name: "contoh", extension: "co.id" };

describe("response readers", () => {
  describe("pickString", () => {
    it("takes the first non-empty key", () => {
      assert.equal(pickString({ a: "", b: "  ", c: " value " }, ["a", "b", "c"]), "value");
    });

    it("turns a number into a string", () => {
      assert.equal(pickString({ id: 1001 }, ["id"]), "1001");
    });

    it("returns undefined when no key matches", () => {
      assert.equal(pickString({ a: null, b: {} }, ["a", "b", "c"]), undefined);
    });
  });

  describe("pickNumber", () => {
    it("reads a numeric string", () => {
      assert.equal(pickNumber({ id: " 42 " }, ["id"]), 42);
    });

    it("skips a non-numeric string", () => {
      assert.equal(pickNumber({ a: "many", b: 7 }, ["a", "b"]), 7);
    });
  });

  describe("pickBoolean", () => {
    const cases: [unknown, boolean | undefined][] = [
      [true, true],
      [0, false],
      [1, true],
      ["1", true],
      ["0", false],
      ["Locked", true],
      ["unlocked", false],
      ["maybe", undefined],
      [null, undefined],
    ];
    for (const [value, expected] of cases) {
      it(`reads ${JSON.stringify(value)} as ${String(expected)}`, () => {
        assert.equal(pickBoolean({ lock: value }, ["lock"]), expected);
      });
    }
  });

  describe("pickStringArray", () => {
    it("reads an array and drops blank items", () => {
      assert.deepEqual(pickStringArray({ ns: ["a.example", " ", 3, " b.example "] }, ["ns"]), [
        "a.example",
        "b.example",
      ]);
    });

    it("splits a comma-separated string", () => {
      assert.deepEqual(pickStringArray({ ns: "a.example, b.example," }, ["ns"]), [
        "a.example",
        "b.example",
      ]);
    });
  });

  describe("firstRecord", () => {
    it("returns the object itself", () => {
      assert.deepEqual(firstRecord({ id: 1 }), { id: 1 });
    });

    it("returns the first element of a list", () => {
      assert.deepEqual(firstRecord([{ id: 1 }, { id: 2 }]), { id: 1 });
    });

    for (const empty of [{}, [], null, undefined, "text"]) {
      it(`reads ${JSON.stringify(empty)} as nothing`, () => {
        assert.equal(firstRecord(empty), undefined);
      });
    }
  });

  describe("recordList", () => {
    it("reads a list nested under data", () => {
      assert.deepEqual(recordList({ data: [{ id: 1 }, "x"] }), [{ id: 1 }]);
    });

    it("returns an empty list for anything else", () => {
      assert.deepEqual(recordList("text"), []);
    });
  });

  describe("parseDomainInfo", () => {
    it("reads the documented fields only", () => {
      const info = parseDomainInfo({ domain: "contoh.co.id", status_domain: "Active" }, REF);

      assert.deepEqual(info, {
        domain: "contoh.co.id",
        status: "Active",
        expiresOn: undefined,
        locked: undefined,
        nameservers: undefined,
      });
    });

    it("fills in the name and status when absent", () => {
      const info = parseDomainInfo({}, REF);

      assert.equal(info.domain, "contoh.co.id");
      assert.equal(info.status, "Unknown");
    });

    it("reads numbered nameserver fields", () => {
      const info = parseDomainInfo(
        { ns1: "ns1.example.net", ns2: "ns2.example.net", ns4: "ns4.example.net" },
        REF,
      );

      assert.deepEqual(info.nameservers, ["ns1.example.net", "ns2.example.net", "ns4.example.net"]);
    });

    it("keeps the date of an expiry timestamp", () => {
      assert.equal(
        parseDomainInfo({ expired_date: "2027-12-04 10:11:12" }, REF).expiresOn,
        "2027-12-04",
      );
    });

    it("reads the lock from a string flag", () => {
      assert.equal(parseDomainInfo({ lock_status: "0" }, REF).locked, false);
    });
  });

  describe("parseHostRecord", () => {
    it("reads an id sent as a string", () => {
      const record = parseHostRecord(
        { nameserver_id: "1001", hostname: "ns1.contoh.co.id", ip: "192.0.2.10" },
        "x",
      );

      assert.deepEqual(record, {
        id: 1001,
        host: "ns1.contoh.co.id",
        ipv4: "192.0.2.10",
        ipv6: "",
      });
    });

    it("returns undefined without a whole-number id", () => {
      assert.equal(
        parseHostRecord({ id: "abc", host: "ns1.contoh.co.id" }, "ns1.contoh.co.id"),
        undefined,
      );
      assert.equal(parseHostRecord({ host: "ns1.contoh.co.id" }, "ns1.contoh.co.id"), undefined);
    });
  });

  describe("fieldErrorsFrom", () => {
    it("reads a field map", () => {
      assert.deepEqual(
        fieldErrorsFrom({ period: ["The period field is required."], email: "bad" }),
        {
          period: ["The period field is required."],
          email: ["bad"],
        },
      );
    });

    it("keeps messages without a field under the general key", () => {
      assert.deepEqual(fieldErrorsFrom(["first", null, "second"]), {
        [GENERAL_ERRORS]: ["first", "second"],
      });
      assert.deepEqual(fieldErrorsFrom("only"), { [GENERAL_ERRORS]: ["only"] });
    });

    it("reads empty errors as no errors", () => {
      assert.deepEqual(fieldErrorsFrom([]), {});
      assert.deepEqual(fieldErrorsFrom(""), {});
      assert.deepEqual(fieldErrorsFrom(null), {});
    });
  });

  describe("apiErrorFor", () => {
    const classes: [number, Function][] = [
      [401, IrsfaAuthenticationError],
      [404, IrsfaNotFoundError],
      [422, IrsfaValidationError],
      [429, IrsfaRateLimitError],
      [500, IrsfaApiError],
    ];
    for (const [status, expected] of classes) {
      it(`builds ${expected.name} for HTTP ${status}`, () => {
        const error = apiErrorFor("POST", "api/x", status, status, "message", {});

        assert.equal(error.constructor, expected);
        assert.equal(error.status, status);
      });
    }

    it("uses the envelope code when the HTTP status is 200", () => {
      const error = apiErrorFor("POST", "api/x", 200, 404, "Domain not found in your account!", {});

      assert.ok(error instanceof IrsfaNotFoundError);
    });

    it("puts general messages without a field name", () => {
      const error = apiErrorFor("POST", "api/x", 400, 400, "Bad request", {
        [GENERAL_ERRORS]: ["one", "two"],
        id: ["missing"],
      });

      assert.equal(
        error.message,
        "POST api/x failed with HTTP 400: Bad request (one two; id: missing)",
      );
    });

    it("says when the API gave no message", () => {
      assert.equal(
        apiErrorFor("GET", "api/x", 500, undefined, "", {}).message,
        "GET api/x failed with HTTP 500: no message",
      );
    });
  });
});

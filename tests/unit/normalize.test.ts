import { strict as assert } from "node:assert";

import {
  Normalised,
  normaliseDomain,
  normaliseIpv4,
  normaliseIpv6,
  normaliseNameserverSet,
} from "../../provider/normalize";

/** Returns the value of a successful normalisation, failing the test with its reason otherwise. */
function valueOf<T>(result: Normalised<T>): T {
  if (!result.ok) {
    assert.fail(`expected a valid value, got: ${result.reason}`);
  }
  return result.value;
}

/** Returns the reason of a rejected value, failing the test when the value was accepted. */
function reasonOf<T>(result: Normalised<T>): string {
  if (result.ok) {
    assert.fail(`expected a rejection, got ${JSON.stringify(result.value)}`);
  }
  return result.reason;
}

describe("normalize", () => {
  describe("normaliseDomain", () => {
    it("lowercases the name", () => {
      assert.equal(valueOf(normaliseDomain("Example.CO.ID")).fqdn, "example.co.id");
    });

    it("drops a trailing dot", () => {
      assert.equal(valueOf(normaliseDomain("example.co.id.")).fqdn, "example.co.id");
    });

    it("converts an IDN to punycode", () => {
      const domain = valueOf(normaliseDomain("Bücher.co.id"));

      assert.equal(domain.fqdn, "xn--bcher-kva.co.id");
      assert.equal(domain.name, "xn--bcher-kva");
      assert.equal(domain.extension, "co.id");
    });

    for (const extension of ["co.id", "web.id", "my.id"]) {
      it(`splits a .${extension} name at the suffix`, () => {
        const domain = valueOf(normaliseDomain(`toko.${extension}`));

        assert.equal(domain.name, "toko");
        assert.equal(domain.extension, extension);
        assert.equal(domain.fqdn, `toko.${extension}`);
      });
    }

    it("splits a single-label suffix", () => {
      const domain = valueOf(normaliseDomain("kopi.id"));

      assert.equal(domain.name, "kopi");
      assert.equal(domain.extension, "id");
    });

    it("rejects a subdomain naming the registrable domain", () => {
      const reason = reasonOf(normaliseDomain("www.Example.co.id"));

      assert.match(reason, /"www\.Example\.co\.id"/);
      assert.match(reason, /subdomain/);
      assert.match(reason, /"example\.co\.id"/);
    });

    it("rejects a bare single-label suffix", () => {
      const reason = reasonOf(normaliseDomain("id"));

      assert.match(reason, /^"id" has a single label/);
      assert.match(reason, /expected a registrable domain such as "example\.co\.id"/);
    });

    for (const suffix of ["co.id", "web.id."]) {
      it(`rejects the bare suffix ${suffix}`, () => {
        const reason = reasonOf(normaliseDomain(suffix));

        assert.ok(reason.includes(`"${suffix}"`), reason);
        assert.match(reason, /suffix/);
      });
    }

    it("rejects an unknown suffix", () => {
      assert.match(reasonOf(normaliseDomain("example.notatld")), /known public suffix/);
    });

    for (const input of [
      "exa_mple.co.id",
      "exa mple.co.id",
      "-example.co.id",
      "example..co.id",
      "bad!.id",
    ]) {
      it(`rejects the invalid name ${JSON.stringify(input)}`, () => {
        const reason = reasonOf(normaliseDomain(input));

        assert.ok(reason.startsWith(`"${input}"`), reason);
      });
    }

    it("rejects an empty name", () => {
      assert.match(reasonOf(normaliseDomain("  ")), /expected e\.g\. "example\.co\.id"/);
    });
  });

  describe("normaliseNameserverSet", () => {
    it("ignores order", () => {
      const forward = valueOf(normaliseNameserverSet(["ns1.example.net", "ns2.example.net"]));
      const backward = valueOf(normaliseNameserverSet(["ns2.example.net", "ns1.example.net"]));

      assert.deepEqual(forward, backward);
      assert.deepEqual(forward, ["ns1.example.net", "ns2.example.net"]);
    });

    it("ignores case and trailing dots", () => {
      const set = valueOf(normaliseNameserverSet(["NS1.Example.NET.", "ns2.example.net."]));

      assert.deepEqual(set, ["ns1.example.net", "ns2.example.net"]);
    });

    it("collapses duplicates into one entry", () => {
      const set = valueOf(
        normaliseNameserverSet(["ns1.example.net", "NS1.example.net.", "ns1.example.net"]),
      );

      assert.deepEqual(set, ["ns1.example.net"]);
    });

    it("returns the reason of the first invalid entry", () => {
      const reason = reasonOf(
        normaliseNameserverSet(["ns1.example.net", "ns_2.example.net", "nope"]),
      );

      assert.match(reason, /^"ns_2\.example\.net"/);
    });

    it("rejects an empty entry", () => {
      assert.match(reasonOf(normaliseNameserverSet([""])), /is empty/);
    });
  });

  describe("normaliseIpv6", () => {
    it("writes equal addresses the same way", () => {
      const long = valueOf(normaliseIpv6("1234:0:0:0:5:600:700C:890A"));
      const short = valueOf(normaliseIpv6("1234::5:600:700c:890a"));

      assert.equal(long, short);
      assert.equal(long, "1234::5:600:700c:890a");
    });

    it("compresses the longest zero run", () => {
      assert.equal(valueOf(normaliseIpv6("2001:DB8:0:0:0:0:0:10")), "2001:db8::10");
    });

    it("rejects an IPv4 address", () => {
      const reason = reasonOf(normaliseIpv6("192.0.2.10"));

      assert.match(reason, /"192\.0\.2\.10" is not an IPv6 address/);
    });

    it("rejects a malformed address", () => {
      assert.match(reasonOf(normaliseIpv6("2001:db8::10::1")), /not an IPv6 address/);
    });

    it("rejects a zone index", () => {
      const reason = reasonOf(normaliseIpv6("fe80::1%eth0"));

      assert.match(reason, /"fe80::1%eth0" has a zone index/);
    });
  });

  describe("normaliseIpv4", () => {
    it("accepts a dotted quad", () => {
      assert.equal(valueOf(normaliseIpv4(" 192.0.2.10 ")), "192.0.2.10");
    });

    it("rejects leading zeros", () => {
      const reason = reasonOf(normaliseIpv4("192.0.002.010"));

      assert.match(reason, /"192\.0\.002\.010" is not an IPv4 address/);
      assert.match(reason, /expected e\.g\. "192\.0\.2\.10"/);
    });

    it("rejects an octet out of range", () => {
      assert.match(reasonOf(normaliseIpv4("256.1.1.1")), /"256\.1\.1\.1" is not an IPv4 address/);
    });

    it("rejects too few octets", () => {
      assert.match(reasonOf(normaliseIpv4("10.1.1")), /not an IPv4 address/);
    });
  });
});

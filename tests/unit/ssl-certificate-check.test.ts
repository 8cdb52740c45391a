import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { UNKNOWN } from "../../provider/checks";
import { csrFingerprint, generateLocalCsr, parseCsr } from "../../provider/csr";
import { checkSslInputs } from "../../provider/resources/ssl-certificate-check";
import { loadOrCreateLocalCsr } from "../../sdk/ssl-lookups";
import { TEST_SSL_ORDER, testCsr } from "../support/ssl";

async function reasons(news: Record<string, unknown>): Promise<string[]> {
  const { failures } = await checkSslInputs({ ...TEST_SSL_ORDER, ...news });
  return failures.failures.map((failure) => `${failure.property}: ${failure.reason}`);
}

describe("SslCertificate check", function () {
  this.timeout(30_000);

  let csr: string;

  before(async () => {
    csr = await testCsr("www.example.co.id", "example.co.id");
  });

  it("accepts valid inputs and fills defaults", async () => {
    const { inputs, failures } = await checkSslInputs({
      ...TEST_SSL_ORDER,
      period: undefined,
      hostnames: ["WWW.Example.co.id.", "example.co.id", "www.example.co.id"],
      csr,
    });

    assert.deepEqual(failures.failures, []);
    assert.deepEqual(inputs.hostnames, ["example.co.id", "www.example.co.id"]);
    assert.equal(inputs.period, 1);
    assert.equal(inputs.waitForIssuance, false);
    assert.equal(inputs.issuanceTimeoutSeconds, 900);
    assert.deepEqual(inputs.domainValidation, [
      { hostname: "example.co.id", method: "dns" },
      { hostname: "www.example.co.id", method: "dns" },
    ]);
  });

  it("names the hostnames a CSR does not cover", async () => {
    const found = await reasons({ hostnames: ["shop.example.co.id"], csr });

    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^csr: does not cover shop\.example\.co\.id: it names www\.example\.co\.id, example\.co\.id\./,
    );
  });

  it("rejects text that is not a PEM CSR", async () => {
    const found = await reasons({ hostnames: ["www.example.co.id"], csr: "hello" });

    assert.equal(found.length, 1);
    assert.match(found[0], /^csr: is not a PEM certificate signing request/);
  });

  it("rejects a PEM block that is not PKCS #10", async () => {
    const garbage =
      "-----BEGIN CERTIFICATE REQUEST-----\nTUlJQ2dEQ0NBV2dD\n-----END CERTIFICATE REQUEST-----";

    const found = await reasons({ hostnames: ["www.example.co.id"], csr: garbage });

    assert.equal(found.length, 1);
    assert.match(found[0], /^csr: cannot be parsed as PKCS #10/);
  });

  it("rejects a CSR whose signature does not verify", async () => {
    const other = await testCsr("www.example.co.id");
    const tampered = swapSignature(csr, other);

    const found = await reasons({ hostnames: ["www.example.co.id"], csr: tampered });

    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^csr: (has a signature that does not match|cannot be parsed as PKCS #10)/,
    );
  });

  it("skips the CSR while it is unknown at preview", async () => {
    const found = await reasons({ hostnames: ["www.example.co.id"], csr: UNKNOWN });

    assert.deepEqual(found, []);
  });

  it("rejects an unknown validation method", async () => {
    const found = await reasons({
      hostnames: ["www.example.co.id"],
      csr,
      domainValidation: [{ hostname: "www.example.co.id", method: "carrier-pigeon" }],
    });

    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /has method "carrier-pigeon" for www\.example\.co\.id; expected dns, http, https/,
    );
  });

  it("rejects an approval address at another domain", async () => {
    const found = await reasons({
      hostnames: ["www.example.co.id"],
      csr,
      domainValidation: [{ hostname: "www.example.co.id", method: "admin@elsewhere.id" }],
    });

    assert.equal(found.length, 1);
    assert.match(found[0], /e\.g\. "admin@example\.co\.id"/);
  });

  it("rejects validation for a hostname outside hostnames", async () => {
    const found = await reasons({
      hostnames: ["www.example.co.id"],
      csr,
      domainValidation: [{ hostname: "mail.example.co.id", method: "dns" }],
    });

    assert.equal(found.length, 1);
    assert.match(found[0], /"mail\.example\.co\.id", which is not in hostnames/);
  });

  it("requires the order fields", async () => {
    const found = await reasons({
      hostnames: ["www.example.co.id"],
      csr,
      contact: "",
      approvalEmail: "not-an-email",
      clientPhone: "0812",
      period: 5,
    });

    assert.equal(found.length, 4);
    assert.ok(found.some((reason) => reason.startsWith("contact: is required")));
    assert.ok(found.some((reason) => reason.startsWith('approvalEmail: is "not-an-email"')));
    assert.ok(
      found.some((reason) =>
        reason.startsWith('clientPhone: is "0812"; expected a phone number in E.164 form'),
      ),
    );
    assert.ok(
      found.some((reason) => reason.startsWith("period: is 5; expected whole years from 1 to 3")),
    );
  });
});

describe("generateLocalCsr", function () {
  this.timeout(30_000);

  it("makes an RSA CSR that names every hostname", async () => {
    const { csr, privateKey } = await generateLocalCsr({
      hostnames: ["www.example.co.id", "example.co.id"],
      country: "ID",
    });
    const summary = await parseCsr(csr);

    assert.match(privateKey, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(summary.commonName, "www.example.co.id");
    assert.deepEqual(summary.alternativeNames, ["www.example.co.id", "example.co.id"]);
    assert.equal(summary.keyBits, 2048);
  });

  it("makes an ECDSA CSR", async () => {
    const { csr } = await generateLocalCsr({ hostnames: ["ec.example.co.id"], keyType: "ecdsa" });

    assert.equal((await parseCsr(csr)).keyAlgorithm, "ECDSA");
  });
});

describe("csrFingerprint", () => {
  it("ignores line breaks and armour", () => {
    const wrapped =
      "-----BEGIN CERTIFICATE REQUEST-----\r\nAB\r\nCD\r\n-----END CERTIFICATE REQUEST-----\r\n";

    assert.equal(
      csrFingerprint(wrapped),
      csrFingerprint(
        "-----BEGIN CERTIFICATE REQUEST-----\nABCD\n-----END CERTIFICATE REQUEST-----",
      ),
    );
  });
});

/** Returns `target` with the final signature bytes of `donor`, so the signature no longer verifies. */
function swapSignature(target: string, donor: string): string {
  const decode = (pem: string) => Buffer.from(csrFingerprint(pem), "base64");
  const bytes = decode(target);
  const donorBytes = decode(donor);
  const length = Math.min(32, donorBytes.length);
  donorBytes.copy(bytes, bytes.length - length, donorBytes.length - length);
  const lines = bytes.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE REQUEST-----\n${lines.join("\n")}\n-----END CERTIFICATE REQUEST-----\n`;
}

describe("loadOrCreateLocalCsr", function () {
  this.timeout(30_000);

  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "irsfa-csr-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("returns the same CSR on later calls", async () => {
    const first = await loadOrCreateLocalCsr({ directory, hostnames: ["www.example.co.id"] });
    const second = await loadOrCreateLocalCsr({ directory, hostnames: ["www.example.co.id"] });

    assert.equal(second, first);
  });

  it("writes the key readable by the owner only", async () => {
    await loadOrCreateLocalCsr({ directory, hostnames: ["www.example.co.id"], name: "shop" });
    const mode = statSync(join(directory, "shop.key")).mode & 0o777;

    assert.equal(mode, 0o600);
    assert.match(readFileSync(join(directory, "shop.key"), "utf8"), /^-----BEGIN PRIVATE KEY-----/);
  });

  it("makes a new CSR when hostnames change", async () => {
    const first = await loadOrCreateLocalCsr({
      directory,
      hostnames: ["www.example.co.id"],
      name: "shop",
    });
    const second = await loadOrCreateLocalCsr({
      directory,
      hostnames: ["www.example.co.id", "example.co.id"],
      name: "shop",
    });

    assert.notEqual(second, first);
    assert.deepEqual((await parseCsr(second)).names, ["www.example.co.id", "example.co.id"]);
  });
});

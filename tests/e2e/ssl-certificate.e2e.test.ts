import { strict as assert } from "node:assert";

import { SslCertificate } from "../../sdk";
import { TEST_SSL_ORDER, testCsr } from "../support/ssl";
import { TestSimulator, startTestSimulator } from "../support/simulator";
import { TestStack, createTestStack } from "../support/stack";

const HOSTNAME = "www.tokouji.co.id";

function certificateProgram(csr: string, method = "dns") {
  return async () => {
    const certificate = new SslCertificate("tls", {
      ...TEST_SSL_ORDER,
      hostnames: [HOSTNAME.toUpperCase()],
      csr,
      domainValidation: [{ hostname: HOSTNAME, method }],
    });
    return {
      orderId: certificate.orderId,
      status: certificate.status,
      record: certificate.validationRecords.apply((records) => records[0]),
      certificate: certificate.certificate,
    };
  };
}

describe("SslCertificate through the Pulumi CLI", function () {
  this.timeout(300_000);

  let simulator: TestSimulator;
  let test: TestStack;
  let csr: string;

  before(async () => {
    simulator = await startTestSimulator();
    csr = await testCsr(HOSTNAME);
    test = await createTestStack(certificateProgram(csr), simulator);
  });

  after(async () => {
    await test?.destroy();
    await simulator?.stop();
  });

  it("orders a certificate and outputs its validation record", async () => {
    const result = await test.stack.up({ color: "never" });

    assert.equal(result.summary.resourceChanges?.create, 2, "the stack and the certificate");
    assert.equal(result.outputs.status.value, "Pending");
    assert.equal(result.outputs.record.value.recordType, "CNAME");
    assert.match(result.outputs.record.value.recordName, /^_[0-9a-f]{32}\.www\.tokouji\.co\.id$/);
    const creates = (await simulator.requests()).filter((entry) =>
      entry.path.endsWith("/ssl/create"),
    );
    assert.equal(creates.length, 1);
  });

  it("previews no change without mutating API calls", async () => {
    await simulator.clearRequests();

    await test.stack.preview({ expectNoChanges: true, color: "never" });

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("shows the issued certificate on refresh after validation", async () => {
    const orderId = (await test.stack.outputs()).orderId.value;
    await simulator.admin("POST", "ssl/validate", { id: orderId });
    await new Promise((resolve) => setTimeout(resolve, 300));

    await test.stack.refresh({ color: "never" });
    const up = await test.stack.up({ color: "never" });

    assert.equal(up.outputs.status.value, "Active");
    assert.match(up.outputs.certificate.value, /BEGIN CERTIFICATE/);
  });

  it("modifies the validation method in place", async () => {
    test.stack.workspace.program = certificateProgram(csr, "http");
    await simulator.clearRequests();

    const result = await test.stack.up({ color: "never" });
    const paths = (await simulator.mutatingRequests()).map((entry) => entry.path);

    assert.equal(result.summary.resourceChanges?.update, 1);
    assert.deepEqual(paths, ["/api/rest/v3/ssl/modify"]);
    assert.equal(result.outputs.record.value.method, "http");
  });

  it("rejects a CSR for other names at preview", async () => {
    const other = await testCsr("shop.tokouji.co.id");
    test.stack.workspace.program = certificateProgram(other, "http");
    await simulator.clearRequests();

    await assert.rejects(
      test.stack.preview({ color: "never" }),
      /csr[\s\S]*does not cover www\.tokouji\.co\.id/,
    );
    assert.deepEqual(await simulator.mutatingRequests(), []);
    test.stack.workspace.program = certificateProgram(csr, "http");
  });

  it("keeps the order and warns on destroy", async () => {
    let output = "";
    await test.stack.destroy({ color: "never", onOutput: (text) => (output += text) });
    const state = await simulator.admin("GET", "state");

    assert.match(output, /no cancel endpoint/);
    assert.equal(Object.keys(state.sections.ssl.orders).length, 1);
  });

  it("adopts the kept order by adoptOrderId", async () => {
    const state = await simulator.admin("GET", "state");
    const orderId = Number(Object.keys(state.sections.ssl.orders)[0]);
    const adopting = await createTestStack(async () => {
      const certificate = new SslCertificate("tls", {
        ...TEST_SSL_ORDER,
        hostnames: [HOSTNAME],
        csr,
        domainValidation: [{ hostname: HOSTNAME, method: "http" }],
        adoptOrderId: orderId,
      });
      return { orderId: certificate.orderId };
    }, simulator);
    await simulator.clearRequests();

    try {
      const result = await adopting.stack.up({ color: "never" });

      assert.equal(result.outputs.orderId.value, orderId);
      const creates = (await simulator.requests()).filter((entry) =>
        entry.path.endsWith("/ssl/create"),
      );
      assert.deepEqual(creates, []);
    } finally {
      await adopting.destroy();
    }
  });
});

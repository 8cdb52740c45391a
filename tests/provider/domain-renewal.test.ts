import { strict as assert } from "node:assert";

import { DomainApi, DomainInfo, IrsfaClient } from "../../provider/client";
import { ApiContext, configure } from "../../provider/context";
import { normaliseDomain } from "../../provider/normalize";
import { DomainInputs, DomainOutputs, domainProvider } from "../../provider/resources/domain";
import { keepValid } from "../../provider/resources/domain-renewal";
import { addYears, today } from "../../provider/resources/domain-renewal-plan";
import { TEST_REGISTRANT_PARAMS, TestSimulator, startTestSimulator } from "../support/simulator";

const RENEW_PATH = "/api/rest/v3/domain/renew";
const RESTORE_PATH = "/api/rest/v3/domain/restore";

/** Milliseconds of one HTTP attempt in these tests; an unknown outcome settles after twice that. */
const REQUEST_TIMEOUT_MS = 500;

function inputsFor(name: string, keepValidUntil?: string): DomainInputs {
  return {
    name,
    nameservers: ["ns1.registeredns.id"],
    period: 1,
    description: "Managed by Pulumi",
    keepValidUntil,
  };
}

async function partialFailureOf(
  promise: Promise<unknown>,
): Promise<Error & { properties: DomainOutputs }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(
      (error as { properties?: unknown }).properties,
      `expected a partial failure, got ${String(error)}`,
    );
    return error as Error & { properties: DomainOutputs };
  }
  assert.fail("the call succeeded");
}

describe("Domain keepValidUntil against the simulator", function () {
  this.timeout(60_000);

  let simulator: TestSimulator;
  let api: DomainApi;

  before(async () => {
    simulator = await startTestSimulator();
    api = new DomainApi(
      new IrsfaClient({
        endpoint: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
      }),
    );
    const config: Record<string, string> = {
      "irsfa:endpoint": simulator.url,
      "irsfa:clientId": simulator.clientId,
      "irsfa:clientSecret": simulator.clientSecret,
      "irsfa:requestTimeoutMs": String(REQUEST_TIMEOUT_MS),
      "irsfa:maxAttempts": "2",
    };
    configure({ get: (key) => config[key] });
  });

  beforeEach(async () => {
    await simulator.reset();
  });

  after(async () => {
    await simulator?.stop();
  });

  /** Registers a domain for one year outside Pulumi and returns its state as create would store it. */
  async function existingDomain(name: string, keepValidUntil?: string): Promise<DomainOutputs> {
    const parsed = normaliseDomain(name);
    assert.ok(parsed.ok);
    await api.register(parsed.value, {
      period: 1,
      nameservers: ["ns1.registeredns.id"],
      description: "test",
      registrant: TEST_REGISTRANT_PARAMS,
    });
    const created = await domainProvider.create(inputsFor(name));
    await simulator.clearRequests();
    return { ...created.outs, keepValidUntil };
  }

  async function orders(): Promise<string[]> {
    return (await simulator.mutatingRequests())
      .map((entry) => entry.path)
      .filter((path) => path === RENEW_PATH || path === RESTORE_PATH);
  }

  async function liveExpiry(name: string): Promise<string> {
    return (await simulator.admin("GET", "state")).domains[name].expiresOn;
  }

  it("renews by the fewest whole years on update", async () => {
    const olds = await existingDomain("tahan.id");
    const target = addYears(olds.expiresOn, 2);

    const result = await domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target));

    assert.deepEqual(await orders(), [RENEW_PATH]);
    assert.equal(await liveExpiry("tahan.id"), target);
    assert.equal(result.outs.expiresOn, target);
    assert.equal(result.outs.unconfirmedRenewal, undefined);
  });

  it("sends nothing when the expiry already reaches keepValidUntil", async () => {
    const olds = await existingDomain("tahan.id");

    await domainProvider.update("tahan.id", olds, inputsFor("tahan.id", olds.expiresOn));

    assert.deepEqual(await simulator.mutatingRequests(), []);
  });

  it("accepts a lost renew response once domain/info shows the new expiry", async () => {
    const olds = await existingDomain("tahan.id");
    const target = addYears(olds.expiresOn, 1);
    await simulator.fault({ path: "api/rest/v3/domain/renew", mode: "drop" });

    const result = await domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target));

    assert.deepEqual(await orders(), [RENEW_PATH]);
    assert.equal(await liveExpiry("tahan.id"), target);
    assert.equal(result.outs.unconfirmedRenewal, undefined);
  });

  it("accepts a renew response that came too late once domain/info shows it", async () => {
    const olds = await existingDomain("tahan.id");
    const target = addYears(olds.expiresOn, 1);
    await simulator.fault({
      path: "api/rest/v3/domain/renew",
      mode: "delay",
      delayMs: REQUEST_TIMEOUT_MS * 3,
    });

    const result = await domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target));
    // The simulator logs the request once its delayed response has gone out.
    await new Promise((resolve) => setTimeout(resolve, REQUEST_TIMEOUT_MS * 3));

    assert.deepEqual(await orders(), [RENEW_PATH]);
    assert.equal(result.outs.expiresOn, target);
  });

  it("records a renewal of unknown outcome and does not resend it before it settles", async () => {
    const olds = await existingDomain("tahan.id");
    const before = olds.expiresOn;
    const target = addYears(before, 1);
    await simulator.fault({ path: "api/rest/v3/domain/renew", mode: "status", status: 500 });

    const first = await partialFailureOf(
      domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target)),
    );
    assert.match(first.message, /outcome is unknown .* It was not sent again/);
    assert.equal(first.properties.unconfirmedRenewal?.outcome, "unknown");
    assert.equal(first.properties.unconfirmedRenewal?.fromExpiresOn, before);

    const second = await partialFailureOf(
      domainProvider.update("tahan.id", first.properties, inputsFor("tahan.id", target)),
    );
    assert.match(second.message, /may still be in progress, so nothing is sent now/);
    assert.deepEqual(second.properties.unconfirmedRenewal, first.properties.unconfirmedRenewal);
    assert.deepEqual(await orders(), [RENEW_PATH], "a renew was sent again before the settle time");
    assert.equal(await liveExpiry("tahan.id"), before);
  });

  it("resends a renewal of unknown outcome once it settled without effect", async () => {
    const olds = await existingDomain("tahan.id");
    const target = addYears(olds.expiresOn, 1);
    await simulator.fault({ path: "api/rest/v3/domain/renew", mode: "status", status: 500 });
    const failed = await partialFailureOf(
      domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target)),
    );

    await new Promise((resolve) => setTimeout(resolve, 2 * REQUEST_TIMEOUT_MS + 100));
    const result = await domainProvider.update(
      "tahan.id",
      failed.properties,
      inputsFor("tahan.id", target),
    );

    assert.deepEqual(await orders(), [RENEW_PATH, RENEW_PATH]);
    assert.equal(
      await liveExpiry("tahan.id"),
      target,
      "the domain was renewed a different number of times",
    );
    assert.equal(result.outs.unconfirmedRenewal, undefined);
  });

  it("sends nothing more when a renewal of unknown outcome shows later", async () => {
    const olds = await existingDomain("tahan.id");
    const target = addYears(olds.expiresOn, 1);
    await simulator.fault({ path: "api/rest/v3/domain/renew", mode: "status", status: 500 });
    const failed = await partialFailureOf(
      domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target)),
    );

    // The order took effect after the read-back, as a slow backend could do.
    await simulator.admin("POST", "domains/change", { domain: "tahan.id", expiresOn: target });
    const result = await domainProvider.update(
      "tahan.id",
      failed.properties,
      inputsFor("tahan.id", target),
    );

    assert.deepEqual(await orders(), [RENEW_PATH]);
    assert.equal(result.outs.expiresOn, target);
    assert.equal(result.outs.unconfirmedRenewal, undefined);
  });

  it("fails without recording anything when the API rejects the renewal", async () => {
    const olds = await existingDomain("tahan.id");
    await simulator.fault({ path: "api/rest/v3/domain/renew", mode: "status", status: 422 });

    const failure = await partialFailureOf(
      domainProvider.update("tahan.id", olds, inputsFor("tahan.id", addYears(olds.expiresOn, 1))),
    );

    assert.match(
      failure.message,
      /is registered, but renewing it to reach keepValidUntil failed: POST api\/rest\/v3\/domain\/renew failed with HTTP 422/,
    );
    assert.equal(failure.properties.unconfirmedRenewal, undefined);
  });

  it("restores a domain in redemption instead of renewing it", async () => {
    const olds = await existingDomain("tahan.id");
    await simulator.admin("POST", "domains/expire", { domain: "tahan.id", into: "Redemption" });
    const target = addYears(today(), 1);

    const result = await domainProvider.update("tahan.id", olds, inputsFor("tahan.id", target));

    assert.deepEqual(await orders(), [RESTORE_PATH]);
    assert.equal(result.outs.status, "Active");
    assert.ok(result.outs.expiresOn >= target, `${result.outs.expiresOn} is before ${target}`);
  });

  it("renews an expired domain that is not in redemption", async () => {
    const olds = await existingDomain("tahan.id");
    await simulator.admin("POST", "domains/expire", { domain: "tahan.id", into: "Expired" });

    const result = await domainProvider.update(
      "tahan.id",
      olds,
      inputsFor("tahan.id", addYears(today(), 1)),
    );

    assert.deepEqual(await orders(), [RENEW_PATH]);
    assert.equal(result.outs.status, "Active");
  });

  it("renews on create when a registration falls short of keepValidUntil", async () => {
    const target = addYears(today(), 3);

    const created = await domainProvider.create({
      ...inputsFor("baru.id", target),
      registrant: {
        companyName: "Test Company",
        firstName: "Budi",
        lastName: "Santoso",
        gender: "M",
        street: "Jalan Sudirman",
        number: "1",
        city: "Jakarta",
        state: "DKI Jakarta",
        zipCode: "10220",
        country: "ID",
        email: "budi@example.co.id",
        phone: "+6281200000000",
      },
    });

    const paths = (await simulator.mutatingRequests()).map((entry) => entry.path);
    assert.deepEqual(
      paths.filter((path) => path.endsWith("/register") || path === RENEW_PATH),
      ["/api/rest/v3/domain/register", RENEW_PATH],
    );
    assert.equal(created.outs.expiresOn, target);
  });
});

describe("keepValid with an order accepted but not shown", () => {
  it("records the order and never sends it again while domain/info lags", async () => {
    const calls: string[] = [];
    const lagging: DomainInfo = { domain: "lambat.id", status: "Active", expiresOn: "2027-05-01" };
    const context = {
      settings: { requestTimeoutMs: 1_000 },
      domains: {
        info: async () => lagging,
        renew: async () => void calls.push("renew"),
        restore: async () => void calls.push("restore"),
      },
    } as unknown as ApiContext;
    const parsed = normaliseDomain("lambat.id");
    assert.ok(parsed.ok);
    const request = {
      domain: parsed.value,
      keepValidUntil: "2028-01-01",
      description: "Managed by Pulumi",
      live: lagging,
      unconfirmed: undefined,
      deadline: Date.now() + 10_000,
    };

    const first = await keepValid(context, request);
    assert.equal(first.unconfirmed?.outcome, "accepted");
    assert.equal(first.unconfirmed?.toExpiresOn, "2028-05-01");

    const second = await keepValid(context, { ...request, unconfirmed: first.unconfirmed });
    assert.deepEqual(calls, ["renew"]);
    assert.deepEqual(second.unconfirmed, first.unconfirmed);
  });
});

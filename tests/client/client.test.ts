import { strict as assert } from "node:assert";

import {
  ClientEvent,
  DOMAIN_ENDPOINTS,
  DomainApi,
  IrsfaApiError,
  IrsfaAuthenticationError,
  IrsfaClient,
  IrsfaClientOptions,
  IrsfaRateLimitError,
  IrsfaTransportError,
  IrsfaValidationError,
  readEndpoint,
} from "../../provider/client";
import { normaliseDomain } from "../../provider/normalize";
import type { RequestLogEntry } from "../../simulator";
import { closedLoopbackPort } from "../support/ports";
import { TEST_REGISTRANT_PARAMS, TestSimulator, startTestSimulator } from "../support/simulator";

const TOKEN_PATH = "/api/oauth/token";
const INFO_PATH = "/api/rest/v3/domain/info";
const REGISTER_PATH = "/api/rest/v3/domain/register";
const LOCK_PATH = "/api/rest/v3/domain/lock";

const CONTOH = domainRef("contoh.co.id");

/** A client under test with the events it reported. */
interface ClientUnderTest {
  client: IrsfaClient;
  domains: DomainApi;
  events: ClientEvent[];
}

function domainRef(name: string) {
  const parsed = normaliseDomain(name);
  assert.ok(parsed.ok);
  return parsed.value;
}

/** Returns the rejection of a promise, failing the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `rejected with a non-error: ${String(error)}`);
    return error;
  }
  return assert.fail("expected the call to be rejected");
}

function countPath(log: RequestLogEntry[], path: string): number {
  return log.filter((entry) => entry.path === path).length;
}

function retryEvents(events: ClientEvent[]): Extract<ClientEvent, { kind: "retry" }>[] {
  return events.filter(
    (event): event is Extract<ClientEvent, { kind: "retry" }> => event.kind === "retry",
  );
}

describe("IrsfaClient", function () {
  this.timeout(30_000);

  let simulator: TestSimulator;

  /** Creates a client for the simulator with short backoff delays. */
  function createClient(options: Partial<IrsfaClientOptions> = {}): ClientUnderTest {
    const events: ClientEvent[] = [];
    const client = new IrsfaClient({
      endpoint: simulator.url,
      clientId: simulator.clientId,
      clientSecret: simulator.clientSecret,
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      onEvent: (event) => events.push(event),
      ...options,
    });
    return { client, domains: new DomainApi(client), events };
  }

  async function registerContoh(domains: DomainApi): Promise<void> {
    await domains.register(CONTOH, {
      period: 1,
      nameservers: ["ns1.example.net"],
      description: "client test",
      registrant: TEST_REGISTRANT_PARAMS,
    });
  }

  before(async () => {
    simulator = await startTestSimulator();
  });

  beforeEach(async () => {
    await simulator.reset();
  });

  after(async () => {
    await simulator?.stop();
  });

  describe("token", () => {
    it("is fetched once for many concurrent calls", async () => {
      const { domains, events } = createClient();

      const results = await Promise.all(Array.from({ length: 8 }, () => domains.info(CONTOH)));

      assert.deepEqual(results, Array(8).fill(undefined));
      assert.equal(countPath(await simulator.requests(), TOKEN_PATH), 1);
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 8);
      assert.deepEqual(
        events.filter((event) => event.kind === "token"),
        [{ kind: "token", reason: "initial" }],
      );
    });

    it("is refreshed once after a 401 and the call succeeds", async () => {
      const { domains, events } = createClient();
      await registerContoh(domains);
      await simulator.admin("POST", "tokens/revoke");
      await simulator.clearRequests();

      const info = await domains.info(CONTOH);

      assert.equal(info?.domain, "contoh.co.id");
      const log = await simulator.requests();
      assert.deepEqual(
        log.map((entry) => [entry.path, entry.status]),
        [
          [INFO_PATH, 401],
          [TOKEN_PATH, 200],
          [INFO_PATH, 200],
        ],
      );
      assert.deepEqual(
        events
          .filter((event) => event.kind === "token")
          .map((event) => event.kind === "token" && event.reason),
        ["initial", "rejected"],
      );
    });

    it("is refreshed once for concurrent 401s", async () => {
      const { domains } = createClient();
      await registerContoh(domains);
      await simulator.admin("POST", "tokens/revoke");
      await simulator.clearRequests();

      const results = await Promise.all(Array.from({ length: 8 }, () => domains.info(CONTOH)));

      assert.ok(results.every((info) => info?.domain === "contoh.co.id"));
      const log = await simulator.requests();
      assert.equal(countPath(log, TOKEN_PATH), 1);
      assert.equal(
        log.filter((entry) => entry.path === INFO_PATH && entry.status === 401).length,
        8,
      );
      assert.equal(
        log.filter((entry) => entry.path === INFO_PATH && entry.status === 200).length,
        8,
      );
    });

    it("throws when a 401 persists after the refresh", async () => {
      const { domains } = createClient();
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 401, count: 2 });

      const error = await rejectionOf(domains.info(CONTOH));

      assert.ok(error instanceof IrsfaAuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal(countPath(await simulator.requests(), TOKEN_PATH), 2);
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 2);
    });

    it("reports rejected credentials without retrying", async () => {
      const { domains } = createClient({ clientSecret: "wrong-secret-for-test" });

      const error = await rejectionOf(domains.info(CONTOH));

      assert.ok(error instanceof IrsfaAuthenticationError, String(error));
      assert.match(
        error.message,
        /api\/oauth\/token failed with HTTP 404: token request rejected: Client authentication failed/,
      );
      assert.match(error.message, /check irsfa:clientId and irsfa:clientSecret/);
      assert.equal(countPath(await simulator.requests(), TOKEN_PATH), 1);
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 0);
    });
  });

  describe("retries", () => {
    it("honours Retry-After on 429", async () => {
      const { domains, events } = createClient({ retry: { baseDelayMs: 5, maxDelayMs: 5_000 } });
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 429, retryAfter: "1" });

      const started = Date.now();
      const info = await domains.info(CONTOH);

      assert.equal(info, undefined);
      assert.ok(Date.now() - started >= 1_000, `retried after ${Date.now() - started} ms`);
      const retries = retryEvents(events);
      assert.equal(retries.length, 1);
      assert.equal(retries[0].reason, "HTTP 429");
      assert.equal(retries[0].delayMs, 1_000);
    });

    it("caps Retry-After at maxDelayMs", async () => {
      const { domains, events } = createClient({ retry: { baseDelayMs: 5, maxDelayMs: 40 } });
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 429, retryAfter: "120" });

      await domains.info(CONTOH);

      assert.deepEqual(
        retryEvents(events).map((event) => event.delayMs),
        [40],
      );
    });

    it("gives up on 429 after maxAttempts", async () => {
      const { domains } = createClient({
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50 },
      });
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 429, count: 5 });

      const error = await rejectionOf(domains.info(CONTOH));

      assert.ok(error instanceof IrsfaRateLimitError, String(error));
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 3);
    });

    it("retries a read on 503 until it succeeds", async () => {
      const { domains, events } = createClient();
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 503, count: 2 });

      const info = await domains.info(CONTOH);

      assert.equal(info, undefined);
      assert.deepEqual(
        retryEvents(events).map((event) => event.reason),
        ["HTTP 503", "HTTP 503"],
      );
      const statuses = (await simulator.requests())
        .filter((entry) => entry.path === INFO_PATH)
        .map((entry) => entry.status);
      assert.deepEqual(statuses, [503, 503, 404]);
    });

    it("retries a write on 503", async () => {
      const { domains } = createClient();
      await simulator.fault({ path: REGISTER_PATH, mode: "status", status: 503 });

      await registerContoh(domains);

      const statuses = (await simulator.requests())
        .filter((entry) => entry.path === REGISTER_PATH)
        .map((entry) => entry.status);
      assert.deepEqual(statuses, [503, 200]);
    });

    it("does not resend a write whose response was lost", async () => {
      const { domains } = createClient();
      await simulator.fault({ path: REGISTER_PATH, mode: "drop" });

      const error = await rejectionOf(registerContoh(domains));

      assert.ok(error instanceof IrsfaTransportError, String(error));
      assert.equal(error.maybeDelivered, true);
      assert.match(error.message, /^POST api\/rest\/v3\/domain\/register failed: network error/);
      assert.equal(countPath(await simulator.requests(), REGISTER_PATH), 1);
      const state = await simulator.admin("GET", "state");
      assert.ok(state.domains["contoh.co.id"], "the dropped registration did not go through");
    });

    it("retries a read whose response was lost", async () => {
      const { domains, events } = createClient();
      await registerContoh(domains);
      await simulator.fault({ path: INFO_PATH, mode: "drop" });

      const info = await domains.info(CONTOH);

      assert.equal(info?.domain, "contoh.co.id");
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 2);
      assert.equal(retryEvents(events).length, 1);
    });

    it("retries a read that timed out", async () => {
      const { domains, events } = createClient({ requestTimeoutMs: 500 });
      // The simulator delays successful responses only, so the domain must exist.
      await registerContoh(domains);
      await simulator.fault({ path: INFO_PATH, mode: "delay", delayMs: 1_500 });

      const info = await domains.info(CONTOH);

      assert.equal(info?.domain, "contoh.co.id");
      const retries = retryEvents(events);
      assert.equal(retries.length, 1);
      assert.match(retries[0].reason, /timed out after 500 ms/);
      // The simulator logs the timed-out request once its delayed response is written.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 2);
    });

    it("does not resend a write that timed out", async () => {
      const { domains } = createClient();
      await registerContoh(domains);
      const slow = createClient({ requestTimeoutMs: 500 });
      await simulator.fault({ path: LOCK_PATH, mode: "delay", delayMs: 1_000 });

      const error = await rejectionOf(slow.domains.setLock(CONTOH, true));

      assert.ok(error instanceof IrsfaTransportError, String(error));
      assert.equal(error.maybeDelivered, true);
      assert.match(
        error.message,
        /^POST api\/rest\/v3\/domain\/lock failed: timed out after 500 ms/,
      );
      assert.deepEqual(retryEvents(slow.events), []);
      // The simulator logs the request once its delayed response is written.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(countPath(await simulator.requests(), LOCK_PATH), 1);
    });

    it("retries a refused connection up to maxAttempts", async () => {
      const port = await closedLoopbackPort();
      const { domains, events } = createClient({
        endpoint: `http://127.0.0.1:${port}`,
        retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
      });

      const error = await rejectionOf(domains.info(CONTOH));

      assert.ok(error instanceof IrsfaTransportError, String(error));
      assert.equal(error.maybeDelivered, false);
      assert.match(error.message, /ECONNREFUSED/);
      assert.equal(events.filter((event) => event.kind === "request").length, 3);
      assert.deepEqual(
        retryEvents(events).map((event) => event.attempt),
        [1, 2],
      );
    });
  });

  describe("errors", () => {
    it("names endpoint and fields of a 422", async () => {
      const { client } = createClient();

      const error = await rejectionOf(
        client.call(DOMAIN_ENDPOINTS.register, {
          domain_name: "contoh",
          domain_extension: "co.id",
          period: "two",
        }),
      );

      assert.ok(error instanceof IrsfaValidationError, String(error));
      assert.equal(error.status, 422);
      assert.equal(error.endpoint, "api/rest/v3/domain/register");
      assert.deepEqual(error.fieldErrors.period, ["The period must be an integer."]);
      assert.match(
        error.message,
        /^POST api\/rest\/v3\/domain\/register failed with HTTP 422: The given data was invalid\./,
      );
      assert.match(error.message, /period: The period must be an integer\./);
      assert.match(error.message, /email: The email field is required\./);
    });

    it("reports an HTML page as a transport error", async () => {
      const { domains } = createClient();
      await simulator.fault({ path: INFO_PATH, mode: "html", status: 500 });

      const error = await rejectionOf(domains.info(CONTOH));

      assert.ok(error instanceof IrsfaTransportError, String(error));
      assert.match(
        error.message,
        /^POST api\/rest\/v3\/domain\/info failed: HTTP 500 with a body that is not the JSON envelope/,
      );
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 1);
    });

    it("names the last status when an HTML 502 persists", async () => {
      const { domains } = createClient({
        retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
      });
      await simulator.fault({ path: INFO_PATH, mode: "html", status: 502, count: 5 });

      const error = await rejectionOf(domains.info(CONTOH));

      assert.ok(error instanceof IrsfaTransportError, String(error));
      assert.match(error.message, /HTTP 502 with a body that is not the JSON envelope/);
      assert.equal(countPath(await simulator.requests(), INFO_PATH), 2);
    });

    it("keeps secrets out of errors and events", async () => {
      const { client, domains, events } = createClient({ requestTimeoutMs: 500 });
      const errors: Error[] = [];
      const collect = (promise: Promise<unknown>) =>
        rejectionOf(promise).then((error) => errors.push(error));

      await registerContoh(domains);
      await simulator.admin("POST", "tokens/revoke");
      await domains.info(CONTOH);
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 401, count: 2 });
      await collect(domains.info(CONTOH));
      await collect(client.call(DOMAIN_ENDPOINTS.register, { domain_name: "contoh" }));
      await simulator.fault({ path: INFO_PATH, mode: "html", status: 500 });
      await collect(domains.info(CONTOH));
      await simulator.fault({ path: LOCK_PATH, mode: "drop" });
      await collect(domains.setLock(CONTOH, true));
      await simulator.fault({ path: LOCK_PATH, mode: "delay", delayMs: 1_000 });
      await collect(domains.setLock(CONTOH, false));
      const rejected = createClient({ clientSecret: `${simulator.clientSecret}-wrong` });
      await collect(rejected.domains.info(CONTOH));

      const token = (await (client as any).tokenPromise).value as string;
      assert.ok(token.length > 10, "the client holds no token");
      const texts = [
        ...errors.flatMap((error) => [
          error.message,
          String(error),
          error.stack ?? "",
          JSON.stringify(error),
        ]),
        ...[...events, ...rejected.events].map((event) => JSON.stringify(event)),
      ];
      assert.equal(errors.length, 6);
      for (const text of texts) {
        assert.ok(!text.includes(simulator.clientSecret), `the client secret appears in: ${text}`);
        assert.ok(!text.includes(token), `the token appears in: ${text}`);
      }
    });
  });

  describe("call", () => {
    it("puts GET parameters in the query string", async () => {
      const { client } = createClient();
      const endpoint = readEndpoint("GET", "api/rest/v3/domain/info");

      const error = await rejectionOf(
        client.call(endpoint, {
          domain_name: "contoh",
          domain_extension: "co.id",
          page: 2,
          unset: undefined,
        }),
      );

      assert.ok(error instanceof IrsfaApiError, String(error));
      assert.equal(error.status, 405);
      const entry = (await simulator.requests()).find((logged) => logged.method === "GET");
      assert.deepEqual(entry?.query, {
        domain_name: "contoh",
        domain_extension: "co.id",
        page: "2",
      });
    });

    it("sends POST parameters as a JSON body", async () => {
      const { domains } = createClient();

      await domains.info(CONTOH);

      const entry = (await simulator.requests()).find((logged) => logged.path === INFO_PATH);
      assert.deepEqual(entry?.query, {});
      assert.deepEqual(entry?.body, { domain_name: "contoh", domain_extension: "co.id" });
    });
  });
});

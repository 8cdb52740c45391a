import { strict as assert } from "node:assert";

import { configure, providers } from "../../provider";
import {
  DomainApi,
  IrsfaApiError,
  IrsfaAuthenticationError,
  IrsfaClient,
} from "../../provider/client";
import { normaliseDomain } from "../../provider/normalize";
import {
  TEST_REGISTRANT,
  TEST_REGISTRANT_PARAMS,
  TestSimulator,
  startTestSimulator,
} from "../support/simulator";

const domainProvider = providers.Domain;
const nameserverProvider = providers.Nameserver;

const REGISTER_PATH = "/api/rest/v3/domain/register";
const LOCK_PATH = "/api/rest/v3/domain/lock";
const INFO_PATH = "/api/rest/v3/domain/info";
const HOST_CREATE_PATH = "/api/rest/v3/domain/nameserver/create";
const HOST_DELETE_PATH = "/api/rest/v3/domain/nameserver/delete";

const NAMESERVERS = ["ns1.registeredns.id", "ns2.registeredns.id"];

/** Returns the rejection of a promise, failing the test when it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `rejected with a non-error: ${String(error)}`);
    return error as Error & Record<string, any>;
  }
  return assert.fail("expected the call to be rejected");
}

describe("providers called in-process", function () {
  this.timeout(30_000);

  let simulator: TestSimulator;
  let api: DomainApi;
  let messages: string[];
  const originalConsoleError = console.error;

  /** Runs check and fails the test on any check failure. */
  async function checked(
    provider: typeof domainProvider,
    news: Record<string, unknown>,
  ): Promise<any> {
    const result = await provider.check!({}, news);
    assert.deepEqual(result.failures, [], JSON.stringify(result.failures));
    return result.inputs;
  }

  /** Registers a domain outside the provider, as another tool would. */
  async function registerOutside(name: string, nameservers = NAMESERVERS): Promise<void> {
    const parsed = normaliseDomain(name);
    assert.ok(parsed.ok);
    await api.register(parsed.value, {
      period: 1,
      nameservers,
      description: "registered outside Pulumi",
      registrant: TEST_REGISTRANT_PARAMS,
    });
  }

  async function paths(): Promise<string[]> {
    return (await simulator.requests()).map((entry) => entry.path);
  }

  before(async () => {
    simulator = await startTestSimulator();
    const values: Record<string, string> = {
      "irsfa:endpoint": simulator.url,
      "irsfa:clientId": simulator.clientId,
      "irsfa:clientSecret": simulator.clientSecret,
      "irsfa:maxAttempts": "2",
    };
    configure({ get: (key) => values[key] });
    api = new DomainApi(
      new IrsfaClient({
        endpoint: simulator.url,
        clientId: simulator.clientId,
        clientSecret: simulator.clientSecret,
      }),
    );
  });

  beforeEach(async () => {
    await simulator.reset();
    messages = [];
    // Outside a provider host the provider's log messages go to standard error.
    console.error = (...args: unknown[]) => void messages.push(args.map(String).join(" "));
  });

  afterEach(() => {
    console.error = originalConsoleError;
  });

  after(async () => {
    await simulator?.stop();
  });

  describe("Domain create", () => {
    it("adopts a domain already in the account", async () => {
      await registerOutside("warisan.id", ["ns1.old.example.net"]);
      await simulator.clearRequests();

      const result = await domainProvider.create(
        await checked(domainProvider, { name: "Warisan.ID", nameservers: NAMESERVERS }),
      );

      assert.equal(result.id, "warisan.id");
      assert.equal(result.outs.adopted, true);
      assert.deepEqual(result.outs.nameservers, NAMESERVERS);
      assert.ok(!(await paths()).includes(REGISTER_PATH), "register was called");
      assert.ok(
        messages.some((message) =>
          message.includes(
            "warisan.id is already in the account: adopting it instead of registering it again",
          ),
        ),
        messages.join("\n"),
      );
    });

    it("registers a domain that is not in the account", async () => {
      const inputs = await checked(domainProvider, {
        name: "baru.id",
        nameservers: NAMESERVERS,
        registrant: TEST_REGISTRANT,
      });

      const result = await domainProvider.create(inputs);

      assert.equal(result.id, "baru.id");
      assert.equal(result.outs.adopted, false);
      assert.equal(result.outs.status, "Active");
      assert.equal((await paths()).filter((path) => path === REGISTER_PATH).length, 1);
    });

    it("asks for a registrant before registering", async () => {
      const inputs = await checked(domainProvider, { name: "baru.id", nameservers: NAMESERVERS });

      const error = await rejectionOf(domainProvider.create(inputs));

      assert.match(
        error.message,
        /Domain baru\.id is not in the account, so it must be registered.*set `registrant`/,
      );
      assert.ok(!(await paths()).includes(REGISTER_PATH), "register was called");
    });

    it("records a lost register response once", async () => {
      await simulator.fault({ path: REGISTER_PATH, mode: "drop" });
      const inputs = await checked(domainProvider, {
        name: "hilang.id",
        nameservers: NAMESERVERS,
        registrant: TEST_REGISTRANT,
      });

      const result = await domainProvider.create(inputs);

      assert.equal(result.id, "hilang.id");
      assert.equal(result.outs.adopted, false);
      assert.equal((await paths()).filter((path) => path === REGISTER_PATH).length, 1);
      assert.ok(
        messages.some((message) =>
          message.includes("the registration response was lost, but the domain is in the account"),
        ),
        messages.join("\n"),
      );
    });

    it("keeps id and properties on a failed follow-up", async () => {
      await simulator.fault({ path: LOCK_PATH, mode: "status", status: 500 });
      const inputs = await checked(domainProvider, {
        name: "kunci.id",
        nameservers: NAMESERVERS,
        locked: true,
        registrant: TEST_REGISTRANT,
      });

      const error = await rejectionOf(domainProvider.create(inputs));

      assert.equal(error.id, "kunci.id");
      assert.equal(error.properties.name, "kunci.id");
      assert.deepEqual(error.properties.nameservers, NAMESERVERS);
      assert.equal(error.properties.status, "Active");
      assert.match(
        error.message,
        /Domain kunci\.id is registered, but setting its nameservers or lock failed: .*HTTP 500/,
      );
      assert.match(error.message, /Run `pulumi up` again to finish/);
      assert.deepEqual(error.reasons, [error.message]);
      assert.equal((await paths()).filter((path) => path === REGISTER_PATH).length, 1);
    });
  });

  describe("Domain read", () => {
    async function createDomain(name: string): Promise<{ id: string; outs: any }> {
      const inputs = await checked(domainProvider, {
        name,
        nameservers: NAMESERVERS,
        registrant: TEST_REGISTRANT,
      });
      return domainProvider.create(inputs);
    }

    it("returns no id for a domain that is gone", async () => {
      const { id, outs } = await createDomain("pergi.id");
      await simulator.admin("POST", "domains/change", { domain: "pergi.id", remove: true });

      const result = await domainProvider.read!(id, outs);

      assert.equal(result.id, undefined);
    });

    it("returns inputs that diff as unchanged", async () => {
      const { id, outs } = await createDomain("tetap.id");

      const result = await domainProvider.read!(id, outs);
      const news = await checked(domainProvider, result.inputs);
      const diff = await domainProvider.diff!(id, result.props, news);

      assert.equal(result.id, "tetap.id");
      assert.equal(diff.changes, false);
    });

    it("shows nameserver drift as a change", async () => {
      const { id, outs } = await createDomain("geser.id");
      await simulator.admin("POST", "domains/change", {
        domain: "geser.id",
        nameservers: ["ns1.parking.example.net"],
      });

      const result = await domainProvider.read!(id, outs);
      const declared = await checked(domainProvider, {
        name: "geser.id",
        nameservers: NAMESERVERS,
      });
      const diff = await domainProvider.diff!(id, result.props, declared);

      assert.deepEqual(result.props.nameservers, ["ns1.parking.example.net"]);
      assert.equal(diff.changes, true);
    });

    it("throws on a 503, not gone", async () => {
      const { id, outs } = await createDomain("sibuk.id");
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 503, count: 5 });

      const error = await rejectionOf(domainProvider.read!(id, outs));

      assert.ok(error instanceof IrsfaApiError, String(error));
      assert.equal(error.status, 503);
    });

    it("throws on a 401 after refresh, not gone", async () => {
      const { id, outs } = await createDomain("tolak.id");
      await simulator.fault({ path: INFO_PATH, mode: "status", status: 401, count: 2 });

      const error = await rejectionOf(domainProvider.read!(id, outs));

      assert.ok(error instanceof IrsfaAuthenticationError, String(error));
    });
  });

  describe("Nameserver", () => {
    const HOST = { host: "ns1.induk.id", ipv4: "192.0.2.10", ipv6: "2001:db8::10" };

    beforeEach(async () => {
      await registerOutside("induk.id");
    });

    it("adopts an identical existing host on create", async () => {
      await api.createHost(HOST.host, HOST.ipv4, "2001:DB8:0:0:0:0:0:10");
      const existing = await api.getHost(HOST.host);
      await simulator.clearRequests();

      const result = await nameserverProvider.create(await checked(nameserverProvider, HOST));

      assert.equal(result.id, "ns1.induk.id");
      assert.equal(result.outs.hostId, existing?.id);
      assert.equal(result.outs.ipv6, "2001:db8::10");
      assert.ok(!(await paths()).includes(HOST_CREATE_PATH), "nameserver/create was called");
    });

    it("names both address sets when an existing host differs", async () => {
      await api.createHost(HOST.host, "192.0.2.99", "");

      const error = await rejectionOf(
        nameserverProvider.create(await checked(nameserverProvider, HOST)),
      );

      assert.match(
        error.message,
        /Nameserver ns1\.induk\.id already exists with ipv4 192\.0\.2\.99 and ipv6 \(none\)/,
      );
      assert.match(error.message, /but ipv4 192\.0\.2\.10 and ipv6 2001:db8::10 were declared/);
    });

    it("creates a host that does not exist", async () => {
      const result = await nameserverProvider.create(await checked(nameserverProvider, HOST));

      const live = await api.getHost(HOST.host);
      assert.equal(result.outs.hostId, live?.id);
      assert.equal(live?.ipv4, "192.0.2.10");
    });

    it("deletes a host that is already gone", async () => {
      const { outs } = await nameserverProvider.create(await checked(nameserverProvider, HOST));
      await simulator.admin("POST", "hosts/change", { host: HOST.host, remove: true });
      await simulator.clearRequests();

      await nameserverProvider.delete!(HOST.host, outs);

      assert.ok(!(await paths()).includes(HOST_DELETE_PATH), "nameserver/delete was called");
    });

    it("deletes by name when the stored id is stale", async () => {
      const { outs } = await nameserverProvider.create(await checked(nameserverProvider, HOST));
      await simulator.admin("POST", "hosts/change", { host: HOST.host, remove: true });
      await api.createHost(HOST.host, HOST.ipv4, HOST.ipv6);
      const recreated = await api.getHost(HOST.host);
      assert.notEqual(recreated?.id, outs.hostId);
      await simulator.clearRequests();

      await nameserverProvider.delete!(HOST.host, outs);

      assert.equal(await api.getHost(HOST.host), undefined);
      const deletes = (await simulator.requests()).filter(
        (entry) => entry.path === HOST_DELETE_PATH,
      );
      assert.equal(deletes.length, 1);
      assert.equal((deletes[0].body as any).nameserver_id, recreated?.id);
    });

    it("returns no id on read of a host that is gone", async () => {
      const { outs } = await nameserverProvider.create(await checked(nameserverProvider, HOST));
      await simulator.admin("POST", "hosts/change", { host: HOST.host, remove: true });

      const result = await nameserverProvider.read!(HOST.host, outs);

      assert.equal(result.id, undefined);
    });
  });
});

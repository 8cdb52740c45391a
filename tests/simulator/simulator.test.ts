import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  RunningSimulator,
  startSimulator,
} from "../../simulator";
import { TEST_REGISTRANT_PARAMS, TestSimulator, startTestSimulator } from "../support/simulator";

/** An API response: HTTP status and the parsed envelope. */
interface ApiResponse {
  status: number;
  body: any;
}

/** Fetches an access token from a simulator. */
async function fetchToken(url: string): Promise<string> {
  const response = await send(url, "POST", "api/oauth/token", {
    grant_type: "client_credentials",
    client_id: DEFAULT_CLIENT_ID,
    client_secret: DEFAULT_CLIENT_SECRET,
    scope: "",
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.access_token;
}

/** Sends a JSON request with the headers the API documents. */
async function send(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<ApiResponse> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "Content-Type": "application/json",
    "X-Requested-With": "XMLHttpRequest",
  };
  if (token !== undefined) {
    headers.Authorization = `Bearer ${token}`;
  }
  const raw = await fetch(`${url}/${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: raw.status, body: await raw.json() };
}

function registration(name: string, extension: string): Record<string, unknown> {
  return {
    domain_name: name,
    domain_extension: extension,
    period: 1,
    nameserver: ["ns1.example.net", "ns2.example.net"],
    description: "simulator test",
    ...TEST_REGISTRANT_PARAMS,
  };
}

describe("simulator", function () {
  this.timeout(30_000);

  describe("state file", () => {
    let folder: string;
    let running: RunningSimulator | undefined;

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), "irsfa-sim-restart-"));
    });

    afterEach(async () => {
      await running?.close();
      running = undefined;
      rmSync(folder, { recursive: true, force: true });
    });

    it("keeps domains, hosts and tokens across a restart", async () => {
      const dataFile = join(folder, "state.json");
      running = await startSimulator({ dataFile });
      const token = await fetchToken(running.url);
      assert.equal(
        (
          await send(
            running.url,
            "POST",
            "api/rest/v3/domain/register",
            registration("tetap", "id"),
            token,
          )
        ).status,
        200,
      );
      const host = { host: "ns1.tetap.id", ipv4: "192.0.2.10", ipv6: "" };
      assert.equal(
        (await send(running.url, "POST", "api/rest/v3/domain/nameserver/create", host, token))
          .status,
        200,
      );
      await running.close();

      running = await startSimulator({ dataFile });
      const info = await send(
        running.url,
        "POST",
        "api/rest/v3/domain/info",
        { domain_name: "tetap", domain_extension: "id" },
        token,
      );
      const glue = await send(
        running.url,
        "POST",
        "api/rest/v3/domain/nameserver/get",
        { host: "ns1.tetap.id" },
        token,
      );

      assert.equal(info.status, 200);
      assert.equal(info.body.data.domain, "tetap.id");
      assert.deepEqual(info.body.data.nameserver, ["ns1.example.net", "ns2.example.net"]);
      assert.equal(glue.status, 200);
      assert.equal(glue.body.data.ipv4, "192.0.2.10");
    });

    it("starts fresh without a data file", async () => {
      running = await startSimulator({ dataFile: join(folder, "missing", "state.json") });

      assert.deepEqual(running.store.state.domains, {});
      assert.ok(running.store.state.foreignDomains["taken.co.id"]);
    });
  });

  describe("API", () => {
    let simulator: TestSimulator;
    let token: string;

    before(async () => {
      simulator = await startTestSimulator();
    });

    beforeEach(async () => {
      await simulator.reset();
      token = await fetchToken(simulator.url);
    });

    after(async () => {
      await simulator?.stop();
    });

    it("returns 422 per missing field", async () => {
      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        { domain_name: "baru" },
        token,
      );

      assert.equal(response.status, 422);
      assert.equal(response.body.code, 422);
      assert.equal(response.body.message, "The given data was invalid.");
      assert.deepEqual(response.body.error.domain_extension, [
        "The domain extension field is required.",
      ]);
      assert.deepEqual(response.body.error.period, ["The period field is required."]);
      assert.deepEqual(response.body.error.email, ["The email field is required."]);
      assert.equal(response.body.error.domain_name, undefined);
    });

    it("returns 422 per mistyped field", async () => {
      const body = {
        ...registration("baru", "id"),
        period: "two",
        nameserver: "ns1.example.net",
        number: 1.5,
        gender: "X",
      };

      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        body,
        token,
      );

      assert.equal(response.status, 422);
      assert.deepEqual(response.body.error.period, ["The period must be an integer."]);
      assert.deepEqual(response.body.error.nameserver, [
        "The nameserver must be an array of strings.",
      ]);
      assert.deepEqual(response.body.error.number, ["The number must be an integer."]);
      assert.deepEqual(response.body.error.gender, ["The selected gender is invalid."]);
      assert.deepEqual(Object.keys(response.body.error).sort(), [
        "gender",
        "nameserver",
        "number",
        "period",
      ]);
    });

    it("rejects registering a domain taken elsewhere", async () => {
      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("taken", "co.id"),
        token,
      );

      assert.equal(response.status, 422);
      assert.deepEqual(response.body.error.domain_name, [
        "The domain taken.co.id is not available for registration.",
      ]);
      const state = await simulator.admin("GET", "state");
      assert.equal(state.domains["taken.co.id"], undefined);
    });

    it("rejects registering a domain twice", async () => {
      await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("dua", "id"),
        token,
      );

      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("dua", "id"),
        token,
      );

      assert.equal(response.status, 422);
      assert.match(response.body.error.domain_name[0], /dua\.id is not available/);
    });

    it("rejects a glue host outside the account's domains", async () => {
      await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("punya", "id"),
        token,
      );
      const host = { host: "ns1.lain.id", ipv4: "192.0.2.10", ipv6: "" };

      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/nameserver/create",
        host,
        token,
      );

      assert.equal(response.status, 422);
      assert.deepEqual(response.body.error.host, [
        "The host ns1.lain.id must be under a domain in your account.",
      ]);
    });

    it("creates a glue host under a domain in the account", async () => {
      await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("punya", "id"),
        token,
      );
      const host = { host: "NS1.punya.id", ipv4: "192.0.2.10", ipv6: "2001:db8::10" };

      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/nameserver/create",
        host,
        token,
      );

      assert.equal(response.status, 200);
      assert.equal(response.body.data.host, "ns1.punya.id");
      assert.equal(response.body.data.domain, "punya.id");
    });

    it("rejects an unknown token with 401", async () => {
      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/info",
        { domain_name: "contoh", domain_extension: "id" },
        "not-a-token",
      );

      assert.equal(response.status, 401);
      assert.equal(response.body.message, "Unauthenticated.");
    });

    it("rejects a missing token with 401", async () => {
      const response = await send(simulator.url, "POST", "api/rest/v3/domain/info", {
        domain_name: "contoh",
        domain_extension: "id",
      });

      assert.equal(response.status, 401);
    });

    it("rejects a revoked token with 401", async () => {
      await simulator.admin("POST", "tokens/revoke");

      const response = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/info",
        { domain_name: "contoh", domain_extension: "id" },
        token,
      );

      assert.equal(response.status, 401);
    });

    it("redacts secrets in the request log", async () => {
      const body = {
        domain_name: "contoh",
        password: "Pass!!word1",
        epp: "EPP-CODE-1",
        auth_code: "AUTH-CODE-1",
        nested: { root_password: "Root!!pass2", keep: "visible" },
      };
      await send(simulator.url, "POST", "api/rest/v3/domain/transfer", body, token);

      const log = await simulator.requests();
      const text = JSON.stringify(log);
      const tokenEntry = log.find((entry) => entry.path === "/api/oauth/token");
      const transferEntry = log.find((entry) => entry.path === "/api/rest/v3/domain/transfer");

      assert.equal((tokenEntry?.body as any).client_secret, "[redacted]");
      assert.equal((tokenEntry?.body as any).client_id, DEFAULT_CLIENT_ID);
      assert.equal((transferEntry?.body as any).password, "[redacted]");
      assert.equal((transferEntry?.body as any).epp, "[redacted]");
      assert.equal((transferEntry?.body as any).auth_code, "[redacted]");
      assert.equal((transferEntry?.body as any).nested.root_password, "[redacted]");
      assert.equal((transferEntry?.body as any).nested.keep, "visible");
      for (const secret of [
        DEFAULT_CLIENT_SECRET,
        "Pass!!word1",
        "EPP-CODE-1",
        "AUTH-CODE-1",
        "Root!!pass2",
        token,
      ]) {
        assert.ok(!text.includes(secret), `${secret} appears in the request log`);
      }
    });

    it("redacts secrets in logged query strings", async () => {
      await fetch(
        `${simulator.url}/api/rest/v3/domain/info?password=Query!!pw1&domain_name=contoh`,
        {
          headers: { Authorization: `Bearer ${token}` },
        },
      );

      const entry = (await simulator.requests()).find((logged) => logged.method === "GET");

      assert.deepEqual(entry?.query, { password: "[redacted]", domain_name: "contoh" });
      assert.ok(!JSON.stringify(entry).includes("Query!!pw1"));
    });

    it("makes drift through admin domains/change", async () => {
      await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("geser", "id"),
        token,
      );

      await simulator.admin("POST", "domains/change", {
        domain: "geser.id",
        nameservers: ["NS1.Parking.example.net"],
        locked: true,
      });
      const info = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/info",
        { domain_name: "geser", domain_extension: "id" },
        token,
      );

      assert.deepEqual(info.body.data.nameserver, ["ns1.parking.example.net"]);
      assert.equal(info.body.data.lock_status, 1);
    });

    it("removes a domain through admin domains/change", async () => {
      await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/register",
        registration("hilang", "id"),
        token,
      );

      await simulator.admin("POST", "domains/change", { domain: "hilang.id", remove: true });
      const info = await send(
        simulator.url,
        "POST",
        "api/rest/v3/domain/info",
        { domain_name: "hilang", domain_extension: "id" },
        token,
      );

      assert.equal(info.status, 404);
    });

    it("does not log admin requests", async () => {
      await simulator.admin("GET", "state");

      const log = await simulator.requests();

      assert.deepEqual(
        log.map((entry) => entry.path),
        ["/api/oauth/token"],
      );
    });
  });
});

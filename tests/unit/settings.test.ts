import { strict as assert } from "node:assert";

import {
  PRODUCTION_ENDPOINT,
  ProviderConfigError,
  ProviderSettings,
  resolveSettings,
} from "../../provider/settings";

const CREDENTIALS = { "irsfa:clientId": "config-id", "irsfa:clientSecret": "config-secret" };

/** Resolves settings from a configuration map and an environment, with nothing from the process. */
function resolve(
  config: Record<string, string>,
  env: Record<string, string> = {},
): ProviderSettings {
  return resolveSettings((key) => config[key], env);
}

/** Returns the message of the ProviderConfigError that resolving these settings throws. */
function configErrorOf(config: Record<string, string>, env: Record<string, string> = {}): string {
  try {
    resolve(config, env);
  } catch (error) {
    assert.ok(
      error instanceof ProviderConfigError,
      `expected a ProviderConfigError, got ${String(error)}`,
    );
    return error.message;
  }
  return assert.fail("expected the settings to be rejected");
}

describe("settings", () => {
  describe("resolveSettings", () => {
    it("prefers configuration over the environment", () => {
      const settings = resolve(
        {
          ...CREDENTIALS,
          "irsfa:endpoint": "https://config.example.net",
          "irsfa:maxAttempts": "7",
        },
        {
          IRSFA_CLIENT_ID: "env-id",
          IRSFA_CLIENT_SECRET: "env-secret",
          IRSFA_ENDPOINT: "https://env.example.net",
          IRSFA_MAX_ATTEMPTS: "2",
        },
      );

      assert.equal(settings.clientId, "config-id");
      assert.equal(settings.clientSecret, "config-secret");
      assert.equal(settings.endpoint, "https://config.example.net");
      assert.equal(settings.maxAttempts, 7);
    });

    it("falls back to the environment", () => {
      const settings = resolve(
        {},
        {
          IRSFA_CLIENT_ID: "env-id",
          IRSFA_CLIENT_SECRET: "env-secret",
          IRSFA_ENDPOINT: "https://env.example.net/",
          IRSFA_REQUEST_TIMEOUT_MS: "1500",
          IRSFA_MAX_ATTEMPTS: "2",
          IRSFA_OPERATION_TIMEOUT_MS: "9000",
        },
      );

      assert.equal(settings.clientId, "env-id");
      assert.equal(settings.clientSecret, "env-secret");
      assert.equal(settings.endpoint, "https://env.example.net");
      assert.equal(settings.requestTimeoutMs, 1500);
      assert.equal(settings.maxAttempts, 2);
      assert.equal(settings.operationTimeoutMs, 9000);
    });

    it("treats a blank configuration value as unset", () => {
      const settings = resolve(
        { ...CREDENTIALS, "irsfa:endpoint": "  " },
        { IRSFA_ENDPOINT: "https://env.example.net" },
      );

      assert.equal(settings.endpoint, "https://env.example.net");
    });

    it("defaults to the production endpoint", () => {
      const settings = resolve(CREDENTIALS);

      assert.equal(settings.endpoint, PRODUCTION_ENDPOINT);
      assert.equal(settings.endpoint, "https://api6.irsfa.id");
    });

    it("fills in the documented defaults", () => {
      const settings = resolve(CREDENTIALS);

      assert.equal(settings.requestTimeoutMs, 30_000);
      assert.equal(settings.maxAttempts, 4);
      assert.equal(settings.operationTimeoutMs, 600_000);
    });

    it("says how to set a missing clientId", () => {
      const message = configErrorOf({ "irsfa:clientSecret": "config-secret" });

      assert.match(message, /irsfa:clientId is not set/);
      assert.match(message, /pulumi config set irsfa:clientId <value>/);
      assert.match(message, /IRSFA_CLIENT_ID/);
    });

    it("says how to set a missing clientSecret as a secret", () => {
      const message = configErrorOf({ "irsfa:clientId": "config-id" });

      assert.match(message, /irsfa:clientSecret is not set/);
      assert.match(message, /pulumi config set --secret irsfa:clientSecret <value>/);
      assert.match(message, /IRSFA_CLIENT_SECRET/);
    });

    it("rejects plain HTTP to a non-loopback host", () => {
      const message = configErrorOf({
        ...CREDENTIALS,
        "irsfa:endpoint": "http://api2.sandbox.irsfa.id",
      });

      assert.match(message, /"http:\/\/api2\.sandbox\.irsfa\.id"/);
      assert.match(message, /unencrypted/);
      assert.match(message, /irsfa:allowInsecureHttp/);
    });

    it("never puts the client secret in a rejection", () => {
      const message = configErrorOf({
        ...CREDENTIALS,
        "irsfa:endpoint": "http://api2.sandbox.irsfa.id",
      });

      assert.ok(!message.includes("config-secret"), message);
    });

    it("allows plain HTTP when allowInsecureHttp is true", () => {
      const settings = resolve({
        ...CREDENTIALS,
        "irsfa:endpoint": "http://api2.sandbox.irsfa.id",
        "irsfa:allowInsecureHttp": "true",
      });

      assert.equal(settings.endpoint, "http://api2.sandbox.irsfa.id");
    });

    it("reads allowInsecureHttp from the environment", () => {
      const settings = resolve(
        { ...CREDENTIALS, "irsfa:endpoint": "http://api2.sandbox.irsfa.id" },
        { IRSFA_ALLOW_INSECURE_HTTP: "1" },
      );

      assert.equal(settings.endpoint, "http://api2.sandbox.irsfa.id");
    });

    for (const endpoint of [
      "http://127.0.0.1:8080",
      "http://localhost:9000",
      "http://[::1]:9000",
      "http://127.10.0.2",
    ]) {
      it(`allows plain HTTP to loopback ${endpoint}`, () => {
        assert.equal(resolve({ ...CREDENTIALS, "irsfa:endpoint": endpoint }).endpoint, endpoint);
      });
    }

    it("rejects an endpoint that is not a URL", () => {
      const message = configErrorOf({ ...CREDENTIALS, "irsfa:endpoint": "api6.irsfa.id" });

      assert.match(message, /irsfa:endpoint is invalid: "api6\.irsfa\.id" is not a URL/);
    });

    it("rejects a scheme other than http and https", () => {
      const message = configErrorOf({ ...CREDENTIALS, "irsfa:endpoint": "ftp://api6.irsfa.id" });

      assert.match(message, /"ftp:\/\/api6\.irsfa\.id" must use https:\/\//);
    });

    it("rejects a malformed allowInsecureHttp", () => {
      const message = configErrorOf({ ...CREDENTIALS, "irsfa:allowInsecureHttp": "maybe" });

      assert.match(message, /irsfa:allowInsecureHttp is "maybe"; expected true or false/);
    });

    const malformedNumbers = [
      { key: "irsfa:maxAttempts", value: "three" },
      { key: "irsfa:maxAttempts", value: "0" },
      { key: "irsfa:requestTimeoutMs", value: "1.5" },
      { key: "irsfa:requestTimeoutMs", value: "-100" },
      { key: "irsfa:operationTimeoutMs", value: "10m" },
    ];
    for (const { key, value } of malformedNumbers) {
      it(`rejects ${key} "${value}"`, () => {
        const message = configErrorOf({ ...CREDENTIALS, [key]: value });

        assert.ok(message.includes(`${key} is "${value}"`), message);
        assert.match(message, /expected a positive whole number/);
      });
    }
  });
});

/** Base URL of the production API. */
export const PRODUCTION_ENDPOINT = "https://api6.irsfa.id";

/** Base URL of the sandbox API, which is served over plain HTTP. */
export const SANDBOX_ENDPOINT = "http://api2.sandbox.irsfa.id";

/** Connection settings of the provider, read from stack configuration with environment fallbacks. */
export interface ProviderSettings {
  /** Base URL of the API. Defaults to {@link PRODUCTION_ENDPOINT}. */
  endpoint: string;
  /** OAuth2 client id (`irsfa:clientId` or `IRSFA_CLIENT_ID`). */
  clientId: string;
  /** OAuth2 client secret (`irsfa:clientSecret` or `IRSFA_CLIENT_SECRET`). */
  clientSecret: string;
  /** Timeout of one HTTP attempt in milliseconds. Defaults to 30000. */
  requestTimeoutMs: number;
  /** Attempts per API call, the first included. Defaults to 4. */
  maxAttempts: number;
  /**
   * Time one resource operation (create, read, update, delete) may take, retries included, in
   * milliseconds. Defaults to 600000. The dynamic provider host ignores `customTimeouts`, so the
   * provider enforces this itself.
   */
  operationTimeoutMs: number;
}

/** Reads one configuration value by its full key, e.g. `irsfa:endpoint`. */
export type ConfigReader = (key: string) => string | undefined;

/** The configuration keys, each with the environment variable consulted when the key is unset. */
export const CONFIG_KEYS = {
  clientId: { key: "irsfa:clientId", env: "IRSFA_CLIENT_ID" },
  clientSecret: { key: "irsfa:clientSecret", env: "IRSFA_CLIENT_SECRET" },
  endpoint: { key: "irsfa:endpoint", env: "IRSFA_ENDPOINT" },
  allowInsecureHttp: { key: "irsfa:allowInsecureHttp", env: "IRSFA_ALLOW_INSECURE_HTTP" },
  requestTimeoutMs: { key: "irsfa:requestTimeoutMs", env: "IRSFA_REQUEST_TIMEOUT_MS" },
  maxAttempts: { key: "irsfa:maxAttempts", env: "IRSFA_MAX_ATTEMPTS" },
  operationTimeoutMs: { key: "irsfa:operationTimeoutMs", env: "IRSFA_OPERATION_TIMEOUT_MS" },
} as const;

/** Settings are invalid or incomplete; the message names the key and how to set it. */
export class ProviderConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderConfigError";
  }
}

/**
 * Resolves the provider settings from stack configuration, falling back to the environment.
 * Throws a {@link ProviderConfigError} for a missing credential, a malformed number or an
 * insecure endpoint.
 */
export function resolveSettings(
  config: ConfigReader,
  env: NodeJS.ProcessEnv = process.env,
): ProviderSettings {
  const read = (name: keyof typeof CONFIG_KEYS): string | undefined => {
    const { key, env: variable } = CONFIG_KEYS[name];
    return nonBlank(config(key)) ?? nonBlank(env[variable]);
  };

  const endpoint = (read("endpoint") ?? PRODUCTION_ENDPOINT).replace(/\/+$/, "");
  checkEndpoint(endpoint, parseBoolean(read("allowInsecureHttp"), "allowInsecureHttp"));

  return {
    endpoint,
    clientId: requireSetting(read("clientId"), "clientId"),
    clientSecret: requireSetting(read("clientSecret"), "clientSecret", true),
    requestTimeoutMs: parsePositiveInteger(read("requestTimeoutMs"), "requestTimeoutMs", 30_000),
    maxAttempts: parsePositiveInteger(read("maxAttempts"), "maxAttempts", 4),
    operationTimeoutMs: parsePositiveInteger(
      read("operationTimeoutMs"),
      "operationTimeoutMs",
      600_000,
    ),
  };
}

/** Rejects plain HTTP to a host other than loopback unless insecure HTTP is allowed. */
export function checkEndpoint(endpoint: string, allowInsecureHttp: boolean): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ProviderConfigError(
      `${CONFIG_KEYS.endpoint.key} is invalid: "${endpoint}" is not a URL; expected e.g. "${PRODUCTION_ENDPOINT}"`,
    );
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ProviderConfigError(
      `${CONFIG_KEYS.endpoint.key} is invalid: "${endpoint}" must use https:// (or http:// for the sandbox)`,
    );
  }

  if (url.protocol === "http:" && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new ProviderConfigError(
      `${CONFIG_KEYS.endpoint.key} is "${endpoint}", plain HTTP to a non-loopback host, which would send ` +
        `the client secret and tokens unencrypted. Use https://, or set ${CONFIG_KEYS.allowInsecureHttp.key} ` +
        `to true (e.g. for the sandbox at ${SANDBOX_ENDPOINT}).`,
    );
  }
}

/** Returns true for localhost, 127.0.0.0/8 and ::1. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Returns the trimmed value, or undefined for an unset or blank one. */
function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function requireSetting(
  value: string | undefined,
  name: keyof typeof CONFIG_KEYS,
  secret = false,
): string {
  if (value !== undefined) {
    return value;
  }
  const { key, env } = CONFIG_KEYS[name];
  const setCommand = `pulumi config set ${secret ? "--secret " : ""}${key} <value>`;
  throw new ProviderConfigError(`${key} is not set: run \`${setCommand}\` or set ${env}`);
}

function parseBoolean(value: string | undefined, name: keyof typeof CONFIG_KEYS): boolean {
  if (value === undefined) {
    return false;
  }
  if (/^(true|1|yes)$/i.test(value)) {
    return true;
  }
  if (/^(false|0|no)$/i.test(value)) {
    return false;
  }
  throw new ProviderConfigError(`${CONFIG_KEYS[name].key} is "${value}"; expected true or false`);
}

function parsePositiveInteger(
  value: string | undefined,
  name: keyof typeof CONFIG_KEYS,
  fallback: number,
): number {
  if (value === undefined) {
    return fallback;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new ProviderConfigError(
      `${CONFIG_KEYS[name].key} is "${value}"; expected a positive whole number`,
    );
  }
  return number;
}

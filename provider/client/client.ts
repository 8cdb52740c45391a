import {
  FieldErrors,
  GENERAL_ERRORS,
  IrsfaAuthenticationError,
  IrsfaError,
  IrsfaTransportError,
  apiErrorFor,
} from "./errors";
import {
  DEFAULT_RETRY_POLICY,
  RetryPolicy,
  backoffDelayMs,
  parseRetryAfterMs,
  sleep,
} from "./retry";

/** HTTP method of an endpoint. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** One API endpoint: its method, its path under the base URL, and whether a call to it is a read. */
export interface Endpoint {
  readonly method: HttpMethod;
  readonly path: string;
  /**
   * True for calls without side effects (info, detail, get, list, product). Only these are retried
   * after a timeout or a reset, because a call that orders or charges may already have gone through.
   */
  readonly isRead: boolean;
}

/** Declares an endpoint without side effects. */
export function readEndpoint(method: HttpMethod, path: string): Endpoint {
  return { method, path, isRead: true };
}

/** Declares an endpoint that changes, orders or charges something. */
export function writeEndpoint(method: HttpMethod, path: string): Endpoint {
  return { method, path, isRead: false };
}

/** Event the client reports through {@link IrsfaClientOptions.onEvent}. It never carries a secret. */
export type ClientEvent =
  | { kind: "request"; method: string; path: string; attempt: number }
  | { kind: "response"; method: string; path: string; attempt: number; status: number }
  | {
      kind: "retry";
      method: string;
      path: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | { kind: "token"; reason: "initial" | "expired" | "rejected" };

/** Settings of an {@link IrsfaClient}. */
export interface IrsfaClientOptions {
  /** Base URL of the API, e.g. `https://api6.irsfa.id`. */
  endpoint: string;
  /** OAuth2 client id. */
  clientId: string;
  /** OAuth2 client secret. */
  clientSecret: string;
  /** Timeout of one HTTP attempt in milliseconds. Defaults to 30000. */
  requestTimeoutMs?: number;
  /** Retry settings; see {@link RetryPolicy}. */
  retry?: Partial<RetryPolicy>;
  /** Receives request, response, retry and token events, e.g. to log them at debug level. */
  onEvent?: (event: ClientEvent) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** Epoch milliseconds after which no further attempt starts and a running one is cut short. */
  deadline?: number;
  /** Multipart body to send instead of JSON (document uploads). */
  form?: FormData;
}

const API_HEADERS = {
  Accept: "application/json",
  "X-Requested-With": "XMLHttpRequest",
};

const TOKEN_PATH = "api/oauth/token";

/** Milliseconds before a token's stated expiry at which a new one is fetched. */
const TOKEN_EXPIRY_MARGIN_MS = 60_000;

const RETRYABLE_FOR_ALL = new Set([429, 502, 503]);

interface CachedToken {
  value: string;
  expiresAt: number;
}

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * Typed HTTP client for the Irsfa reseller API v3. It fetches and caches the OAuth2 token, sends the
 * documented headers, checks the `{ code, message, data | error }` envelope, and retries what is
 * safe to retry. It has no Pulumi dependency.
 */
export class IrsfaClient {
  private readonly baseUrl: string;
  private readonly requestTimeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private tokenPromise: Promise<CachedToken> | undefined;

  constructor(private readonly options: IrsfaClientOptions) {
    this.baseUrl = options.endpoint.replace(/\/+$/, "");
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** Calls an endpoint and returns the envelope's `data`. GET parameters go in the query string. */
  async call<T = unknown>(
    endpoint: Endpoint,
    params: Record<string, unknown> = {},
    callOptions: CallOptions = {},
  ): Promise<T> {
    const token = await this.token(callOptions.deadline);
    try {
      return await this.callWithToken<T>(endpoint, params, callOptions, token);
    } catch (error) {
      if (!(error instanceof IrsfaAuthenticationError)) {
        throw error;
      }

      // A 401 means the token was revoked or expired early: fetch a new one once and try again.
      const fresh = await this.refreshToken(token, callOptions.deadline);
      return this.callWithToken<T>(endpoint, params, callOptions, fresh);
    }
  }

  private async callWithToken<T>(
    endpoint: Endpoint,
    params: Record<string, unknown>,
    callOptions: CallOptions,
    token: CachedToken,
  ): Promise<T> {
    const response = await this.send(endpoint, params, callOptions, {
      Authorization: `Bearer ${token.value}`,
    });
    return parseEnvelope<T>(endpoint, response);
  }

  private async token(deadline: number | undefined): Promise<CachedToken> {
    const cached = this.tokenPromise;
    if (cached) {
      const token = await cached;
      if (token.expiresAt - TOKEN_EXPIRY_MARGIN_MS > Date.now()) {
        return token;
      }
      return this.refreshToken(token, deadline, "expired");
    }

    this.options.onEvent?.({ kind: "token", reason: "initial" });
    return this.startTokenFetch(deadline);
  }

  private async refreshToken(
    stale: CachedToken,
    deadline: number | undefined,
    reason: "expired" | "rejected" = "rejected",
  ): Promise<CachedToken> {
    // Callers that saw the same stale token share one fetch; a newer token is returned as it is.
    const current = this.tokenPromise ? await this.tokenPromise.catch(() => undefined) : undefined;
    if (current && current.value !== stale.value) {
      return current;
    }

    this.options.onEvent?.({ kind: "token", reason });
    return this.startTokenFetch(deadline);
  }

  private startTokenFetch(deadline: number | undefined): Promise<CachedToken> {
    const promise = this.fetchToken(deadline);
    this.tokenPromise = promise;
    promise.catch(() => {
      if (this.tokenPromise === promise) {
        this.tokenPromise = undefined;
      }
    });
    return promise;
  }

  private async fetchToken(deadline: number | undefined): Promise<CachedToken> {
    const endpoint = readEndpoint("POST", TOKEN_PATH);
    const body = {
      grant_type: "client_credentials",
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      scope: "",
    };
    const response = await this.send(endpoint, body, { deadline }, {});
    const parsed = parseJson(response.text);
    const record = isRecord(parsed) ? parsed : {};

    if (response.status >= 400 || typeof record.access_token !== "string") {
      const apiMessage = stringOr(
        record.message,
        stringOr(record.error, "no access_token in response"),
      );
      throw new IrsfaAuthenticationError(
        endpoint.method,
        endpoint.path,
        response.status,
        numberOrUndefined(record.code),
        `token request rejected: ${apiMessage}; check irsfa:clientId and irsfa:clientSecret (or IRSFA_CLIENT_ID and IRSFA_CLIENT_SECRET)`,
        {},
      );
    }

    const expiresInSeconds = Number(record.expires_in);
    const lifetimeMs =
      Number.isFinite(expiresInSeconds) && expiresInSeconds > 0
        ? expiresInSeconds * 1000
        : 3_600_000;
    return { value: record.access_token, expiresAt: Date.now() + lifetimeMs };
  }

  private async send(
    endpoint: Endpoint,
    params: Record<string, unknown>,
    callOptions: CallOptions,
    extraHeaders: Record<string, string>,
  ): Promise<RawResponse> {
    const { method, path } = endpoint;
    for (let attempt = 1; ; attempt++) {
      this.options.onEvent?.({ kind: "request", method, path, attempt });
      const outcome = await this.attempt(endpoint, params, callOptions, extraHeaders);

      const retry = this.retryDecision(endpoint, outcome, attempt, callOptions.deadline);
      if (retry === undefined) {
        if (outcome instanceof IrsfaError) {
          throw outcome;
        }
        this.options.onEvent?.({ kind: "response", method, path, attempt, status: outcome.status });
        return outcome;
      }

      this.options.onEvent?.({ kind: "retry", method, path, attempt, ...retry });
      await sleep(retry.delayMs);
    }
  }

  /**
   * Decides whether a failed attempt is retried. Returns the delay and reason, or undefined to stop
   * and report the outcome as it is.
   */
  private retryDecision(
    endpoint: Endpoint,
    outcome: RawResponse | IrsfaTransportError,
    attempt: number,
    deadline: number | undefined,
  ): { delayMs: number; reason: string } | undefined {
    if (attempt >= this.retryPolicy.maxAttempts) {
      return undefined;
    }

    let reason: string;
    let delayMs = backoffDelayMs(this.retryPolicy, attempt);
    if (outcome instanceof IrsfaTransportError) {
      // A failure after the request was sent may have taken effect: only reads are sent again.
      if (outcome.maybeDelivered && !endpoint.isRead) {
        return undefined;
      }
      reason = outcome.message;
    } else if (RETRYABLE_FOR_ALL.has(outcome.status)) {
      // 429, 502 and 503 mean the API did not process the request, so any call may be sent again.
      reason = `HTTP ${outcome.status}`;
      const retryAfterMs = parseRetryAfterMs(outcome.headers.get("retry-after"));
      if (retryAfterMs !== undefined) {
        delayMs = Math.min(retryAfterMs, this.retryPolicy.maxDelayMs);
      }
    } else if (outcome.status === 504 && endpoint.isRead) {
      // A gateway timeout leaves the upstream outcome unknown: retried for reads only.
      reason = "HTTP 504";
    } else {
      return undefined;
    }

    if (deadline !== undefined && Date.now() + delayMs >= deadline) {
      return undefined;
    }
    return { delayMs, reason };
  }

  private async attempt(
    endpoint: Endpoint,
    params: Record<string, unknown>,
    callOptions: CallOptions,
    extraHeaders: Record<string, string>,
  ): Promise<RawResponse | IrsfaTransportError> {
    const { method, path } = endpoint;
    const url = new URL(`${this.baseUrl}/${path}`);
    const headers: Record<string, string> = { ...API_HEADERS, ...extraHeaders };
    let body: string | FormData | undefined;

    if (method === "GET") {
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null) {
          url.searchParams.set(key, String(value));
        }
      }
    } else if (callOptions.form) {
      body = callOptions.form;
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(params);
    }

    const timeoutMs = this.attemptTimeoutMs(callOptions.deadline);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetch(url, { method, headers, body, signal: controller.signal });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (controller.signal.aborted) {
        return new IrsfaTransportError(method, path, `timed out after ${timeoutMs} ms`, true);
      }
      return transportErrorFrom(method, path, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private attemptTimeoutMs(deadline: number | undefined): number {
    if (deadline === undefined) {
      return this.requestTimeoutMs;
    }
    return Math.max(1, Math.min(this.requestTimeoutMs, deadline - Date.now()));
  }
}

/** Codes of network errors raised before any byte of the request reached the server. */
const NOT_DELIVERED_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function transportErrorFrom(method: string, path: string, error: unknown): IrsfaTransportError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = isRecord(cause) && typeof cause.code === "string" ? cause.code : undefined;
  const detail = code ?? (cause instanceof Error ? cause.message : String(cause));
  const delivered = code === undefined || !NOT_DELIVERED_CODES.has(code);
  return new IrsfaTransportError(method, path, `network error ${detail}`, delivered);
}

function parseEnvelope<T>(endpoint: Endpoint, response: RawResponse): T {
  const { method, path } = endpoint;
  const parsed = parseJson(response.text);

  if (!isRecord(parsed)) {
    const detail = `HTTP ${response.status} with a body that is not the JSON envelope`;
    throw new IrsfaTransportError(method, path, detail, true);
  }

  const apiCode = numberOrUndefined(parsed.code);
  const statusOk = response.status >= 200 && response.status < 300;
  const codeOk = apiCode === undefined || (apiCode >= 200 && apiCode < 300);
  if (statusOk && codeOk) {
    return parsed.data as T;
  }

  const message = stringOr(parsed.message, "");
  throw apiErrorFor(method, path, response.status, apiCode, message, fieldErrorsFrom(parsed.error));
}

/** Normalises the `error` member, documented as `string[]` but a field map on most 422 bodies. */
export function fieldErrorsFrom(error: unknown): FieldErrors {
  if (Array.isArray(error)) {
    const messages = error.filter((item) => item !== null && item !== undefined).map(String);
    return messages.length > 0 ? { [GENERAL_ERRORS]: messages } : {};
  }
  if (typeof error === "string" && error !== "") {
    return { [GENERAL_ERRORS]: [error] };
  }
  if (!isRecord(error)) {
    return {};
  }

  const fields: FieldErrors = {};
  for (const [field, value] of Object.entries(error)) {
    fields[field] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return fields;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

/**
 * Field name to the API's validation messages for it, as returned with HTTP 422. Messages the API
 * gave without a field (an `error` array of strings) are kept under the key `*`.
 */
export type FieldErrors = Record<string, string[]>;

/** Key of {@link FieldErrors} under which messages without a field are kept. */
export const GENERAL_ERRORS = "*";

/** Base class of every error the Irsfa client throws. Messages never contain a secret. */
export class IrsfaError extends Error {
  /** Endpoint path the failed call went to, e.g. `api/rest/v3/domain/info`. */
  readonly endpoint: string;

  constructor(endpoint: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.endpoint = endpoint;
  }
}

/** Error returned by the API itself: an HTTP error status or an envelope whose `code` is not 2xx. */
export class IrsfaApiError extends IrsfaError {
  /** HTTP status of the response. */
  readonly status: number;
  /** `code` field of the response envelope, when the body had one. */
  readonly apiCode: number | undefined;
  /** `message` field of the response envelope. */
  readonly apiMessage: string;
  /** Per-field validation messages, present on HTTP 422. */
  readonly fieldErrors: FieldErrors;

  constructor(
    method: string,
    endpoint: string,
    status: number,
    apiCode: number | undefined,
    apiMessage: string,
    fieldErrors: FieldErrors,
  ) {
    super(endpoint, describeApiFailure(method, endpoint, status, apiMessage, fieldErrors));
    this.status = status;
    this.apiCode = apiCode;
    this.apiMessage = apiMessage;
    this.fieldErrors = fieldErrors;
  }
}

/** The API returned 404: the object does not exist in this account. */
export class IrsfaNotFoundError extends IrsfaApiError {}

/** The API rejected the credentials or the token (HTTP 401, or 404 `invalid_client` on the token endpoint). */
export class IrsfaAuthenticationError extends IrsfaApiError {}

/** The API rejected the request's fields (HTTP 422). */
export class IrsfaValidationError extends IrsfaApiError {}

/** The API still returned 429 after every retry. */
export class IrsfaRateLimitError extends IrsfaApiError {}

/**
 * The request failed below the API: connection refused, DNS failure, timeout, reset, or a body that
 * was not the documented JSON envelope.
 */
export class IrsfaTransportError extends IrsfaError {
  /** True when the request may have reached the API before it failed, so its effect is unknown. */
  readonly maybeDelivered: boolean;

  constructor(method: string, endpoint: string, detail: string, maybeDelivered: boolean) {
    super(endpoint, `${method} ${endpoint} failed: ${detail}`);
    this.maybeDelivered = maybeDelivered;
  }
}

/** Builds the error class that fits an API failure's HTTP status and envelope code. */
export function apiErrorFor(
  method: string,
  endpoint: string,
  status: number,
  apiCode: number | undefined,
  apiMessage: string,
  fieldErrors: FieldErrors,
): IrsfaApiError {
  const effective = status >= 400 ? status : (apiCode ?? status);
  const args = [method, endpoint, status, apiCode, apiMessage, fieldErrors] as const;
  switch (effective) {
    case 401:
      return new IrsfaAuthenticationError(...args);
    case 404:
      return new IrsfaNotFoundError(...args);
    case 422:
      return new IrsfaValidationError(...args);
    case 429:
      return new IrsfaRateLimitError(...args);
    default:
      return new IrsfaApiError(...args);
  }
}

/** Returns true when an error shows for certain that the object does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof IrsfaNotFoundError;
}

function describeApiFailure(
  method: string,
  endpoint: string,
  status: number,
  apiMessage: string,
  fieldErrors: FieldErrors,
): string {
  const fields = Object.entries(fieldErrors)
    .map(([field, messages]) =>
      field === GENERAL_ERRORS ? messages.join(" ") : `${field}: ${messages.join(" ")}`,
    )
    .join("; ");
  const message = apiMessage || "no message";
  return `${method} ${endpoint} failed with HTTP ${status}: ${message}${fields ? ` (${fields})` : ""}`;
}

import {
  IrsfaError,
  SslApi,
  SslOrder,
  SslOrderRequest,
  SslValidationDetail,
  sleep,
} from "../client";
import { partialFailure } from "../checks";
import { csrFingerprint } from "../csr";
import * as log from "../log";
import {
  DEFAULT_ISSUANCE_TIMEOUT_SECONDS,
  KIND,
  SslCertificateInputs,
} from "./ssl-certificate-check";

/** Record one hostname must publish to pass domain validation. Fields that do not apply are empty. */
export type ValidationRecord = SslValidationDetail;

/** SslCertificate state: the inputs plus the order as the API reports it. */
export interface SslCertificateOutputs extends SslCertificateInputs {
  /** Current order id; a renewal that opens a new order changes it. */
  orderId: number;
  status: string;
  certificateStatus: string;
  expiresAt: string;
  activeAt: string;
  serialNumber: string;
  certificate: string;
  intermediateCertificate: string;
  rootCertificate: string;
  caBundle: string;
  validationRecords: ValidationRecord[];
  /** Expiry the order had when `up` last renewed it, so that one expiry is renewed once. */
  renewedForExpiry: string;
}

const DAY_MS = 86_400_000;
/** Delays between `ssl/list` lookups for a new order's id; create is never sent again. */
export const ORDER_LOOKUP_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];
const POLL_FIRST_DELAY_MS = 1_000;
const POLL_MAX_DELAY_MS = 30_000;

/**
 * Finds the order that `ssl/create` placed, since its response carries no id: the newest order for
 * the first hostname with the same product and CSR that was not in the list before. Lookups are
 * retried with backoff; the order itself is never placed again.
 */
export async function findNewOrder(
  ssl: Pick<SslApi, "listOrders">,
  request: SslOrderRequest,
  known: Set<number>,
  deadline: number,
  delaysMs: readonly number[] = ORDER_LOOKUP_DELAYS_MS,
): Promise<SslOrder | undefined> {
  const fingerprint = csrFingerprint(request.csr);
  for (let attempt = 0; attempt <= delaysMs.length; attempt++) {
    try {
      const candidates = (await ssl.listOrders(request.hostnames[0], { deadline })).filter(
        (order) =>
          !known.has(order.id) &&
          order.productId === request.productId &&
          csrFingerprint(order.csr) === fingerprint,
      );
      if (candidates.length > 0) {
        return candidates.reduce((newest, order) => (order.id > newest.id ? order : newest));
      }
    } catch (error) {
      if (!(error instanceof IrsfaError)) {
        throw error;
      }
      await log.info(
        `${KIND} ${request.hostnames[0]}: looking up the new order failed, retrying: ${error.message}`,
      );
    }
    if (attempt === delaysMs.length || Date.now() + delaysMs[attempt] >= deadline) {
      return undefined;
    }
    await sleep(delaysMs[attempt]);
  }
  return undefined;
}

/** Waits for issuance when requested, then maps the order to outputs. */
export async function settleOutputs(
  ssl: SslApi,
  inputs: SslCertificateInputs,
  order: SslOrder,
  renewedForExpiry: string,
  deadline: number,
): Promise<SslCertificateOutputs> {
  if (!inputs.waitForIssuance || isIssued(order)) {
    return outputsOf(inputs, order, renewedForExpiry);
  }

  const waitUntil = Math.min(deadline, Date.now() + inputs.issuanceTimeoutSeconds * 1000);
  const issued = await waitForIssuance(ssl, order.id, waitUntil, deadline);
  if (!issued.done) {
    const outs = outputsOf(inputs, issued.order, renewedForExpiry);
    throw partialFailure(
      String(order.id),
      outs,
      `${KIND} order ${order.id} was not issued within ${inputs.issuanceTimeoutSeconds} seconds (status ${issued.order.status}). ` +
        "Publish the records in validationRecords, then run `pulumi up` again, or raise issuanceTimeoutSeconds.",
    );
  }
  return outputsOf(inputs, issued.order, renewedForExpiry);
}

/** Polls `ssl/detail` with backoff until the order is active or `waitUntil` passes. */
async function waitForIssuance(
  ssl: SslApi,
  id: number,
  waitUntil: number,
  deadline: number,
): Promise<{ done: boolean; order: SslOrder }> {
  let delayMs = POLL_FIRST_DELAY_MS;
  for (;;) {
    const order = await ssl.detail(id, { deadline });
    if (!order) {
      throw new Error(
        `${KIND} order ${id} disappeared from the account while waiting for issuance`,
      );
    }
    const remainingMs = waitUntil - Date.now();
    if (isIssued(order) || remainingMs <= 0) {
      return { done: isIssued(order), order };
    }
    await sleep(Math.min(delayMs, remainingMs));
    delayMs = Math.min(delayMs * 2, POLL_MAX_DELAY_MS);
  }
}

function isIssued(order: SslOrder): boolean {
  return order.status.toLowerCase() === "active" && order.certificate !== "";
}

/** True when an active order expires within `withinDays` and that expiry has not been renewed yet. */
export function renewalDue(
  state: { status?: string; renewedForExpiry?: string },
  withinDays: number | undefined,
  expiresAt: string | undefined,
  now = Date.now(),
): boolean {
  if (withinDays === undefined || !expiresAt || state.status?.toLowerCase() !== "active") {
    return false;
  }
  // The API reports local times without a zone; reading them as UTC shifts the window by hours only.
  const expiry = Date.parse(`${expiresAt.trim().replace(" ", "T").slice(0, 19)}Z`);
  return (
    Number.isFinite(expiry) &&
    expiry - now <= withinDays * DAY_MS &&
    state.renewedForExpiry !== expiresAt
  );
}

export function orderRequest(inputs: SslCertificateInputs): SslOrderRequest {
  return {
    productId: inputs.productId,
    hostnames: inputs.hostnames,
    csr: inputs.csr,
    contact: inputs.contact,
    approvalEmail: inputs.approvalEmail,
    period: inputs.period,
    validationMethods: inputs.domainValidation,
    clientEmail: inputs.clientEmail,
    clientPhone: inputs.clientPhone,
  };
}

/**
 * Builds inputs from a live order, for a read without state (an import) and for adoption. The
 * client email and phone stay undefined because `ssl/detail` does not report them.
 */
export function importedInputs(order: SslOrder): SslCertificateInputs {
  return {
    productId: order.productId,
    hostnames: [...order.hostnames].sort(),
    csr: order.csr,
    contact: order.contact,
    approvalEmail: order.approvalEmail,
    period: order.period,
    domainValidation: [...order.validationMethods].sort((a, b) =>
      a.hostname.localeCompare(b.hostname),
    ),
    clientEmail: undefined as unknown as string,
    clientPhone: undefined as unknown as string,
    waitForIssuance: false,
    issuanceTimeoutSeconds: DEFAULT_ISSUANCE_TIMEOUT_SECONDS,
  };
}

export function outputsOf(
  inputs: SslCertificateInputs,
  order: SslOrder,
  renewedForExpiry: string,
): SslCertificateOutputs {
  const details = new Map(order.validationDetails.map((detail) => [detail.hostname, detail]));
  const validationRecords = inputs.domainValidation.map(({ hostname, method }) => {
    const detail = details.get(hostname);
    return {
      hostname,
      method: detail?.method || method,
      recordName: detail?.recordName ?? "",
      recordType: detail?.recordType ?? "",
      recordValue: detail?.recordValue ?? "",
      httpPath: detail?.httpPath ?? "",
      httpContent: detail?.httpContent ?? "",
      approvalEmail: detail?.approvalEmail || (method.includes("@") ? method : ""),
      status: detail?.status ?? "",
    };
  });
  // A CSR changed outside Pulumi (a reissue in the control panel) shows as a diff of `csr`.
  const liveCsr =
    order.csr !== "" && csrFingerprint(order.csr) !== csrFingerprint(inputs.csr)
      ? order.csr
      : inputs.csr;
  return dropUndefined({
    ...inputs,
    csr: liveCsr,
    orderId: order.id,
    status: order.status,
    certificateStatus: order.certificateStatus,
    expiresAt: order.expiresAt,
    activeAt: order.activeAt,
    serialNumber: order.serialNumber,
    certificate: order.certificate,
    intermediateCertificate: order.intermediateCertificate,
    rootCertificate: order.rootCertificate,
    caBundle: order.caBundle || joinPem(order.intermediateCertificate, order.rootCertificate),
    validationRecords,
    renewedForExpiry,
  });
}

export function inputsOf(outs: SslCertificateOutputs): Partial<SslCertificateInputs> {
  const fields = [
    "productId",
    "hostnames",
    "csr",
    "contact",
    "approvalEmail",
    "period",
    "domainValidation",
    "clientEmail",
    "clientPhone",
    "waitForIssuance",
    "issuanceTimeoutSeconds",
    "renewWithinDays",
    "adoptOrderId",
  ] as const;
  return dropUndefined(
    Object.fromEntries(
      fields.map((field) => [field, outs[field]]),
    ) as Partial<SslCertificateInputs>,
  );
}

function joinPem(...blocks: string[]): string {
  return blocks
    .filter((block) => block !== "")
    .map((block) => `${block.trim()}\n`)
    .join("");
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

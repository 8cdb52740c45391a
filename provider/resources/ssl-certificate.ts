import type * as pulumi from "@pulumi/pulumi";

import { IrsfaError, IrsfaTransportError, SslApi, SslOrder, SslOrderRequest, sleep } from "../client";
import { partialFailure } from "../checks";
import { apiContext, operationDeadline } from "../context";
import { csrFingerprint } from "../csr";
import * as log from "../log";
import { sameList } from "../normalize";
import { KIND, SslCertificateInputs, checkSslInputs } from "./ssl-certificate-check";

/** What one hostname must publish to pass domain validation; fields that do not apply are empty. */
export interface ValidationRecord {
  hostname: string;
  method: string;
  recordName: string;
  recordType: string;
  recordValue: string;
  httpPath: string;
  httpContent: string;
  approvalEmail: string;
  status: string;
}

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

/** Dynamic provider of the `SslCertificate` resource. */
export const sslCertificateProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = await checkSslInputs(news);
    return { inputs, failures: failures.failures };
  },

  async diff(_id: string, olds: SslCertificateOutputs, news: SslCertificateInputs): Promise<pulumi.dynamic.DiffResult> {
    const changed = [...reissueChanges(olds, news), ...settingChanges(olds, news)];
    if (!sameMethods(olds, news)) {
      changed.push("domainValidation");
    }
    if (renewalDue(olds, news.renewWithinDays, olds.expiresAt)) {
      changed.push("expiresAt");
    }
    // Another product is another order: the API cannot move an order between products.
    const replaces = olds.productId !== news.productId ? ["productId"] : [];
    return { changes: changed.length + replaces.length > 0, replaces, stables: ["orderId"], deleteBeforeReplace: false };
  },

  async create(inputs: SslCertificateInputs): Promise<pulumi.dynamic.CreateResult> {
    const { ssl } = apiContext();
    const deadline = operationDeadline(apiContext());
    const request = orderRequest(inputs);

    const known = new Set((await ssl.listOrders(inputs.hostnames[0], { deadline })).map((order) => order.id));
    await log.info(`${KIND} ${inputs.hostnames.join(", ")}: ordering product ${inputs.productId} for ${inputs.period} year(s)`);
    let lost: IrsfaTransportError | undefined;
    try {
      await ssl.create(request, { deadline });
    } catch (error) {
      // A lost response may hide a placed order, which the list lookup below finds.
      if (!(error instanceof IrsfaTransportError && error.maybeDelivered)) {
        throw error;
      }
      lost = error;
    }

    const order = await findNewOrder(ssl, request, known, deadline);
    if (!order) {
      throw lost ?? new Error(
        `${KIND} ${inputs.hostnames[0]}: ssl/create succeeded, but no new order for product ${inputs.productId} ` +
          "with this CSR appeared in ssl/list. Do not run up again before checking the account: find the order " +
          "id there and import it with `pulumi import` to avoid a second order.",
      );
    }
    const outs = await settleOutputs(ssl, inputs, order, "", deadline);
    return { id: String(order.id), outs };
  },

  async read(id: string, props: SslCertificateOutputs | undefined): Promise<pulumi.dynamic.ReadResult> {
    const { ssl } = apiContext();
    const order = await ssl.detail(Number(props?.orderId ?? id), { deadline: operationDeadline(apiContext()) });
    if (!order) {
      return {};
    }

    const declared = props ?? importedInputs(order);
    const outs = outputsOf(declared, order, props?.renewedForExpiry ?? "");
    return { id, props: outs, inputs: inputsOf(outs) };
  },

  async update(id: string, olds: SslCertificateOutputs, news: SslCertificateInputs): Promise<pulumi.dynamic.UpdateResult> {
    const { ssl } = apiContext();
    const deadline = operationDeadline(apiContext());
    let orderId = olds.orderId ?? Number(id);
    const live = await ssl.detail(orderId, { deadline });
    if (!live) {
      throw new Error(`${KIND} order ${orderId} is no longer in the account. Run \`pulumi refresh\` to drop it from the stack.`);
    }

    const request = orderRequest(news);
    const reissue = reissueChanges(olds, news);
    if (reissue.length > 0) {
      await log.info(`${KIND} order ${orderId}: reissuing because ${reissue.join(", ")} changed`);
      await ssl.reissue(orderId, request, { deadline });
    }
    // A reissue keeps or defaults the methods per hostname on the API's side, so compare afterwards.
    const methodsDiffer =
      reissue.length > 0
        ? !sameMethodList(((await ssl.detail(orderId, { deadline })) ?? live).validationMethods, news.domainValidation)
        : !sameMethods(olds, news);
    if (methodsDiffer) {
      await ssl.modify(orderId, request.validationMethods, { deadline });
    }

    let renewedForExpiry = olds.renewedForExpiry ?? "";
    if (renewalDue({ ...olds, status: live.status, renewedForExpiry }, news.renewWithinDays, live.expiresAt)) {
      await log.info(`${KIND} order ${orderId}: renewing, since it expires on ${live.expiresAt}`);
      orderId = (await ssl.renew(orderId, request, { deadline })) ?? orderId;
      renewedForExpiry = live.expiresAt;
    }

    const after = (await ssl.detail(orderId, { deadline })) ?? live;
    return { outs: await settleOutputs(ssl, news, after, renewedForExpiry, deadline) };
  },

  async delete(id: string, props: SslCertificateOutputs): Promise<void> {
    await log.warn(
      `${KIND} order ${props?.orderId ?? id} was removed from the stack, but the API has no cancel endpoint: ` +
        `the order stays in the account and an issued certificate stays valid until ${props?.expiresAt || "it expires"}.`,
    );
  },
};

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
        (order) => !known.has(order.id) && order.productId === request.productId && csrFingerprint(order.csr) === fingerprint,
      );
      if (candidates.length > 0) {
        return candidates.reduce((newest, order) => (order.id > newest.id ? order : newest));
      }
    } catch (error) {
      if (!(error instanceof IrsfaError)) {
        throw error;
      }
      await log.info(`${KIND} ${request.hostnames[0]}: looking up the new order failed, retrying: ${error.message}`);
    }
    if (attempt === delaysMs.length || Date.now() + delaysMs[attempt] >= deadline) {
      return undefined;
    }
    await sleep(delaysMs[attempt]);
  }
  return undefined;
}

/** Waits for issuance when requested, then maps the order to outputs. */
async function settleOutputs(
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
      throw new Error(`${KIND} order ${id} disappeared from the account while waiting for issuance`);
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

/** Fields whose change reissues the certificate on the same order. */
function reissueChanges(olds: SslCertificateOutputs, news: SslCertificateInputs): string[] {
  const changed: string[] = [];
  if (!sameList(olds.hostnames, news.hostnames)) {
    changed.push("hostnames");
  }
  if (csrFingerprint(olds.csr ?? "") !== csrFingerprint(news.csr ?? "")) {
    changed.push("csr");
  }
  for (const field of ["contact", "approvalEmail", "clientEmail", "clientPhone"] as const) {
    // An imported order has no client email or phone, because ssl/detail does not report them.
    if (olds[field] !== undefined && olds[field] !== news[field]) {
      changed.push(field);
    }
  }
  return changed;
}

/** Fields that only change how the provider behaves, without an API call. */
function settingChanges(olds: SslCertificateOutputs, news: SslCertificateInputs): string[] {
  const fields = ["period", "waitForIssuance", "issuanceTimeoutSeconds", "renewWithinDays"] as const;
  return fields.filter((field) => olds[field] !== news[field]);
}

function sameMethods(olds: SslCertificateOutputs, news: SslCertificateInputs): boolean {
  return sameMethodList(olds.domainValidation ?? [], news.domainValidation ?? []);
}

function sameMethodList(left: Array<{ hostname: string; method: string }>, right: Array<{ hostname: string; method: string }>): boolean {
  const text = (list: Array<{ hostname: string; method: string }>) =>
    list.map(({ hostname, method }) => `${hostname}=${method.toLowerCase()}`).sort();
  return sameList(text(left), text(right));
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
  return Number.isFinite(expiry) && expiry - now <= withinDays * DAY_MS && state.renewedForExpiry !== expiresAt;
}

function orderRequest(inputs: SslCertificateInputs): SslOrderRequest {
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

/** Builds declared inputs from an order found by `pulumi import`. */
function importedInputs(order: SslOrder): SslCertificateInputs {
  return {
    productId: order.productId,
    hostnames: [...order.hostnames].sort(),
    csr: order.csr,
    contact: order.contact,
    approvalEmail: order.approvalEmail,
    period: order.period,
    domainValidation: [...order.validationMethods].sort((a, b) => a.hostname.localeCompare(b.hostname)),
    clientEmail: undefined as unknown as string,
    clientPhone: undefined as unknown as string,
    waitForIssuance: false,
    issuanceTimeoutSeconds: 900,
  };
}

function outputsOf(inputs: SslCertificateInputs, order: SslOrder, renewedForExpiry: string): SslCertificateOutputs {
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
  return dropUndefined({
    ...inputs,
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

function inputsOf(outs: SslCertificateOutputs): Partial<SslCertificateInputs> {
  const { productId, hostnames, csr, contact, approvalEmail, period, domainValidation, clientEmail, clientPhone } = outs;
  const { waitForIssuance, issuanceTimeoutSeconds, renewWithinDays } = outs;
  return dropUndefined({
    productId, hostnames, csr, contact, approvalEmail, period, domainValidation, clientEmail, clientPhone,
    waitForIssuance, issuanceTimeoutSeconds, renewWithinDays,
  });
}

function joinPem(...blocks: string[]): string {
  return blocks.filter((block) => block !== "").map((block) => `${block.trim()}\n`).join("");
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

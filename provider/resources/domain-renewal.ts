import { DomainInfo, DomainRef, IrsfaApiError, IrsfaTransportError } from "../client";
import type { ApiContext } from "../context";
import * as log from "../log";
import {
  RenewalPlan,
  UnconfirmedRenewal,
  decideRenewal,
  describePlan,
  stillUnconfirmed,
} from "./domain-renewal-plan";

/**
 * Thrown when a renew or restore may or may not have been placed. It carries the record to keep in
 * the state so that the next `up` finds out before it sends anything.
 */
export class RenewalInDoubtError extends Error {
  constructor(
    message: string,
    readonly unconfirmed: UnconfirmedRenewal,
    readonly live: DomainInfo,
  ) {
    super(message);
    this.name = "RenewalInDoubtError";
  }
}

/** Inputs of {@link keepValid}. */
export interface KeepValidRequest {
  domain: DomainRef & { fqdn: string };
  keepValidUntil: string;
  /** Description sent with the order, which the API requires. */
  description: string;
  /** Live details read just before. */
  live: DomainInfo;
  /** Unconfirmed renewal from the state, if any. */
  unconfirmed: UnconfirmedRenewal | undefined;
  deadline: number;
}

/** Result of {@link keepValid}: the live details afterwards and the unconfirmed renewal to store. */
export interface KeepValidResult {
  live: DomainInfo;
  unconfirmed?: UnconfirmedRenewal;
}

/**
 * Renews or restores a domain when its live expiry is before `keepValidUntil`, placing at most one
 * order per intent. The API has no idempotency key, so the live expiry is what tells whether an
 * order took effect: it is read before deciding and again after sending. An order whose outcome
 * stays unknown is never re-sent in the same run. The next run sends it again only when the expiry
 * has still not moved once the settle time has passed.
 */
export async function keepValid(
  context: ApiContext,
  request: KeepValidRequest,
): Promise<KeepValidResult> {
  const { domain, live } = request;
  const pending = stillUnconfirmed(request.unconfirmed, live.expiresOn);
  if (request.unconfirmed && !pending) {
    await log.info(
      `Domain ${domain.fqdn}: the ${request.unconfirmed.action} sent at ${request.unconfirmed.sentAt} shows now; the expiry is ${live.expiresOn}`,
    );
  }
  if (pending?.outcome === "accepted") {
    await log.warn(
      `Domain ${domain.fqdn}: the ${pending.action} accepted at ${pending.sentAt} still does not show in domain/info ` +
        `(expiry ${live.expiresOn}, expected ${pending.toExpiresOn}). Nothing is sent until it does.`,
    );
    return { live, unconfirmed: pending };
  }
  if (pending) {
    await checkSettled(context, domain.fqdn, pending, live);
  }

  const decision = decideRenewal(domain.fqdn, live.expiresOn, live.status, request.keepValidUntil);
  if (decision.kind === "wait") {
    await log.info(
      `Domain ${domain.fqdn}: keepValidUntil is applied later, because ${decision.reason}`,
    );
    return { live };
  }
  if (decision.kind === "none") {
    return { live };
  }
  return sendOnce(context, request, decision.plan);
}

/**
 * Lets a resend of an order whose outcome was unknown go ahead only after the settle time: a request
 * that timed out at the client may still be running at the API, and its effect would show late.
 */
async function checkSettled(
  context: ApiContext,
  name: string,
  pending: UnconfirmedRenewal,
  live: DomainInfo,
): Promise<void> {
  const settleMs = renewalSettleMs(context);
  const settledAt = Date.parse(pending.sentAt) + settleMs;
  if (Date.now() < settledAt) {
    throw new RenewalInDoubtError(
      `Domain ${name}: the ${pending.action} for ${pending.years} year(s) sent at ${pending.sentAt} has an unknown ` +
        `outcome and domain/info still shows the expiry ${pending.fromExpiresOn}. It may still be in progress, so ` +
        `nothing is sent now. Run \`pulumi up\` again after ${new Date(settledAt).toISOString()}.`,
      pending,
      live,
    );
  }
  await log.info(
    `Domain ${name}: the ${pending.action} sent at ${pending.sentAt} did not take effect (the expiry is still ` +
      `${pending.fromExpiresOn}), so it is sent again`,
  );
}

/**
 * Milliseconds after sending before an order with an unknown outcome counts as not placed: twice the
 * timeout of one HTTP attempt.
 */
export function renewalSettleMs(context: ApiContext): number {
  // NOTE: twice the attempt timeout is a guess. The API does not document how long it may keep
  // working on a request after the client gave up.
  return 2 * context.settings.requestTimeoutMs;
}

async function sendOnce(
  context: ApiContext,
  request: KeepValidRequest,
  plan: RenewalPlan,
): Promise<KeepValidResult> {
  const { domain, description, deadline } = request;
  const sentAt = new Date().toISOString();
  await log.info(
    `Domain ${domain.fqdn}: ${describePlan(plan)} to keep it valid until ${request.keepValidUntil}`,
  );

  try {
    const order = plan.action === "renew" ? context.domains.renew : context.domains.restore;
    await order.call(context.domains, domain, plan.years, description, { deadline });
  } catch (error) {
    if (!outcomeUnknown(error)) {
      throw error;
    }
    const after = await readBack(context, domain, deadline);
    if (after && after.expiresOn !== plan.fromExpiresOn) {
      await log.info(
        `Domain ${domain.fqdn}: the ${plan.action} response was lost, but the expiry moved to ${after.expiresOn}`,
      );
      return { live: after };
    }
    const unconfirmed: UnconfirmedRenewal = { ...plan, outcome: "unknown", sentAt };
    throw new RenewalInDoubtError(
      `Domain ${domain.fqdn}: the ${plan.action} for ${plan.years} year(s) was sent, but its outcome is unknown ` +
        `(${(error as Error).message}) and domain/info still shows the expiry ${plan.fromExpiresOn}. It was not sent ` +
        `again, so that the domain is not ${plan.action}ed twice. Run \`pulumi up\` again after ` +
        `${new Date(Date.parse(sentAt) + renewalSettleMs(context)).toISOString()}: it sends the order again only if ` +
        "the expiry has still not moved.",
      unconfirmed,
      after ?? request.live,
    );
  }

  const after = await readBack(context, domain, deadline);
  if (after && after.expiresOn !== plan.fromExpiresOn) {
    return { live: after };
  }
  await log.warn(
    `Domain ${domain.fqdn}: the API accepted the ${plan.action}, but domain/info still shows the expiry ` +
      `${plan.fromExpiresOn}. It is recorded as placed, and no other renewal is sent until the expiry moves.`,
  );
  return { live: after ?? request.live, unconfirmed: { ...plan, outcome: "accepted", sentAt } };
}

/**
 * Returns true when a failed order may have been placed, because the request may have reached the
 * API and no response rules that out. HTTP 429, 502 and 503 mean the request was not processed,
 * and any other 4xx is a rejection.
 */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof IrsfaTransportError) {
    return error.maybeDelivered;
  }
  if (error instanceof IrsfaApiError) {
    // A 2xx response whose envelope carries an error code is judged by that code.
    const status = error.status >= 400 ? error.status : (error.apiCode ?? error.status);
    return status >= 500 && status !== 502 && status !== 503;
  }
  return false;
}

async function readBack(
  context: ApiContext,
  domain: DomainRef,
  deadline: number,
): Promise<DomainInfo | undefined> {
  try {
    return await context.domains.info(domain, { deadline });
  } catch (error) {
    await log.warn(
      `domain/info failed after a renewal order, so its outcome is unknown: ${(error as Error).message}`,
    );
    return undefined;
  }
}

import { DomainInfo, DomainRef, IrsfaApiError, IrsfaTransportError } from "../client";
import type { ApiContext } from "../context";
import * as log from "../log";

/** The two ways to extend a registration: renew an active or expired domain, restore one in redemption. */
export type RenewalAction = "renew" | "restore";

/** A renewal or restore by whole years, from one expiry date to the next. */
export interface RenewalPlan {
  action: RenewalAction;
  years: number;
  /** Expiry date before the order, `YYYY-MM-DD`. */
  fromExpiresOn: string;
  /** Expiry date the order leads to, `YYYY-MM-DD`. */
  toExpiresOn: string;
}

/**
 * A renewal or restore that was sent but that `domain/info` did not show afterwards. It stays in the
 * state until the live expiry moves away from `fromExpiresOn`, and while it does, no other renewal
 * of the domain is sent.
 */
export interface UnconfirmedRenewal extends RenewalPlan {
  /**
   * `accepted`: the API answered success. `unknown`: the response was lost or was a server error,
   * so the order may or may not have been placed.
   */
  outcome: "accepted" | "unknown";
  /** Time the request was sent, as an ISO 8601 timestamp. */
  sentAt: string;
}

/** What `up` is to do about `keepValidUntil`, as decided from an expiry date and a status. */
export type RenewalDecision =
  | { kind: "none"; reason: string }
  | { kind: "wait"; reason: string }
  | { kind: "send"; plan: RenewalPlan };

/** Registries accept no expiry further than this many years after today, and no longer period. */
export const MAX_RENEWAL_YEARS = 10;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns true for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Returns today's date in UTC as `YYYY-MM-DD`. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Adds whole years to a `YYYY-MM-DD` date; 29 February becomes 28 February in common years. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split("-").map(Number);
  const result = new Date(Date.UTC(year + years, month - 1, day));
  if (result.getUTCMonth() !== month - 1) {
    result.setUTCDate(0);
  }
  return result.toISOString().slice(0, 10);
}

/** Returns true for the status of a domain whose transfer into the account has not completed. */
export function isTransferPending(status: string | undefined): boolean {
  return /pending/i.test(status ?? "") && /transfer/i.test(status ?? "");
}

/**
 * Decides what keeps a domain valid until `keepValidUntil`: nothing when the expiry already reaches
 * it, otherwise the fewest whole years that do, as a restore when the domain is in redemption and
 * as a renewal otherwise. Throws when no period of up to 10 years reaches the date.
 */
export function decideRenewal(
  name: string,
  expiresOn: string | undefined,
  status: string | undefined,
  keepValidUntil: string,
): RenewalDecision {
  if (isTransferPending(status)) {
    return { kind: "wait", reason: "its transfer into the account is still pending, and a pending domain cannot be renewed" };
  }
  if (!expiresOn || !isIsoDate(expiresOn)) {
    throw new Error(
      `Domain ${name}: domain/info reports no expiry date (got ${JSON.stringify(expiresOn ?? null)}), so keepValidUntil ` +
        "cannot be checked, and no renewal is sent without it. Remove keepValidUntil or renew the domain by hand.",
    );
  }
  if (expiresOn >= keepValidUntil) {
    return { kind: "none", reason: `it expires on ${expiresOn}, which is not before keepValidUntil ${keepValidUntil}` };
  }

  const action: RenewalAction = /redemption/i.test(status ?? "") ? "restore" : "renew";
  for (let years = 1; years <= MAX_RENEWAL_YEARS; years++) {
    const toExpiresOn = addYears(expiresOn, years);
    if (toExpiresOn >= keepValidUntil && (action === "renew" || toExpiresOn > today())) {
      return { kind: "send", plan: { action, years, fromExpiresOn: expiresOn, toExpiresOn } };
    }
  }
  throw new Error(
    `Domain ${name}: reaching keepValidUntil ${keepValidUntil} from the expiry ${expiresOn} takes more than ` +
      `${MAX_RENEWAL_YEARS} years, the most one ${action} can add. Choose an earlier keepValidUntil.`,
  );
}

/** Describes a plan for logs and preview messages, e.g. "renew for 2 year(s), 2027-05-01 to 2029-05-01". */
export function describePlan(plan: RenewalPlan): string {
  return `${plan.action} for ${plan.years} year(s), moving the expiry from ${plan.fromExpiresOn} to ${plan.toExpiresOn}`;
}

/**
 * Returns the unconfirmed renewal that still applies to a domain whose live expiry is `expiresOn`:
 * once the expiry has moved, the earlier order took effect (or someone renewed the domain), so the
 * record is dropped.
 */
export function stillUnconfirmed(
  unconfirmed: UnconfirmedRenewal | undefined,
  expiresOn: string | undefined,
): UnconfirmedRenewal | undefined {
  return unconfirmed && expiresOn === unconfirmed.fromExpiresOn ? unconfirmed : undefined;
}

/**
 * Returns the expiry to plan with: the live one, or the one an accepted but not yet visible order
 * leads to, so that such an order is never placed a second time.
 */
export function effectiveExpiry(expiresOn: string | undefined, unconfirmed: UnconfirmedRenewal | undefined): string | undefined {
  const pending = stillUnconfirmed(unconfirmed, expiresOn);
  return pending?.outcome === "accepted" ? pending.toExpiresOn : expiresOn;
}

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
export async function keepValid(context: ApiContext, request: KeepValidRequest): Promise<KeepValidResult> {
  const { domain, live } = request;
  const pending = stillUnconfirmed(request.unconfirmed, live.expiresOn);
  if (request.unconfirmed && !pending) {
    await log.info(`Domain ${domain.fqdn}: the ${request.unconfirmed.action} sent at ${request.unconfirmed.sentAt} shows now; the expiry is ${live.expiresOn}`);
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
    await log.info(`Domain ${domain.fqdn}: keepValidUntil is applied later, because ${decision.reason}`);
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
  // NOTE: how long the API may keep working on a request after the client gave up is not documented;
  // twice the attempt timeout is a guess.
  return 2 * context.settings.requestTimeoutMs;
}

async function sendOnce(context: ApiContext, request: KeepValidRequest, plan: RenewalPlan): Promise<KeepValidResult> {
  const { domain, description, deadline } = request;
  const sentAt = new Date().toISOString();
  await log.info(`Domain ${domain.fqdn}: ${describePlan(plan)} to keep it valid until ${request.keepValidUntil}`);

  try {
    const order = plan.action === "renew" ? context.domains.renew : context.domains.restore;
    await order.call(context.domains, domain, plan.years, description, { deadline });
  } catch (error) {
    if (!outcomeUnknown(error)) {
      throw error;
    }
    const after = await readBack(context, domain, deadline);
    if (after && after.expiresOn !== plan.fromExpiresOn) {
      await log.info(`Domain ${domain.fqdn}: the ${plan.action} response was lost, but the expiry moved to ${after.expiresOn}`);
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
 * Returns true when a failed order may have been placed: the request may have reached the API and
 * no answer said otherwise. HTTP 429, 502 and 503 say the request was not processed, and any other
 * 4xx is a rejection.
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

async function readBack(context: ApiContext, domain: DomainRef, deadline: number): Promise<DomainInfo | undefined> {
  try {
    return await context.domains.info(domain, { deadline });
  } catch (error) {
    await log.warn(`domain/info failed after a renewal order, so its outcome is unknown: ${(error as Error).message}`);
    return undefined;
  }
}

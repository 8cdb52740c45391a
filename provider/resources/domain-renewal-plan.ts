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
   * `accepted`: the API returned success. `unknown`: the response was lost or was a server error,
   * so the order may or may not have been placed.
   */
  outcome: "accepted" | "unknown";
  /** Time the request was sent, as an ISO 8601 timestamp. */
  sentAt: string;
}

/** Action `up` takes for `keepValidUntil`, decided from an expiry date and a status. */
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
    return {
      kind: "wait",
      reason:
        "its transfer into the account is still pending, and a pending domain cannot be renewed",
    };
  }
  if (!expiresOn || !isIsoDate(expiresOn)) {
    throw new Error(
      `Domain ${name}: domain/info reports no expiry date (got ${JSON.stringify(expiresOn ?? null)}), so keepValidUntil ` +
        "cannot be checked, and no renewal is sent without it. Remove keepValidUntil or renew the domain by hand.",
    );
  }
  if (expiresOn >= keepValidUntil) {
    return {
      kind: "none",
      reason: `it expires on ${expiresOn}, which is not before keepValidUntil ${keepValidUntil}`,
    };
  }

  const action: RenewalAction = /redemption/i.test(status ?? "") ? "restore" : "renew";
  for (let years = 1; years <= MAX_RENEWAL_YEARS; years++) {
    const toExpiresOn = addYears(expiresOn, years);
    if (toExpiresOn >= keepValidUntil && (action === "renew" || toExpiresOn > today())) {
      checkWithinLimit(name, keepValidUntil, expiresOn, toExpiresOn);
      return { kind: "send", plan: { action, years, fromExpiresOn: expiresOn, toExpiresOn } };
    }
  }
  throw new Error(
    `Domain ${name}: reaching keepValidUntil ${keepValidUntil} from the expiry ${expiresOn} takes more than ` +
      `${MAX_RENEWAL_YEARS} years, the most one ${action} can add. Choose an earlier keepValidUntil.`,
  );
}

/**
 * Rejects a renewal whose whole years overshoot the 10-year limit, which the registry would reject,
 * and names the latest keepValidUntil that avoids it.
 */
function checkWithinLimit(
  name: string,
  keepValidUntil: string,
  expiresOn: string,
  toExpiresOn: string,
): void {
  const limit = addYears(today(), MAX_RENEWAL_YEARS);
  if (toExpiresOn <= limit) {
    return;
  }
  let latest = expiresOn;
  while (addYears(latest, 1) <= limit) {
    latest = addYears(latest, 1);
  }
  throw new Error(
    `Domain ${name}: reaching keepValidUntil ${keepValidUntil} takes whole years that move the expiry from ` +
      `${expiresOn} to ${toExpiresOn}, more than ${MAX_RENEWAL_YEARS} years ahead, which registries reject. ` +
      `Choose a keepValidUntil on or before ${latest}.`,
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
export function effectiveExpiry(
  expiresOn: string | undefined,
  unconfirmed: UnconfirmedRenewal | undefined,
): string | undefined {
  const pending = stillUnconfirmed(unconfirmed, expiresOn);
  return pending?.outcome === "accepted" ? pending.toExpiresOn : expiresOn;
}

/** A domain's expiry as the state last recorded it. */
export interface RecordedExpiry {
  name: string;
  status?: string;
  expiresOn?: string;
  unconfirmedRenewal?: UnconfirmedRenewal;
}

/**
 * Logs in the preview what `up` will do for `keepValidUntil`, judged from the state, and returns
 * true when that is a renewal or a check. `up` reads the live expiry again before it sends anything.
 */
export async function previewRenewal(
  recorded: RecordedExpiry,
  keepValidUntil: string,
): Promise<boolean> {
  const { name, status, expiresOn } = recorded;
  const unconfirmed = stillUnconfirmed(recorded.unconfirmedRenewal, expiresOn);
  if (unconfirmed?.outcome === "unknown") {
    await log.info(
      `Domain ${name}: up will check whether the ${unconfirmed.action} sent at ${unconfirmed.sentAt} took effect, ` +
        "and sends it again only if the expiry has still not moved",
    );
    return true;
  }
  if (isTransferPending(status)) {
    if (expiresOn && expiresOn >= keepValidUntil) {
      return false;
    }
    await log.info(
      `Domain ${name}: up will renew it to reach keepValidUntil ${keepValidUntil} once its transfer has completed`,
    );
    return true;
  }

  try {
    const decision = decideRenewal(
      name,
      effectiveExpiry(expiresOn, unconfirmed),
      status,
      keepValidUntil,
    );
    if (decision.kind !== "send") {
      return false;
    }
    await log.info(
      `Domain ${name}: up will ${describePlan(decision.plan)}, to keep it valid until ${keepValidUntil} ` +
        "(after reading the live expiry again)",
    );
  } catch (error) {
    // The same error stops `up`; the preview shows it as the reason for the planned update.
    await log.info((error as Error).message);
  }
  return true;
}

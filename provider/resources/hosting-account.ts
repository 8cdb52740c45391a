import type * as pulumi from "@pulumi/pulumi";

import { HostingService, HostingServiceIdMissingError, IrsfaApiError, IrsfaTransportError } from "../client";
import { CheckFailures, isIntegerBetween, isSet, isUnknown, partialFailure } from "../checks";
import { ApiContext, apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { normaliseHostname } from "../normalize";
import { PASSWORD_RULE, passwordRuleFailures } from "../password-rule";

/** What delete does: suspend the service, or leave it running. Neither cancels it. */
export type HostingOnDelete = "suspend" | "retain";

/** HostingAccount inputs after `check`: the domain normalised, defaults filled in. */
export interface HostingAccountInputs {
  domain: string;
  productId: string;
  username: string;
  email: string;
  password: string;
  /** Billing period in months, used only when ordering. */
  period: number;
  suspended: boolean;
  onDelete: HostingOnDelete;
  /** Existing service to adopt instead of ordering a new one. */
  serviceId?: number;
}

/** HostingAccount state: the inputs plus what the API reports. */
export interface HostingAccountOutputs extends HostingAccountInputs {
  serviceId: number;
  /** Status as the API words it, e.g. `Active` or `Suspended`. */
  status: string;
  productName: string;
  /** True when create adopted an existing service rather than ordering one. */
  adopted: boolean;
}

const KIND = "HostingAccount";
const ON_DELETE_VALUES: readonly HostingOnDelete[] = ["suspend", "retain"];

/** Inputs whose change replaces the account, so a new hosting order is placed. */
const REPLACING_FIELDS = ["domain", "productId", "username"] as const;

/** Dynamic provider of the `HostingAccount` resource. */
export const hostingAccountProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const failures = new CheckFailures(KIND);
    const inputs: Record<string, any> = { ...news };

    checkDomain(failures, news.domain, inputs);
    checkText(failures, "productId", news.productId, 'a hosting product id, e.g. "PR0001" (see getHostingProducts)', inputs);
    checkText(failures, "username", news.username, 'letters and digits only, e.g. "tokobatik"', inputs);
    if (isSet(news.username) && typeof inputs.username === "string" && !isUnknown(news.username) && !/^[A-Za-z0-9]+$/.test(inputs.username)) {
      failures.add("username", `is ${JSON.stringify(news.username)}; expected letters and digits only, e.g. "tokobatik"`);
    }
    checkText(failures, "email", news.email, 'an email address, e.g. "admin@example.com"', inputs);
    if (isSet(news.email) && typeof inputs.email === "string" && !isUnknown(news.email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(inputs.email)) {
      failures.add("email", `is ${JSON.stringify(news.email)}; expected an email address, e.g. "admin@example.com"`);
    }
    checkPassword(failures, news.password);

    if (!isSet(news.period)) {
      inputs.period = 1;
    } else if (!isUnknown(news.period) && !isIntegerBetween(news.period, 1, 120)) {
      failures.add("period", `is ${JSON.stringify(news.period)}; expected whole months from 1 to 120`);
    }
    if (!isSet(news.suspended)) {
      inputs.suspended = false;
    } else if (!isUnknown(news.suspended) && typeof news.suspended !== "boolean") {
      failures.add("suspended", `is ${JSON.stringify(news.suspended)}; expected true or false`);
    }
    if (!isSet(news.onDelete)) {
      inputs.onDelete = "suspend";
    } else if (!isUnknown(news.onDelete) && !ON_DELETE_VALUES.includes(news.onDelete)) {
      failures.add("onDelete", `is ${JSON.stringify(news.onDelete)}; expected "suspend" or "retain"`);
    }
    checkServiceId(failures, news.serviceId, inputs);

    return { inputs, failures: failures.failures };
  },

  async diff(_id: string, olds: HostingAccountOutputs, news: HostingAccountInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = REPLACING_FIELDS.filter((field) => olds[field] !== news[field]);
    // A declared service id that differs names another service altogether.
    if (isSet(news.serviceId) && news.serviceId !== olds.serviceId) {
      replaces.push("serviceId");
    }

    // The API never returns the password, so it is compared only with the one last set through
    // this resource; `email` and `period` matter only when ordering, so they are not compared.
    const changed: string[] = [];
    if (isSet(olds.password) && olds.password !== news.password) {
      changed.push("password");
    }
    if (olds.suspended !== news.suspended) {
      changed.push("suspended");
    }
    if ((olds.onDelete ?? "suspend") !== news.onDelete) {
      changed.push("onDelete");
    }

    if (replaces.length > 0) {
      await log.warn(replacementWarning(olds, news, replaces));
    }
    return {
      changes: replaces.length + changed.length > 0,
      replaces,
      stables: replaces.length === 0 ? ["serviceId"] : [],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs: HostingAccountInputs): Promise<pulumi.dynamic.CreateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);

    if (isSet(inputs.serviceId)) {
      return adopt(context, inputs, inputs.serviceId, deadline);
    }

    await checkProductExists(context, inputs, deadline);
    const serviceId = await order(context, inputs, deadline);
    try {
      let live = await requireService(context, serviceId, inputs.domain, deadline);
      live = await reconcile(context, serviceId, inputs, live, deadline);
      return { id: String(serviceId), outs: outputsOf(inputs, serviceId, live, false) };
    } catch (error) {
      throw partialFailure(
        String(serviceId),
        { ...inputs, serviceId, status: "Unknown", productName: inputs.productId, adopted: false },
        `${KIND} ${inputs.domain}: service ${serviceId} was ordered, but reading or suspending it failed: ` +
          `${messageOf(error)}. Run \`pulumi up\` again to finish; the order is not placed again.`,
      );
    }
  },

  async read(id: string, props: HostingAccountOutputs): Promise<pulumi.dynamic.ReadResult> {
    const context = apiContext();
    const serviceId = Number(props?.serviceId ?? id);

    const live = await context.hosting.detail(serviceId, { deadline: operationDeadline(context) });
    if (!live || live.terminated) {
      return {};
    }

    const outs = outputsOf(declaredInputs(props, live), serviceId, live, props?.adopted ?? true);
    const { status, productName, adopted, ...inputs } = outs;
    // The service id is an input only of an adopted account, where the program declares it.
    if (props?.adopted !== true) {
      delete (inputs as Partial<HostingAccountInputs>).serviceId;
    }
    return { id: String(serviceId), props: outs, inputs: dropUndefined(inputs) };
  },

  async update(_id: string, olds: HostingAccountOutputs, news: HostingAccountInputs): Promise<pulumi.dynamic.UpdateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const serviceId = olds.serviceId;

    const before = await context.hosting.detail(serviceId, { deadline });
    if (!before || before.terminated) {
      throw new Error(
        `${KIND} ${olds.domain}: service ${serviceId} is no longer in the account (terminated or removed). ` +
          "Run `pulumi refresh` to drop it from the stack.",
      );
    }
    if (isSet(olds.password) && olds.password !== news.password) {
      await context.hosting.changePassword(serviceId, news.password, { deadline });
    }
    const live = await reconcile(context, serviceId, news, before, deadline);
    return { outs: outputsOf(news, serviceId, live, olds.adopted ?? false) };
  },

  async delete(id: string, props: HostingAccountOutputs): Promise<void> {
    const serviceId = Number(props?.serviceId ?? id);
    const name = `${KIND} ${props?.domain ?? "(unknown domain)"} (service id ${serviceId})`;
    if (props?.onDelete === "retain") {
      await log.warn(
        `${name} was removed from the stack and is still running, because onDelete is "retain". The API ` +
          `cannot terminate a hosting service: cancel service ${serviceId} with Irsfa when it is no longer needed.`,
      );
      return;
    }

    const context = apiContext();
    const deadline = operationDeadline(context);
    const live = await context.hosting.detail(serviceId, { deadline });
    if (!live || live.terminated) {
      await log.info(`${name} is no longer in the account; nothing to suspend`);
      return;
    }
    if (!live.suspended) {
      await context.hosting.suspend(serviceId, { deadline });
    }
    await log.warn(
      `${name} was suspended and removed from the stack, but not cancelled: the API cannot terminate a ` +
        `hosting service. Cancel service ${serviceId} with Irsfa to stop its billing.`,
    );
  },
};

function checkDomain(failures: CheckFailures, value: unknown, inputs: Record<string, any>): void {
  if (!isSet(value)) {
    failures.missing("domain", 'the domain the account serves, e.g. "example.co.id"');
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  const domain = typeof value === "string" ? normaliseHostname(value) : undefined;
  if (domain?.ok) {
    inputs.domain = domain.value;
  } else {
    failures.add("domain", domain ? domain.reason : `is ${JSON.stringify(value)}; expected a domain name such as "example.co.id"`);
  }
}

/** Checks a required non-empty string and stores it trimmed. */
function checkText(failures: CheckFailures, field: string, value: unknown, expected: string, inputs: Record<string, any>): void {
  if (!isSet(value) || value === "") {
    failures.missing(field, expected);
  } else if (!isUnknown(value)) {
    if (typeof value !== "string" || value.trim() === "") {
      failures.add(field, `is ${JSON.stringify(value)}; expected ${expected}`);
    } else {
      inputs[field] = value.trim();
    }
  }
}

/**
 * Checks the password against the API's rule; the reason names the failing parts, never the value.
 * A failure of an invalid password names no property, because the Pulumi CLI (3.248) prints the
 * value of a failure's property, secret or not; the reason starts with "password" instead.
 */
function checkPassword(failures: CheckFailures, value: unknown): void {
  if (!isSet(value) || value === "") {
    failures.missing("password", PASSWORD_RULE);
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  if (typeof value !== "string") {
    failures.add("", `password is a ${typeof value}; expected a string of ${PASSWORD_RULE}`);
    return;
  }
  const problems = passwordRuleFailures(value);
  if (problems.length > 0) {
    const parts = problems.map((problem) => `it ${problem}`).join("; ");
    failures.add("", `password does not meet the API's password rule: ${parts}. Expected ${PASSWORD_RULE}`);
  }
}

function checkServiceId(failures: CheckFailures, value: unknown, inputs: Record<string, any>): void {
  if (!isSet(value) || isUnknown(value)) {
    return;
  }
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (!isIntegerBetween(number, 1, Number.MAX_SAFE_INTEGER)) {
    failures.add("serviceId", `is ${JSON.stringify(value)}; expected the positive numeric id of an existing hosting service`);
  } else {
    inputs.serviceId = number;
  }
}

function replacementWarning(olds: HostingAccountOutputs, news: HostingAccountInputs, replaces: string[]): string {
  const shown = (value: unknown) => (isUnknown(value) ? "(known after apply)" : JSON.stringify(value));
  const changes = replaces.map((field) => `${field} ${shown((olds as any)[field])} -> ${shown((news as any)[field])}`);
  const next = isSet(news.serviceId)
    ? `service ${news.serviceId} is adopted in its place`
    : `a new hosting order is placed for ${news.domain} (product ${news.productId}, ${news.period} month(s))`;
  const after = olds.onDelete === "retain" ? "is left running" : "is suspended";
  return (
    `${KIND} ${olds.domain}: changing ${changes.join(", ")} replaces the account: ${next}, and the old ` +
    `service ${olds.serviceId} ${after} but not cancelled, because the API cannot terminate a service.`
  );
}

/** Fails with the valid product ids when the catalogue does not list the declared one. */
async function checkProductExists(context: ApiContext, inputs: HostingAccountInputs, deadline: number): Promise<void> {
  const products = await context.hosting.products({ deadline });
  // A catalogue the client could not read (no recognisable records) is left to the API to judge.
  if (products.length === 0 || products.some((product) => product.id === inputs.productId)) {
    return;
  }
  const valid = products.map((product) => `${product.id} (${product.name})`).join(", ");
  throw new Error(
    `${KIND} ${inputs.domain}: productId "${inputs.productId}" is not a hosting product of this account; ` +
      `valid product ids: ${valid}. Use getHostingProducts to pick one by name.`,
  );
}

/**
 * Places the hosting order and returns its service id. The API has no list of services, so an
 * order whose outcome is unknown cannot be checked, and it is never sent a second time.
 */
async function order(context: ApiContext, inputs: HostingAccountInputs, deadline: number): Promise<number> {
  await log.info(`${KIND} ${inputs.domain}: ordering product ${inputs.productId} for ${inputs.period} month(s)`);
  try {
    return await context.hosting.create(
      {
        domain: inputs.domain,
        productId: inputs.productId,
        username: inputs.username,
        email: inputs.email,
        password: inputs.password,
        period: inputs.period,
      },
      { deadline },
    );
  } catch (error) {
    if (error instanceof HostingServiceIdMissingError) {
      throw new Error(
        `${KIND} ${inputs.domain}: the hosting order was placed, but the API's response named no service id. ` +
          `It is not ordered again. Find the service for ${inputs.domain} in the Irsfa control panel and set ` +
          "`serviceId` to its id on this resource, then run `pulumi up` to bring it under management.",
      );
    }
    if (outcomeUnknown(error)) {
      throw new Error(
        `${KIND} ${inputs.domain}: the hosting order may have gone through: ${messageOf(error)}. It is not sent ` +
          "again, because the API has no list of services to check and a second request could place a second " +
          `order. Look for a hosting service for ${inputs.domain} in the Irsfa control panel: if there is one, ` +
          "set `serviceId` to its id on this resource and run `pulumi up` to bring it under management; if there " +
          "is none, run `pulumi up` again to order it.",
      );
    }
    throw error;
  }
}

/** Returns true when a failed write may still have taken effect. */
function outcomeUnknown(error: unknown): boolean {
  if (error instanceof IrsfaTransportError) {
    return error.maybeDelivered;
  }
  // A gateway timeout means the request reached a proxy whose upstream may have processed it.
  return error instanceof IrsfaApiError && error.status === 504;
}

async function adopt(
  context: ApiContext,
  inputs: HostingAccountInputs,
  serviceId: number,
  deadline: number,
): Promise<pulumi.dynamic.CreateResult> {
  const live = await requireService(context, serviceId, inputs.domain, deadline);
  if (live.terminated) {
    throw new Error(`${KIND} ${inputs.domain}: service ${serviceId} is ${live.status} and cannot be adopted`);
  }

  // Fields the API does not report are taken as declared.
  const mismatches = REPLACING_FIELDS.filter((field) => isSet(live[field]) && live[field] !== "" && live[field] !== inputs[field]).map(
    (field) => `${field} is ${JSON.stringify(live[field])}, not ${JSON.stringify(inputs[field])}`,
  );
  if (mismatches.length > 0) {
    throw new Error(
      `${KIND}: service ${serviceId} does not match the declared account: ${mismatches.join("; ")}. ` +
        "Declare the service's own values to adopt it, or check the serviceId.",
    );
  }

  // The API never returns the password, so the declared one is recorded without being set.
  await log.info(`${KIND} ${inputs.domain}: adopting service ${serviceId}; its password is left as it is`);
  const reconciled = await reconcile(context, serviceId, inputs, live, deadline);
  return { id: String(serviceId), outs: outputsOf(inputs, serviceId, reconciled, true) };
}

async function requireService(context: ApiContext, serviceId: number, domain: string, deadline: number): Promise<HostingService> {
  const live = await context.hosting.detail(serviceId, { deadline });
  if (!live) {
    throw new Error(`${KIND} ${domain}: hosting/detail finds no service ${serviceId} in the account`);
  }
  return live;
}

/** Suspends or unsuspends the service to match the inputs; returns the live state after. */
async function reconcile(
  context: ApiContext,
  serviceId: number,
  inputs: HostingAccountInputs,
  live: HostingService,
  deadline: number,
): Promise<HostingService> {
  if (inputs.suspended === live.suspended) {
    return live;
  }
  if (inputs.suspended) {
    await context.hosting.suspend(serviceId, { deadline });
  } else {
    await context.hosting.unsuspend(serviceId, { deadline });
  }
  return (await context.hosting.detail(serviceId, { deadline })) ?? live;
}

/** Rebuilds the declared inputs of a stored state; after an import there are none but the id. */
function declaredInputs(props: Partial<HostingAccountOutputs> | undefined, live: HostingService): HostingAccountInputs {
  return {
    domain: props?.domain ?? live.domain,
    productId: props?.productId ?? live.productId,
    username: props?.username ?? live.username ?? "",
    email: props?.email ?? "",
    password: props?.password as string,
    period: props?.period ?? 1,
    suspended: props?.suspended ?? live.suspended,
    onDelete: props?.onDelete ?? "suspend",
    serviceId: props?.serviceId,
  };
}

function outputsOf(inputs: HostingAccountInputs, serviceId: number, live: HostingService, adopted: boolean): HostingAccountOutputs {
  return dropUndefined({
    ...inputs,
    // Domain, product and username report the live values, so a change made outside shows as drift.
    domain: live.domain || inputs.domain,
    productId: live.productId || inputs.productId,
    username: live.username ?? inputs.username,
    suspended: live.suspended,
    serviceId,
    status: live.status,
    productName: live.productName ?? live.productId ?? inputs.productId,
    adopted,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

import type * as pulumi from "@pulumi/pulumi";

import { HostingService } from "../client";
import { isSet, isUnknown, partialFailure } from "../checks";
import { ApiContext, apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { checkHostingAccount } from "./hosting-account-check";
import { checkProductExists, orderHosting } from "./hosting-order";

/** Delete behaviour: suspend the service, or leave it running. Neither cancels it. */
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

/** Inputs whose change replaces the account, so a new hosting order is placed. */
const REPLACING_FIELDS = ["domain", "productId", "username"] as const;

/** Dynamic provider of the `HostingAccount` resource. */
export const hostingAccountProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    return checkHostingAccount(news);
  },

  async diff(
    _id: string,
    olds: HostingAccountOutputs,
    news: HostingAccountInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const replaces: string[] = REPLACING_FIELDS.filter((field) => olds[field] !== news[field]);
    // A declared service id that differs names another service altogether.
    if (isSet(news.serviceId) && news.serviceId !== olds.serviceId) {
      replaces.push("serviceId");
    }

    // The API never returns the password, so it is compared only with the one last set through
    // this resource. `email` and `period` matter only when ordering, so they are not compared.
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
    const serviceId = await orderHosting(context, inputs, deadline);
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

  async update(
    _id: string,
    olds: HostingAccountOutputs,
    news: HostingAccountInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
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

function replacementWarning(
  olds: HostingAccountOutputs,
  news: HostingAccountInputs,
  replaces: string[],
): string {
  const shown = (value: unknown) =>
    isUnknown(value) ? "(known after apply)" : JSON.stringify(value);
  const changes = replaces.map(
    (field) => `${field} ${shown((olds as any)[field])} -> ${shown((news as any)[field])}`,
  );
  const next = isSet(news.serviceId)
    ? `service ${news.serviceId} is adopted in its place`
    : `a new hosting order is placed for ${news.domain} (product ${news.productId}, ${news.period} month(s))`;
  const after = olds.onDelete === "retain" ? "is left running" : "is suspended";
  return (
    `${KIND} ${olds.domain}: changing ${changes.join(", ")} replaces the account: ${next}, and the old ` +
    `service ${olds.serviceId} ${after} but not cancelled, because the API cannot terminate a service.`
  );
}

async function adopt(
  context: ApiContext,
  inputs: HostingAccountInputs,
  serviceId: number,
  deadline: number,
): Promise<pulumi.dynamic.CreateResult> {
  const live = await requireService(context, serviceId, inputs.domain, deadline);
  if (live.terminated) {
    throw new Error(
      `${KIND} ${inputs.domain}: service ${serviceId} is ${live.status} and cannot be adopted`,
    );
  }

  // Fields the API does not report are taken as declared.
  const mismatches = REPLACING_FIELDS.filter(
    (field) => isSet(live[field]) && live[field] !== "" && live[field] !== inputs[field],
  ).map(
    (field) => `${field} is ${JSON.stringify(live[field])}, not ${JSON.stringify(inputs[field])}`,
  );
  if (mismatches.length > 0) {
    throw new Error(
      `${KIND}: service ${serviceId} does not match the declared account: ${mismatches.join("; ")}. ` +
        "Declare the service's own values to adopt it, or check the serviceId.",
    );
  }

  // The API never returns the password, so the declared one is recorded without being set.
  await log.info(
    `${KIND} ${inputs.domain}: adopting service ${serviceId}; its password is left as it is`,
  );
  const reconciled = await reconcile(context, serviceId, inputs, live, deadline);
  return { id: String(serviceId), outs: outputsOf(inputs, serviceId, reconciled, true) };
}

async function requireService(
  context: ApiContext,
  serviceId: number,
  domain: string,
  deadline: number,
): Promise<HostingService> {
  const live = await context.hosting.detail(serviceId, { deadline });
  if (!live) {
    throw new Error(
      `${KIND} ${domain}: hosting/detail finds no service ${serviceId} in the account`,
    );
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
function declaredInputs(
  props: Partial<HostingAccountOutputs> | undefined,
  live: HostingService,
): HostingAccountInputs {
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

function outputsOf(
  inputs: HostingAccountInputs,
  serviceId: number,
  live: HostingService,
  adopted: boolean,
): HostingAccountOutputs {
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

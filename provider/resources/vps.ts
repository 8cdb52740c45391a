import type * as pulumi from "@pulumi/pulumi";

import { VpsDetail } from "../client";
import { isSet, isUnknown, partialFailure } from "../checks";
import { apiContext, operationDeadline } from "../context";
import * as log from "../log";
import { VpsInputs, VpsOutputs, checkVps } from "./vps-inputs";
import { converge, vpsLabel, waitUntilBuilt } from "./vps-machine";
import { adopt, checkCatalogue, order } from "./vps-order";

const NO_CHANGES = { rebuild: false, restart: false };

/** Dynamic provider of the `Vps` resource. */
export const vpsProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    return checkVps(news);
  },

  async diff(_id: string, olds: VpsOutputs, news: VpsInputs): Promise<pulumi.dynamic.DiffResult> {
    // The API cannot change a machine's product or hostname, and another vpsId is another machine:
    // each of these orders (or adopts) a new one.
    const replaces: string[] = (["productId", "hostname"] as const).filter(
      (field) => isUnknown(news[field]) || olds[field] !== news[field],
    );
    if (isSet(news.vpsId) && (isUnknown(news.vpsId) || news.vpsId !== olds.vpsId)) {
      replaces.push("vpsId");
    }
    if (replaces.length > 0) {
      return { changes: true, replaces, deleteBeforeReplace: false };
    }

    const rebuildFields = fieldsNeedingRebuild(olds, news);
    if (rebuildFields.length > 0 && !isUnknown(news.allowRebuild) && news.allowRebuild !== true) {
      throw rebuildNotAllowed(olds, news, rebuildFields);
    }

    const changed = [...rebuildFields];
    if (olds.powerState !== news.powerState) {
      changed.push("powerState");
    }
    if (olds.suspended !== news.suspended) {
      changed.push("suspended");
    }
    if ((olds.restartTrigger ?? "") !== (news.restartTrigger ?? "")) {
      changed.push("restartTrigger");
    }
    if ((olds.onDelete ?? "poweroff") !== news.onDelete) {
      changed.push("onDelete");
    }
    return { changes: changed.length > 0, replaces: [], stables: ["vpsId"] };
  },

  async create(inputs: VpsInputs): Promise<pulumi.dynamic.CreateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    if (inputs.vpsId !== undefined) {
      const adopted = await adopt(context, inputs.vpsId, inputs, deadline);
      return { id: String(adopted.id), outs: outputsOf(inputs, adopted) };
    }

    await checkCatalogue(context, inputs, deadline);
    const id = await order(context, inputs, deadline);
    const label = vpsLabel(inputs.hostname, id);

    try {
      const built = await waitUntilBuilt(context, id, label, deadline);
      const live = await converge(context, built, inputs, NO_CHANGES, deadline);
      return { id: String(id), outs: outputsOf(inputs, live) };
    } catch (error) {
      const ordered = outputsOf(inputs, {
        id,
        status: "building",
        building: true,
        suspended: false,
      });
      throw partialFailure(
        String(id),
        ordered,
        `${label} is ordered, but waiting for its build or setting its power state failed: ${messageOf(error)}. ` +
          "Run `pulumi up` again to finish.",
      );
    }
  },

  async read(
    id: string,
    props: Partial<VpsOutputs> | undefined,
  ): Promise<pulumi.dynamic.ReadResult> {
    const context = apiContext();
    const vpsId = props?.vpsId ?? Number(id);
    const live = await context.vps.detail(vpsId, { deadline: operationDeadline(context) });
    if (!live) {
      return {};
    }

    // Inputs the API never returns (the password and the provider's own settings) come from the
    // stored state, so a refresh or an import never plans a rebuild for them.
    const declared: VpsInputs = dropUndefined({
      productId: props?.productId ?? live.productId ?? "",
      osId: props?.osId ?? live.osId ?? 0,
      hostname: props?.hostname ?? live.hostname ?? "",
      rootPassword: props?.rootPassword as string,
      period: props?.period ?? 1,
      powerState: props?.powerState ?? "running",
      suspended: props?.suspended ?? false,
      restartTrigger: props?.restartTrigger,
      allowRebuild: props?.allowRebuild ?? false,
      onDelete: props?.onDelete ?? "poweroff",
    });
    const outs = outputsOf(declared, live);
    const { vpsId: _id, status, productName, osName, ipv4, ipv6, ...inputs } = outs;
    return { id: String(live.id), props: outs, inputs };
  },

  async update(
    id: string,
    olds: VpsOutputs,
    news: VpsInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const vpsId = olds.vpsId ?? Number(id);
    const label = vpsLabel(news.hostname, vpsId);

    const live = await waitUntilBuilt(context, vpsId, label, deadline);
    const rebuildFields = fieldsNeedingRebuild({ ...olds, osId: live.osId ?? olds.osId }, news);
    if (rebuildFields.length > 0 && news.allowRebuild !== true) {
      throw rebuildNotAllowed(olds, news, rebuildFields);
    }
    const changes = {
      rebuild: rebuildFields.length > 0,
      restart: (olds.restartTrigger ?? "") !== (news.restartTrigger ?? ""),
    };

    const after = await converge(context, live, news, changes, deadline);
    return { outs: outputsOf(news, after) };
  },

  async delete(id: string, props: VpsOutputs): Promise<void> {
    const context = apiContext();
    const deadline = operationDeadline(context);
    const vpsId = props?.vpsId ?? Number(id);
    const label = vpsLabel(props?.hostname ?? "(unknown hostname)", vpsId);
    const cancel = `The API has no VPS terminate, so the order and its billing continue: cancel vps id ${vpsId} with Irsfa.`;

    if (props?.onDelete === "retain") {
      await log.warn(
        `${label} was removed from the stack and left as it is (onDelete "retain"). ${cancel}`,
      );
      return;
    }

    const live = await context.vps.detail(vpsId, { deadline });
    if (!live) {
      return;
    }
    const built = live.building ? await waitUntilBuilt(context, vpsId, label, deadline) : live;
    if (built.suspended) {
      await log.warn(
        `${label} is suspended, so it is off, and was removed from the stack. ${cancel}`,
      );
      return;
    }
    if (built.powerState === "stopped") {
      await log.warn(`${label} was already stopped and was removed from the stack. ${cancel}`);
      return;
    }
    await context.vps.act(vpsId, "poweroff", { deadline });
    await log.warn(`${label} was powered off and removed from the stack. ${cancel}`);
  },
};

/**
 * Returns the fields whose change needs a rebuild. A stored password that is absent (after an
 * import) is unknown rather than different, so it never plans a rebuild.
 */
function fieldsNeedingRebuild(olds: Partial<VpsOutputs>, news: VpsInputs): string[] {
  const fields: string[] = [];
  if (isUnknown(news.osId) || (olds.osId !== undefined && olds.osId !== news.osId)) {
    fields.push("osId");
  }
  if (
    isSet(olds.rootPassword) &&
    (isUnknown(news.rootPassword) || olds.rootPassword !== news.rootPassword)
  ) {
    fields.push("rootPassword");
  }
  return fields;
}

function rebuildNotAllowed(olds: Partial<VpsOutputs>, news: VpsInputs, fields: string[]): Error {
  const label = vpsLabel(news.hostname, olds.vpsId);
  const parts = fields.map((field) =>
    field === "osId" ? `osId from ${olds.osId} to ${news.osId}` : "rootPassword",
  );
  return new Error(
    `${label}: changing ${parts.join(" and ")} needs a rebuild, which reinstalls the machine and erases its disk. ` +
      "Set `allowRebuild: true` on this resource to rebuild it, or restore the previous value.",
  );
}

function outputsOf(inputs: VpsInputs, live: VpsDetail): VpsOutputs {
  // A suspended or building machine is off whatever its power state will be, so the declared
  // state is shown. Otherwise the live one is, and an out-of-band stop appears as drift.
  const showsDeclaredPower = live.suspended || live.building || live.powerState === undefined;
  return dropUndefined({
    ...inputs,
    vpsId: live.id,
    productId: live.productId ?? inputs.productId,
    osId: live.osId ?? inputs.osId,
    hostname: live.hostname ?? inputs.hostname,
    powerState: showsDeclaredPower ? inputs.powerState : live.powerState!,
    suspended: live.suspended,
    status: live.status,
    productName: live.productName ?? "",
    osName: live.osName ?? "",
    ipv4: live.ipv4 ?? "",
    ipv6: live.ipv6 ?? "",
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}

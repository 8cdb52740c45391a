import { VpsAction, VpsDetail } from "../client";
import { ApiContext } from "../context";
import * as log from "../log";
import { VpsInputs } from "./vps-inputs";

/** First and largest pause between two `vps/detail` polls while a machine builds, in milliseconds. */
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 5_000;

/** Returns the name of a machine in messages: its hostname and, once known, its vps id. */
export function vpsLabel(hostname: string, id?: number): string {
  return id === undefined ? `Vps ${hostname}` : `Vps ${hostname} (vps id ${id})`;
}

/** Returns the machine's details, or throws when it is no longer in the account. */
export async function requireDetail(
  context: ApiContext,
  id: number,
  label: string,
  deadline: number,
): Promise<VpsDetail> {
  const live = await context.vps.detail(id, { deadline });
  if (!live) {
    throw new Error(
      `${label} is no longer in the account (terminated or moved outside Pulumi). ` +
        "Run `pulumi refresh` to drop it from the stack.",
    );
  }
  return live;
}

/** Polls `vps/detail` until the machine is no longer building; throws once `deadline` passes. */
export async function waitUntilBuilt(
  context: ApiContext,
  id: number,
  label: string,
  deadline: number,
): Promise<VpsDetail> {
  let pauseMs = FIRST_POLL_MS;
  for (;;) {
    const live = await requireDetail(context, id, label, deadline);
    if (!live.building) {
      return live;
    }
    if (Date.now() + pauseMs >= deadline) {
      throw new Error(
        `${label} is still building after the operation timeout; raise irsfa:operationTimeoutMs ` +
          "or run `pulumi refresh` later to pick up its state.",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    pauseMs = Math.min(pauseMs * 2, MAX_POLL_MS);
  }
}

/** Changes of an update that need a call beyond the power and suspension state. */
export interface VpsChanges {
  /** Rebuild with the declared OS and root password. */
  rebuild: boolean;
  /** Restart a running machine, because `restartTrigger` changed. */
  restart: boolean;
}

/**
 * Brings a built machine to the declared OS, power state and suspension with one call per
 * difference, reading the machine again after each step that changes what the next one needs.
 * Returns the machine's details after the last step.
 */
export async function converge(
  context: ApiContext,
  live: VpsDetail,
  desired: VpsInputs,
  changes: VpsChanges,
  deadline: number,
): Promise<VpsDetail> {
  const label = vpsLabel(desired.hostname, live.id);
  const act = async (action: VpsAction) => {
    await log.info(`${label}: ${action}`);
    await context.vps.act(live.id, action, { deadline });
  };
  let current = live;
  let rebooted = false;

  // A suspended machine accepts no other call, so unsuspend comes first, also for a rebuild.
  if (current.suspended && (!desired.suspended || changes.rebuild)) {
    await act("unsuspend");
    current = await waitUntilBuilt(context, live.id, label, deadline);
  }
  if (changes.rebuild) {
    await log.info(`${label}: rebuilding with OS ${desired.osId}; this erases the disk`);
    await context.vps.rebuild(live.id, desired.osId, desired.rootPassword, { deadline });
    current = await waitUntilBuilt(context, live.id, label, deadline);
    rebooted = true;
  }

  // The power state is enforced only on a machine that stays unsuspended: a suspended one is off.
  if (!desired.suspended) {
    if (desired.powerState === "running" && current.powerState === "stopped") {
      await act("start");
      rebooted = true;
    } else if (desired.powerState === "stopped" && current.powerState === "running") {
      await act("stop");
    }
    if (changes.restart && desired.powerState === "running" && !rebooted) {
      await act("restart");
    } else if (changes.restart) {
      const reason =
        desired.powerState === "stopped"
          ? "it is declared stopped"
          : "it was just started or rebuilt";
      await log.info(
        `${label}: restartTrigger changed, but no restart is needed because ${reason}`,
      );
    }
  } else if (changes.restart) {
    await log.info(`${label}: restartTrigger changed, but a suspended machine is not restarted`);
  }
  if (desired.suspended && !current.suspended) {
    await act("suspend");
  }

  return requireDetail(context, live.id, label, deadline);
}

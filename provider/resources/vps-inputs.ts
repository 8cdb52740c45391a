import type * as pulumi from "@pulumi/pulumi";

import type { VpsPowerState } from "../client";
import { CheckFailures, isIntegerBetween, isSet, isUnknown } from "../checks";
import { normaliseHostname } from "../normalize";
import { passwordProblem } from "../password";

/** Action of delete on the machine: power it off (the default) or leave it running. */
export type VpsOnDelete = "poweroff" | "retain";

/** Vps inputs after `check`: the hostname normalised, defaults filled in. */
export interface VpsInputs {
  productId: string;
  osId: number;
  hostname: string;
  rootPassword: string;
  /** Billing period in months, used only when the VPS is ordered. */
  period: number;
  powerState: VpsPowerState;
  suspended: boolean;
  /** Any string; a change restarts a running machine. */
  restartTrigger?: string;
  /** Allows an `osId` or `rootPassword` change, which rebuilds the machine and erases its disk. */
  allowRebuild: boolean;
  onDelete: VpsOnDelete;
  /** Id of an existing VPS that create brings under management instead of ordering a new one. */
  vpsId?: number;
}

/** Vps state: the inputs plus what the API reports. */
export interface VpsOutputs extends VpsInputs {
  vpsId: number;
  /** Status as the API words it, e.g. `active`, `building`, `suspended`. */
  status: string;
  productName: string;
  osName: string;
  ipv4: string;
  ipv6: string;
}

/** Highest billing period accepted, in months. */
export const MAX_PERIOD_MONTHS = 36;

const KIND = "Vps";

/** Validates and normalises Vps inputs without calling the API. */
export function checkVps(news: Record<string, any>): pulumi.dynamic.CheckResult {
  const failures = new CheckFailures(KIND);
  const inputs: Record<string, any> = { ...news };

  if (!isSet(news.productId)) {
    failures.missing("productId", 'a VPS product id, e.g. "PR00056" (see getVpsProducts)');
  } else if (
    !isUnknown(news.productId) &&
    (typeof news.productId !== "string" || news.productId.trim() === "")
  ) {
    failures.add(
      "productId",
      `is ${JSON.stringify(news.productId)}; expected a product id such as "PR00056"`,
    );
  } else if (!isUnknown(news.productId)) {
    inputs.productId = news.productId.trim();
  }

  checkOsId(failures, news.osId, inputs);
  checkHostname(failures, news.hostname, inputs);

  if (!isSet(news.rootPassword)) {
    failures.missing("rootPassword", "a secret root password");
  } else if (!isUnknown(news.rootPassword)) {
    const problem = passwordProblem(news.rootPassword);
    if (problem !== undefined) {
      // The CLI prints the value of the property a failure names, secret or not (Pulumi 3.248), so
      // this failure names no property and puts the field name in its reason.
      failures.failures.push({ property: "", reason: `rootPassword ${problem}` });
    }
  }

  if (!isSet(news.period)) {
    inputs.period = 1;
  } else if (!isUnknown(news.period) && !isIntegerBetween(news.period, 1, MAX_PERIOD_MONTHS)) {
    failures.add(
      "period",
      `is ${JSON.stringify(news.period)}; expected whole months from 1 to ${MAX_PERIOD_MONTHS}`,
    );
  }

  checkChoice(failures, inputs, "powerState", news.powerState, ["running", "stopped"]);
  checkChoice(failures, inputs, "onDelete", news.onDelete, ["poweroff", "retain"]);
  checkBoolean(failures, inputs, "suspended", news.suspended);
  checkBoolean(failures, inputs, "allowRebuild", news.allowRebuild);

  if (
    isSet(news.restartTrigger) &&
    !isUnknown(news.restartTrigger) &&
    typeof news.restartTrigger !== "string"
  ) {
    failures.add("restartTrigger", `is ${JSON.stringify(news.restartTrigger)}; expected a string`);
  }
  if (isSet(news.vpsId) && !isUnknown(news.vpsId)) {
    const id =
      typeof news.vpsId === "string" && /^\d+$/.test(news.vpsId) ? Number(news.vpsId) : news.vpsId;
    if (isIntegerBetween(id, 1, Number.MAX_SAFE_INTEGER)) {
      inputs.vpsId = id;
    } else {
      failures.add(
        "vpsId",
        `is ${JSON.stringify(news.vpsId)}; expected the numeric id of a VPS in the account`,
      );
    }
  }

  return { inputs, failures: failures.failures };
}

function checkOsId(failures: CheckFailures, value: unknown, inputs: Record<string, any>): void {
  if (!isSet(value)) {
    failures.missing("osId", "a numeric OS id, e.g. 2 (see getVpsOperatingSystems)");
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  const id = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (isIntegerBetween(id, 1, Number.MAX_SAFE_INTEGER)) {
    inputs.osId = id;
  } else {
    failures.add("osId", `is ${JSON.stringify(value)}; expected a positive whole number such as 2`);
  }
}

function checkHostname(failures: CheckFailures, value: unknown, inputs: Record<string, any>): void {
  if (!isSet(value)) {
    failures.missing("hostname", 'a fully qualified hostname, e.g. "web1.example.co.id"');
    return;
  }
  if (isUnknown(value)) {
    return;
  }
  const hostname = typeof value === "string" ? normaliseHostname(value) : undefined;
  if (hostname?.ok) {
    inputs.hostname = hostname.value;
  } else {
    failures.add(
      "hostname",
      hostname ? hostname.reason : `is ${JSON.stringify(value)}; expected a hostname string`,
    );
  }
}

function checkChoice(
  failures: CheckFailures,
  inputs: Record<string, any>,
  field: string,
  value: unknown,
  choices: readonly string[],
): void {
  if (!isSet(value)) {
    inputs[field] = choices[0];
  } else if (!isUnknown(value) && !choices.includes(value as string)) {
    const expected = choices.map((choice) => `"${choice}"`).join(" or ");
    failures.add(
      field,
      `is ${JSON.stringify(value)}; expected ${expected} (default "${choices[0]}")`,
    );
  }
}

function checkBoolean(
  failures: CheckFailures,
  inputs: Record<string, any>,
  field: string,
  value: unknown,
): void {
  if (!isSet(value)) {
    inputs[field] = false;
  } else if (!isUnknown(value) && typeof value !== "boolean") {
    failures.add(field, `is ${JSON.stringify(value)}; expected true or false (default false)`);
  }
}

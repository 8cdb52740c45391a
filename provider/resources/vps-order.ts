import { IrsfaApiError, IrsfaTransportError, VpsDetail } from "../client";
import { ApiContext } from "../context";
import * as log from "../log";
import { VpsInputs } from "./vps-inputs";
import { converge, vpsLabel, waitUntilBuilt } from "./vps-machine";

/**
 * Orders a machine and returns its vps id. A request whose response was lost is not sent again,
 * and fails with the steps to bring a possibly ordered machine under management.
 */
export async function order(
  context: ApiContext,
  inputs: VpsInputs,
  deadline: number,
): Promise<number> {
  await log.info(
    `${vpsLabel(inputs.hostname)}: ordering product ${inputs.productId} for ${inputs.period} month(s)`,
  );
  let id: number | undefined;
  try {
    id = await context.vps.create(
      {
        productId: inputs.productId,
        osId: inputs.osId,
        hostname: inputs.hostname,
        rootPassword: inputs.rootPassword,
        period: inputs.period,
      },
      { deadline },
    );
  } catch (error) {
    throw orderMayHaveGoneThrough(error) ? lostOrderError(inputs.hostname, error) : error;
  }

  if (id === undefined) {
    throw new Error(
      `${vpsLabel(inputs.hostname)}: the order was accepted, but the response has no vps id, so the provider ` +
        "cannot manage the machine. Find its id in the Irsfa control panel, set `vpsId` on this resource to it " +
        "and run `pulumi up` again; do not remove `vpsId` before that, or a second VPS is ordered.",
    );
  }
  return id;
}

/**
 * Brings an existing machine under management by its id, after checking that it is the declared
 * one, and returns its details after setting the declared power state and suspension.
 */
export async function adopt(
  context: ApiContext,
  vpsId: number,
  inputs: VpsInputs,
  deadline: number,
): Promise<VpsDetail> {
  const label = vpsLabel(inputs.hostname, vpsId);
  const live = await waitUntilBuilt(context, vpsId, label, deadline);

  const mismatches: string[] = [];
  if (live.hostname !== undefined && live.hostname !== inputs.hostname) {
    mismatches.push(`hostname ${live.hostname}`);
  }
  if (live.productId !== undefined && live.productId !== inputs.productId) {
    mismatches.push(`productId ${live.productId}`);
  }
  if (live.osId !== undefined && live.osId !== inputs.osId) {
    mismatches.push(`osId ${live.osId}`);
  }
  if (mismatches.length > 0) {
    throw new Error(
      `${label}: the VPS with this id has ${mismatches.join(", ")}, which differs from the declared values. ` +
        "Declare the live values to bring it under management; change them afterwards if needed.",
    );
  }

  await log.info(
    `${label}: bringing the existing VPS under management; its root password is taken as declared`,
  );
  return converge(context, live, inputs, { rebuild: false, restart: false }, deadline);
}

/**
 * Checks the product and OS ids against the catalogue before an order, so that a typo fails with
 * the list of valid ids rather than the API's bare "selected product id is invalid".
 */
export async function checkCatalogue(
  context: ApiContext,
  inputs: VpsInputs,
  deadline: number,
): Promise<void> {
  const [products, systems] = await Promise.all([
    context.vps.products({ deadline }),
    context.vps.operatingSystems({ deadline }),
  ]);
  const problems: string[] = [];
  if (products.length > 0 && !products.some((product) => product.id === inputs.productId)) {
    const valid = products.map((product) => `${product.id} (${product.name})`).join(", ");
    problems.push(`productId "${inputs.productId}" is not a VPS product; valid ids: ${valid}`);
  }
  if (systems.length > 0 && !systems.some((os) => os.id === inputs.osId)) {
    const valid = systems.map((os) => `${os.id} (${os.name})`).join(", ");
    problems.push(`osId ${inputs.osId} is not an available OS; valid ids: ${valid}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `${vpsLabel(inputs.hostname)}: ${problems.join(". ")}. Use getVpsProducts or getVpsOperatingSystems to pick by name.`,
    );
  }
}

/** Returns true when a failed order may still have reached the API and been placed. */
export function orderMayHaveGoneThrough(error: unknown): boolean {
  if (error instanceof IrsfaTransportError) {
    return error.maybeDelivered;
  }
  // A gateway timeout means the API received the request but its outcome is unknown.
  return error instanceof IrsfaApiError && error.status === 504;
}

/**
 * Builds the error for an order whose response was lost. The API has no VPS list or lookup by
 * hostname, so the provider cannot learn whether the order was placed and must not send it again.
 */
export function lostOrderError(hostname: string, error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(
    `${vpsLabel(hostname)}: the order was sent but its response was lost (${detail}), so the VPS may have ` +
      "been ordered. It was not sent again, because the API cannot look up a VPS by hostname. " +
      `Look for a VPS named ${hostname} in the Irsfa control panel: if it exists, set \`vpsId\` on this ` +
      "resource to its id and run `pulumi up` to bring it under management; if it does not, run `pulumi up` again.",
  );
}

import { HostingServiceIdMissingError, IrsfaApiError, IrsfaTransportError } from "../client";
import { ApiContext } from "../context";
import * as log from "../log";
import type { HostingAccountInputs } from "./hosting-account";

const KIND = "HostingAccount";

/** Fails with the valid product ids when the catalogue does not list the declared one. */
export async function checkProductExists(
  context: ApiContext,
  inputs: HostingAccountInputs,
  deadline: number,
): Promise<void> {
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
export async function orderHosting(
  context: ApiContext,
  inputs: HostingAccountInputs,
  deadline: number,
): Promise<number> {
  await log.info(
    `${KIND} ${inputs.domain}: ordering product ${inputs.productId} for ${inputs.period} month(s)`,
  );
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { DomainInfo, IrsfaTransportError, IrsfaValidationError } from "../client";
import type { ApiContext } from "../context";
import * as log from "../log";
import type { NormalisedDomain } from "../normalize";
import { RegistrantInputs, registrantParams } from "../registrant";

const KIND = "Domain";

/** Resource inputs that a registration or a transfer order needs. */
export interface OrderInputs {
  nameservers: string[];
  period: number;
  description: string;
  registrant?: RegistrantInputs;
}

/** Registers a domain that is not in the account, and returns its details as `domain/info` reports them. */
export async function register(
  context: ApiContext,
  domain: NormalisedDomain,
  inputs: OrderInputs,
  deadline: number,
): Promise<DomainInfo> {
  if (!inputs.registrant) {
    throw new Error(
      `${KIND} ${domain.fqdn} is not in the account, so it must be registered, which needs registrant details: ` +
        "set `registrant` (company, names, address, email, phone), or set `transfer` to transfer it in.",
    );
  }

  await log.info(`${KIND} ${domain.fqdn}: registering for ${inputs.period} year(s)`);
  try {
    await context.domains.register(
      domain,
      {
        period: inputs.period,
        nameservers: inputs.nameservers,
        description: inputs.description,
        registrant: registrantParams(inputs.registrant),
      },
      { deadline },
    );
  } catch (error) {
    return afterLostResponse(context, domain, error, "registration", deadline);
  }

  return infoAfterOrder(context, domain, "registration", deadline);
}

/**
 * Starts the transfer of a domain from another registrar with its auth code, and returns its
 * details. The status reads as pending until the registry completes the transfer. A rejected
 * transfer places nothing, and the error never contains the auth code.
 */
export async function transferIn(
  context: ApiContext,
  domain: NormalisedDomain,
  inputs: OrderInputs,
  authCode: string,
  deadline: number,
): Promise<DomainInfo> {
  await log.info(`${KIND} ${domain.fqdn}: transferring it in from its current registrar`);
  try {
    await context.domains.transfer(
      domain,
      {
        authCode,
        nameservers: inputs.nameservers,
        description: inputs.description,
        registrant: inputs.registrant ? registrantParams(inputs.registrant) : undefined,
      },
      { deadline },
    );
  } catch (error) {
    if (error instanceof IrsfaValidationError) {
      throw new Error(
        `${KIND} ${domain.fqdn}: the transfer was rejected, and nothing was placed: ${rejectionReason(error)}. ` +
          "Check that the domain is unlocked at its current registrar and that transfer.authCode is its current auth code.",
      );
    }
    return afterLostResponse(context, domain, error, "transfer", deadline);
  }

  return infoAfterOrder(context, domain, "transfer", deadline);
}

/**
 * Handles a failed order: after a lost response the domain can be looked up to learn whether the
 * order went through, without placing it a second time. Any other failure is thrown as it is.
 */
async function afterLostResponse(
  context: ApiContext,
  domain: NormalisedDomain,
  error: unknown,
  order: string,
  deadline: number,
): Promise<DomainInfo> {
  if (!(error instanceof IrsfaTransportError && error.maybeDelivered)) {
    throw error;
  }
  const after = await context.domains.info(domain, { deadline });
  if (!after) {
    throw error;
  }
  await log.info(
    `${KIND} ${domain.fqdn}: the ${order} response was lost, but the domain is in the account`,
  );
  return after;
}

async function infoAfterOrder(
  context: ApiContext,
  domain: NormalisedDomain,
  order: string,
  deadline: number,
): Promise<DomainInfo> {
  const info = await context.domains.info(domain, { deadline });
  if (!info) {
    throw new Error(
      `${KIND} ${domain.fqdn}: the ${order} succeeded, but domain/info does not report the domain yet`,
    );
  }
  return info;
}

/** Returns the API's field messages of a rejected transfer, or its message when it gave none. */
function rejectionReason(error: IrsfaValidationError): string {
  const messages = Object.values(error.fieldErrors).flat();
  return messages.length > 0 ? messages.join(" ") : error.apiMessage || `HTTP ${error.status}`;
}

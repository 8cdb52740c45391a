import type * as pulumi from "@pulumi/pulumi";

import { IrsfaTransportError, SslApi, SslOrder } from "../client";
import { apiContext, operationDeadline } from "../context";
import { csrFingerprint } from "../csr";
import { withKeyLock } from "../locks";
import * as log from "../log";
import { sameList } from "../normalize";
import { KIND, SslCertificateInputs, checkSslInputs } from "./ssl-certificate-check";
import {
  SslCertificateOutputs,
  findNewOrder,
  importedInputs,
  inputsOf,
  orderRequest,
  outputsOf,
  renewalDue,
  settleOutputs,
} from "./ssl-certificate-order";

export { SslCertificateOutputs, findNewOrder, renewalDue };

/** Dynamic provider of the `SslCertificate` resource. */
export const sslCertificateProvider = {
  async check(_olds: unknown, news: Record<string, any>): Promise<pulumi.dynamic.CheckResult> {
    const { inputs, failures } = await checkSslInputs(news);
    return { inputs, failures: failures.failures };
  },

  async diff(
    _id: string,
    olds: SslCertificateOutputs,
    news: SslCertificateInputs,
  ): Promise<pulumi.dynamic.DiffResult> {
    const changed = [...reissueChanges(olds, news), ...settingChanges(olds, news)];
    if (!sameMethods(olds, news)) {
      changed.push("domainValidation");
    }
    if (renewalDue(olds, news.renewWithinDays, olds.expiresAt)) {
      changed.push("expiresAt");
    }
    // Another product is another order: the API cannot move an order between products.
    const replaces = olds.productId !== news.productId ? ["productId"] : [];
    return {
      changes: changed.length + replaces.length > 0,
      replaces,
      stables: ["orderId"],
      deleteBeforeReplace: false,
    };
  },

  async create(inputs: SslCertificateInputs): Promise<pulumi.dynamic.CreateResult> {
    const { ssl } = apiContext();
    const deadline = operationDeadline(apiContext());
    const request = orderRequest(inputs);
    if (inputs.adoptOrderId !== undefined) {
      return adopt(ssl, inputs, deadline);
    }

    // Two certificates for the same hostname created at once would both find the first new
    // order in the list, so ordering and finding run one at a time per hostname.
    const { order, lost } = await withKeyLock(`ssl:${inputs.hostnames[0]}`, async () => {
      const known = new Set(
        (await ssl.listOrders(inputs.hostnames[0], { deadline })).map((order) => order.id),
      );
      await log.info(
        `${KIND} ${inputs.hostnames.join(", ")}: ordering product ${inputs.productId} for ${inputs.period} year(s)`,
      );
      let lost: IrsfaTransportError | undefined;
      try {
        await ssl.create(request, { deadline });
      } catch (error) {
        // A lost response may hide a placed order, which the list lookup below finds.
        if (!(error instanceof IrsfaTransportError && error.maybeDelivered)) {
          throw error;
        }
        lost = error;
      }

      return { order: await findNewOrder(ssl, request, known, deadline), lost };
    });
    if (!order) {
      const outcome = lost
        ? `the ssl/create response was lost (${lost.message})`
        : "ssl/create succeeded";
      throw new Error(
        `${KIND} ${inputs.hostnames[0]}: ${outcome}, but no new order for product ${inputs.productId} with this CSR ` +
          "appeared in ssl/list. Check the account before running up again: if the order is there, set " +
          "adoptOrderId to its id so that up takes it over instead of ordering a second certificate.",
      );
    }
    const outs = await settleOutputs(ssl, inputs, order, "", deadline);
    return { id: String(order.id), outs };
  },

  async read(
    id: string,
    props: SslCertificateOutputs | undefined,
  ): Promise<pulumi.dynamic.ReadResult> {
    const { ssl } = apiContext();
    const order = await ssl.detail(Number(props?.orderId ?? id), {
      deadline: operationDeadline(apiContext()),
    });
    if (!order) {
      return {};
    }

    const declared = props ?? importedInputs(order);
    const outs = outputsOf(declared, order, props?.renewedForExpiry ?? "");
    return { id, props: outs, inputs: inputsOf(outs) };
  },

  async update(
    id: string,
    olds: SslCertificateOutputs,
    news: SslCertificateInputs,
  ): Promise<pulumi.dynamic.UpdateResult> {
    const { ssl } = apiContext();
    const deadline = operationDeadline(apiContext());
    const orderId = olds.orderId ?? Number(id);
    const live = await ssl.detail(orderId, { deadline });
    if (!live) {
      throw new Error(
        `${KIND} order ${orderId} is no longer in the account. Run \`pulumi refresh\` to drop it from the stack.`,
      );
    }

    const { outs } = await reconcile(ssl, orderId, olds, news, live, deadline);
    return { outs };
  },

  async delete(id: string, props: SslCertificateOutputs): Promise<void> {
    await log.warn(
      `${KIND} order ${props?.orderId ?? id} was removed from the stack, but the API has no cancel endpoint: ` +
        `the order stays in the account and an issued certificate stays valid until ${props?.expiresAt || "it expires"}.`,
    );
  },
};

/**
 * Takes over an existing order instead of placing one, then brings it to the declared inputs.
 * The product must match, because the API cannot move an order to another product.
 */
async function adopt(
  ssl: SslApi,
  inputs: SslCertificateInputs,
  deadline: number,
): Promise<pulumi.dynamic.CreateResult> {
  const id = inputs.adoptOrderId as number;
  const live = await ssl.detail(id, { deadline });
  if (!live) {
    throw new Error(
      `${KIND}.adoptOrderId: order ${id} is not in the account; check the id in ssl/list or the control panel`,
    );
  }
  if (live.productId !== inputs.productId) {
    throw new Error(
      `${KIND}.adoptOrderId: order ${id} is for product ${live.productId}, but productId is ${inputs.productId}. ` +
        `Declare productId "${live.productId}" to adopt it.`,
    );
  }

  await log.info(`${KIND} order ${id}: adopting the existing order instead of placing a new one`);
  const olds = outputsOf(importedInputs(live), live, "");
  return { id: String(id), outs: (await reconcile(ssl, id, olds, inputs, live, deadline)).outs };
}

/** Reissues, modifies and renews the order as the difference between `olds` and `news` requires. */
async function reconcile(
  ssl: SslApi,
  orderId: number,
  olds: SslCertificateOutputs,
  news: SslCertificateInputs,
  live: SslOrder,
  deadline: number,
): Promise<{ outs: SslCertificateOutputs }> {
  const request = orderRequest(news);
  const reissue = reissueChanges(olds, news);
  if (reissue.length > 0) {
    await log.info(`${KIND} order ${orderId}: reissuing because ${reissue.join(", ")} changed`);
    await ssl.reissue(orderId, request, { deadline });
  }

  // A reissue keeps or defaults the methods per hostname on the API's side, so compare afterwards.
  const methodsDiffer =
    reissue.length > 0
      ? !sameMethodList(
          ((await ssl.detail(orderId, { deadline })) ?? live).validationMethods,
          news.domainValidation,
        )
      : !sameMethods(olds, news);
  if (methodsDiffer) {
    await ssl.modify(orderId, request.validationMethods, { deadline });
  }

  let renewedForExpiry = olds.renewedForExpiry ?? "";
  if (
    renewalDue(
      { ...olds, status: live.status, renewedForExpiry },
      news.renewWithinDays,
      live.expiresAt,
    )
  ) {
    await log.info(`${KIND} order ${orderId}: renewing, since it expires on ${live.expiresAt}`);
    orderId = (await ssl.renew(orderId, request, { deadline })) ?? orderId;
    renewedForExpiry = live.expiresAt;
  }

  const after = (await ssl.detail(orderId, { deadline })) ?? live;
  return { outs: await settleOutputs(ssl, news, after, renewedForExpiry, deadline) };
}

/** Fields whose change reissues the certificate on the same order. */
function reissueChanges(olds: SslCertificateOutputs, news: SslCertificateInputs): string[] {
  const changed: string[] = [];
  if (!sameList(olds.hostnames, news.hostnames)) {
    changed.push("hostnames");
  }
  if (csrFingerprint(olds.csr ?? "") !== csrFingerprint(news.csr ?? "")) {
    changed.push("csr");
  }
  for (const field of ["contact", "approvalEmail", "clientEmail", "clientPhone"] as const) {
    // An imported order has no client email or phone, because ssl/detail does not report them.
    if (olds[field] !== undefined && olds[field] !== news[field]) {
      changed.push(field);
    }
  }
  return changed;
}

/** Fields that only change how the provider behaves, without an API call. */
function settingChanges(olds: SslCertificateOutputs, news: SslCertificateInputs): string[] {
  const fields = [
    "period",
    "waitForIssuance",
    "issuanceTimeoutSeconds",
    "renewWithinDays",
  ] as const;
  return fields.filter((field) => olds[field] !== news[field]);
}

function sameMethods(olds: SslCertificateOutputs, news: SslCertificateInputs): boolean {
  return sameMethodList(olds.domainValidation ?? [], news.domainValidation ?? []);
}

function sameMethodList(
  left: Array<{ hostname: string; method: string }>,
  right: Array<{ hostname: string; method: string }>,
): boolean {
  const text = (list: Array<{ hostname: string; method: string }>) =>
    list.map(({ hostname, method }) => `${hostname}=${method.toLowerCase()}`).sort();
  return sameList(text(left), text(right));
}

import { isIP } from "node:net";

import { ApiError, ApiRequest, invalid, notFound } from "../http";
import { RouteContext, Router } from "../router";
import { HostRecord } from "../state";
import { HOSTNAME_PATTERN, validate } from "../validation";

const HOST_FIELD = {
  host: {
    type: "string" as const,
    pattern: HOSTNAME_PATTERN,
    patternMessage: "The host must be a hostname such as ns1.example.id.",
  },
};

/** Adds the glue host endpoints: nameserver get, create and delete. */
export function registerHostRoutes(router: Router): void {
  router.read("POST", "api/rest/v3/domain/nameserver/get", getHost);
  router.write("POST", "api/rest/v3/domain/nameserver/create", createHost);
  router.write("DELETE", "api/rest/v3/domain/nameserver/delete", deleteHost);
}

/**
 * Returns the `nameserver/get` data of a host. The reference shows `{}`; the simulator returns the
 * id that delete needs, the host, both addresses and the parent domain.
 */
export function hostData(host: HostRecord): Record<string, unknown> {
  return { id: host.id, host: host.host, ipv4: host.ipv4, ipv6: host.ipv6, domain: host.domain };
}

function getHost(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, HOST_FIELD);
  const host = context.store.state.hosts[fields.host.toLowerCase()];
  if (!host) {
    notFound("Nameserver not found in your account!");
  }
  return hostData(host);
}

function createHost(request: ApiRequest, context: RouteContext): unknown {
  // The reference marks ipv6 mandatory; the simulator takes an empty string for a host without IPv6.
  const fields = validate(request.body, {
    ...HOST_FIELD,
    ipv4: { type: "string" },
    ipv6: { type: "string", presentOnly: true },
  });
  const name = fields.host.toLowerCase();
  const { hosts, domains } = context.store.state;

  const errors: Record<string, string[]> = {};
  if (isIP(fields.ipv4) !== 4) {
    errors.ipv4 = ["The ipv4 must be a valid IPv4 address."];
  }
  if (fields.ipv6 !== "" && isIP(fields.ipv6) !== 6) {
    errors.ipv6 = ["The ipv6 must be a valid IPv6 address."];
  }
  if (Object.keys(errors).length > 0) {
    throw new ApiError(422, "The given data was invalid.", errors);
  }

  const parent = Object.keys(domains).find((domain) => name.endsWith(`.${domain}`));
  if (!parent) {
    invalid("host", `The host ${name} must be under a domain in your account.`);
  }
  if (hosts[name]) {
    invalid("host", `The host ${name} already exists.`);
  }

  const record: HostRecord = {
    id: context.store.nextId("host"),
    host: name,
    ipv4: fields.ipv4,
    ipv6: fields.ipv6,
    domain: parent,
  };
  hosts[name] = record;
  return hostData(record);
}

function deleteHost(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    nameserver_id: { type: "integer", min: 1 },
    ...HOST_FIELD,
  });
  const name = fields.host.toLowerCase();
  const host = context.store.state.hosts[name];
  if (!host || host.id !== fields.nameserver_id) {
    notFound(`Nameserver ${name} with id ${fields.nameserver_id} not found in your account!`);
  }
  delete context.store.state.hosts[name];
  return {};
}

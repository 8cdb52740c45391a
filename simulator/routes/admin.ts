import { isIP } from "node:net";

import { ApiError, ApiRequest, notFound } from "../http";
import { RouteContext, Router } from "../router";
import type { Fault, SimulatorRuntime } from "../server";
import { randomCode } from "../state";
import { HOSTNAME_PATTERN, validate } from "../validation";
import { refreshLifecycle } from "./domain";

/**
 * Adds the test-only admin routes, served under the admin prefix without authentication: reset,
 * the request log, fault injection, and out-of-band changes that make drift.
 */
export function registerAdminRoutes(admin: Router, runtime: SimulatorRuntime): void {
  admin.write("POST", "reset", (_request, context) => {
    context.store.reset();
    runtime.requestLog.length = 0;
    runtime.faults.length = 0;
    return {};
  });

  admin.read("GET", "requests", () => runtime.requestLog);
  admin.write("DELETE", "requests", () => {
    runtime.requestLog.length = 0;
    return {};
  });

  admin.write("POST", "faults", (request) => {
    runtime.faults.push(parseFault(request));
    return { armed: runtime.faults.length };
  });
  admin.write("DELETE", "faults", () => {
    runtime.faults.length = 0;
    return {};
  });

  admin.write("POST", "tokens/revoke", (_request, context) => {
    context.store.state.tokens = {};
    return {};
  });

  admin.write("POST", "clients", (request, context) => {
    const fields = validate(request.body, {
      clientId: { type: "string" },
      clientSecret: { type: "string" },
    });
    context.settings.clients = { [fields.clientId]: fields.clientSecret };
    return { clientId: fields.clientId };
  });

  admin.write("POST", "domains/change", changeDomain);
  admin.write("POST", "hosts/change", changeHost);
  admin.write("POST", "registry", addForeignDomain);
  admin.read("GET", "state", (_request, context) => context.store.state);
}

function parseFault(request: ApiRequest): Fault {
  const fields = validate(request.body, {
    path: { type: "string" },
    mode: { type: "string", oneOf: ["status", "drop", "delay", "html"] },
    status: { type: "integer", required: false, min: 100, max: 599 },
    retryAfter: { type: "string", required: false },
    delayMs: { type: "integer", required: false, min: 0 },
    count: { type: "integer", required: false, min: 1 },
  });
  return fields as Fault;
}

/**
 * Changes a domain as if someone had used the registrar's control panel: nameservers, lock,
 * expiry, status, or removal from the account.
 */
function changeDomain(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    domain: { type: "string" },
    nameservers: { type: "string[]", required: false, pattern: HOSTNAME_PATTERN },
    locked: { type: "any", required: false },
    expiresOn: { type: "string", required: false, pattern: /^\d{4}-\d{2}-\d{2}$/ },
    status: { type: "string", required: false },
    remove: { type: "any", required: false },
  });
  const name = fields.domain.toLowerCase();
  const domain = context.store.state.domains[name];
  if (!domain) {
    notFound(`Domain ${name} is not in the account.`);
  }

  if (fields.remove === true) {
    delete context.store.state.domains[name];
    return { removed: name };
  }
  if (fields.nameservers) {
    domain.nameservers = fields.nameservers.map((ns: string) => ns.toLowerCase());
  }
  if (typeof fields.locked === "boolean") {
    domain.locked = fields.locked;
  }
  if (fields.expiresOn) {
    domain.expiresOn = fields.expiresOn;
    refreshLifecycle(domain);
  }
  if (fields.status) {
    domain.status = fields.status;
  }
  return domain;
}

/** Changes or removes a glue host out of band. */
function changeHost(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    host: { type: "string" },
    ipv4: { type: "string", required: false },
    ipv6: { type: "string", required: false, presentOnly: false },
    remove: { type: "any", required: false },
  });
  const name = fields.host.toLowerCase();
  const host = context.store.state.hosts[name];
  if (!host) {
    notFound(`Host ${name} is not in the account.`);
  }

  if (fields.remove === true) {
    delete context.store.state.hosts[name];
    return { removed: name };
  }
  if (fields.ipv4 !== undefined) {
    if (isIP(fields.ipv4) !== 4) {
      throw new ApiError(422, `${fields.ipv4} is not an IPv4 address.`);
    }
    host.ipv4 = fields.ipv4;
  }
  if (fields.ipv6 !== undefined) {
    host.ipv6 = fields.ipv6;
  }
  return host;
}

/** Registers a domain to another registrant, so that it reads as taken and can be transferred in. */
function addForeignDomain(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    domain: { type: "string", pattern: HOSTNAME_PATTERN },
    authCode: { type: "string", required: false },
    locked: { type: "any", required: false },
    expiresOn: { type: "string", required: false, pattern: /^\d{4}-\d{2}-\d{2}$/ },
  });
  const domain = fields.domain.toLowerCase();
  const record = {
    domain,
    authCode: fields.authCode ?? randomCode(),
    locked: fields.locked === true,
    expiresOn: fields.expiresOn ?? "2030-01-01",
  };
  context.store.state.foreignDomains[domain] = record;
  return record;
}

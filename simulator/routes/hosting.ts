import { createHash, randomBytes } from "node:crypto";

import { ApiError, ApiRequest, invalid, notFound } from "../http";
import { RouteContext, Router } from "../router";
import { HOSTNAME_PATTERN, passwordProblems, validate } from "../validation";
import { addDays, isoDate } from "./domain";

/** A hosting plan the simulated reseller sells. */
export interface HostingProductRecord {
  product_id: string;
  name: string;
  disk_mb: number;
  bandwidth_gb: number;
  /** Price of one month in rupiah. */
  price_monthly: number;
}

/**
 * Lifecycle status of a hosting service. `Terminated` is a service cancelled with the provider,
 * which the API itself cannot do, so only the admin routes set it.
 */
export type HostingStatus = "Active" | "Suspended" | "Terminated";

/** A hosting service in the account. The password is kept only as a salted SHA-256 digest. */
export interface HostingServiceRecord {
  serviceId: number;
  domain: string;
  productId: string;
  username: string;
  email: string;
  passwordSalt: string;
  passwordSha256: string;
  period: number;
  status: HostingStatus;
  registeredOn: string;
  nextDueDate: string;
}

/** The hosting section of the simulator state. */
export interface HostingSection {
  services: Record<string, HostingServiceRecord>;
}

/** The product catalogue of `hosting/product`. `PR0008` is the id the API reference's example uses. */
export const HOSTING_PRODUCTS: readonly HostingProductRecord[] = [
  {
    product_id: "PR0001",
    name: "Hosting Starter",
    disk_mb: 1024,
    bandwidth_gb: 10,
    price_monthly: 15000,
  },
  {
    product_id: "PR0002",
    name: "Hosting Personal",
    disk_mb: 5120,
    bandwidth_gb: 50,
    price_monthly: 35000,
  },
  {
    product_id: "PR0003",
    name: "Hosting Business",
    disk_mb: 20480,
    bandwidth_gb: 200,
    price_monthly: 90000,
  },
  {
    product_id: "PR0008",
    name: "Hosting Enterprise",
    disk_mb: 51200,
    bandwidth_gb: 1000,
    price_monthly: 250000,
  },
];

const SERVICE_ID = { serviceID: { type: "integer" as const, min: 1 } };

/** Adds the hosting endpoints: product, create, detail, change-password, suspend and unsuspend. */
export function registerHostingRoutes(router: Router): void {
  router.read("GET", "api/rest/v3/hosting/product", () =>
    HOSTING_PRODUCTS.map((product) => ({ ...product })),
  );
  router.write("POST", "api/rest/v3/hosting/create", createService);
  router.read("POST", "api/rest/v3/hosting/detail", (request, context) =>
    serviceData(serviceOf(request, context)),
  );
  router.write("POST", "api/rest/v3/hosting/change-password", changePassword);
  router.write("POST", "api/rest/v3/hosting/suspend", suspend);
  router.write("POST", "api/rest/v3/hosting/unsuspend", unsuspend);
}

/**
 * Adds the test-only hosting admin route `POST hosting/change`, which changes a service as the
 * provider's staff would: suspend or unsuspend it, or terminate it after a cancellation.
 */
export function registerHostingAdminRoutes(admin: Router): void {
  admin.write("POST", "hosting/change", changeService);
}

/** Returns the hosting section of the state, creating it on first use. */
export function hostingSection(context: RouteContext): HostingSection {
  return context.store.section<HostingSection>("hosting", () => ({ services: {} }));
}

/**
 * Returns the `hosting/detail` data of a service. The reference shows `{}`; the simulator returns
 * the service id, the order's fields, the product name and the status, never the password.
 */
export function serviceData(service: HostingServiceRecord): Record<string, unknown> {
  const product = HOSTING_PRODUCTS.find((item) => item.product_id === service.productId);
  return {
    serviceID: service.serviceId,
    domain: service.domain,
    product_id: service.productId,
    product_name: product?.name ?? service.productId,
    username: service.username,
    email: service.email,
    period: service.period,
    status: service.status,
    registration_date: service.registeredOn,
    next_due_date: service.nextDueDate,
  };
}

function createService(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    domain: {
      type: "string",
      pattern: HOSTNAME_PATTERN,
      patternMessage: "The domain must be a domain name such as example.com.",
    },
    product_id: { type: "string", oneOf: HOSTING_PRODUCTS.map((product) => product.product_id) },
    username: {
      type: "string",
      max: 16,
      pattern: /^[A-Za-z0-9]+$/,
      patternMessage: "The username may only contain letters and numbers.",
    },
    email: {
      type: "string",
      pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
      patternMessage: "The email must be a valid email address.",
    },
    password: { type: "string" },
    period: { type: "integer", min: 1, max: 120 },
  });
  checkPassword(fields.password);

  const today = isoDate(new Date());
  const salt = randomBytes(8).toString("hex");
  const service: HostingServiceRecord = {
    serviceId: context.store.nextId("hostingService"),
    domain: fields.domain.toLowerCase(),
    productId: fields.product_id,
    username: fields.username,
    email: fields.email,
    passwordSalt: salt,
    passwordSha256: digest(salt, fields.password),
    period: fields.period,
    status: "Active",
    registeredOn: today,
    nextDueDate: addDays(today, 30 * fields.period),
  };
  hostingSection(context).services[service.serviceId] = service;
  return {
    serviceID: service.serviceId,
    domain: service.domain,
    product_id: service.productId,
    status: service.status,
  };
}

function changePassword(request: ApiRequest, context: RouteContext): unknown {
  const service = liveService(request, context);
  const fields = validate(request.body, { password: { type: "string" } });
  checkPassword(fields.password);

  service.passwordSalt = randomBytes(8).toString("hex");
  service.passwordSha256 = digest(service.passwordSalt, fields.password);
  return {};
}

function suspend(request: ApiRequest, context: RouteContext): unknown {
  const service = liveService(request, context);
  if (service.status === "Suspended") {
    invalid("serviceID", `The hosting service ${service.serviceId} is already suspended.`);
  }
  service.status = "Suspended";
  return {};
}

function unsuspend(request: ApiRequest, context: RouteContext): unknown {
  const service = liveService(request, context);
  if (service.status !== "Suspended") {
    invalid("serviceID", `The hosting service ${service.serviceId} is not suspended.`);
  }
  service.status = "Active";
  return {};
}

function serviceOf(request: ApiRequest, context: RouteContext): HostingServiceRecord {
  const fields = validate(request.body, SERVICE_ID);
  const service = hostingSection(context).services[fields.serviceID];
  if (!service) {
    notFound("Hosting service not found in your account!");
  }
  return service;
}

/** Returns the service named by the request, rejecting one that was terminated. */
function liveService(request: ApiRequest, context: RouteContext): HostingServiceRecord {
  const service = serviceOf(request, context);
  if (service.status === "Terminated") {
    invalid("serviceID", `The hosting service ${service.serviceId} is terminated.`);
  }
  return service;
}

function checkPassword(password: string): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw new ApiError(422, "The given data was invalid.", {
      password: [`The password must ${problems.join(", ")}.`],
    });
  }
}

function digest(salt: string, password: string): string {
  return createHash("sha256").update(`${salt}:${password}`).digest("hex");
}

/** Sets a service's status out of band, or removes it from the account. */
function changeService(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    serviceId: { type: "integer", min: 1 },
    status: { type: "string", required: false, oneOf: ["Active", "Suspended", "Terminated"] },
    remove: { type: "any", required: false },
  });
  const { services } = hostingSection(context);
  const service = services[fields.serviceId];
  if (!service) {
    notFound(`Hosting service ${fields.serviceId} is not in the account.`);
  }

  if (fields.remove === true) {
    delete services[fields.serviceId];
    return { removed: fields.serviceId };
  }
  if (fields.status) {
    service.status = fields.status as HostingStatus;
  }
  return serviceData(service);
}

/** Returns true when a password matches the digest stored for a service; for tests. */
export function hostingPasswordMatches(service: HostingServiceRecord, password: string): boolean {
  return digest(service.passwordSalt, password) === service.passwordSha256;
}

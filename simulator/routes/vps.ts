import { createHash } from "node:crypto";

import { ApiError, ApiRequest, invalid, notFound } from "../http";
import { RouteContext, Router } from "../router";
import { StateStore } from "../state";
import { HOSTNAME_PATTERN, Schema, passwordProblems, validate } from "../validation";

/** A VPS product of the simulated catalogue. */
export interface VpsProduct {
  product_id: string;
  name: string;
  cpu: number;
  memory_mb: number;
  disk_gb: number;
  /** Price per month in rupiah. */
  price_monthly: number;
}

/** An operating system image a VPS can be built or rebuilt with. */
export interface VpsOperatingSystem {
  osid: number;
  name: string;
}

/** A VPS in the reseller's account. */
export interface VpsRecord {
  id: number;
  productId: string;
  osId: number;
  hostname: string;
  /** SHA-256 of the root password: the simulator never stores a password in plain text. */
  passwordHash: string;
  /** Billing period in months. */
  period: number;
  /** Power state once built. A suspended machine is off regardless, and unsuspend returns it to this state. */
  power: "running" | "stopped";
  suspended: boolean;
  /** Epoch milliseconds until which the machine is `building` (after create or rebuild). */
  buildingUntil: number;
  ipv4: string;
  ipv6: string;
  createdOn: string;
  expiresOn: string;
}

/** The simulated VPS catalogue. The first id is the reference's example. */
export const VPS_PRODUCTS: readonly VpsProduct[] = [
  {
    product_id: "PR00056",
    name: "VPS Start 1",
    cpu: 1,
    memory_mb: 1024,
    disk_gb: 25,
    price_monthly: 75_000,
  },
  {
    product_id: "PR00057",
    name: "VPS Business 2",
    cpu: 2,
    memory_mb: 4096,
    disk_gb: 60,
    price_monthly: 190_000,
  },
  {
    product_id: "PR00058",
    name: "VPS Pro 4",
    cpu: 4,
    memory_mb: 8192,
    disk_gb: 120,
    price_monthly: 380_000,
  },
];

/** The simulated OS list. Ids 2 and 54 are the reference's create and rebuild examples. */
export const VPS_OPERATING_SYSTEMS: readonly VpsOperatingSystem[] = [
  { osid: 2, name: "Ubuntu 22.04 LTS" },
  { osid: 12, name: "Ubuntu 24.04 LTS" },
  { osid: 54, name: "Debian 12" },
  { osid: 61, name: "AlmaLinux 9" },
  { osid: 63, name: "Rocky Linux 9" },
];

const VPS_ID: Schema = { vpsID: { type: "integer", min: 1 } };

const PASSWORD_MESSAGE =
  "must be at least 6 characters and contain at least 2 non-alphanumeric characters, an uppercase letter and a digit";

/** Adds the VPS endpoints: product, osvps, create, detail, the power actions and rebuild. */
export function registerVpsRoutes(router: Router): void {
  router.read("GET", "api/rest/v3/vps/product", () =>
    VPS_PRODUCTS.map((product) => ({ ...product })),
  );
  router.read("GET", "api/rest/v3/vps/osvps", () => VPS_OPERATING_SYSTEMS.map((os) => ({ ...os })));
  router.write("POST", "api/rest/v3/vps/create", createVps);
  router.read("POST", "api/rest/v3/vps/detail", (request, context) =>
    vpsData(vpsInAccount(request, context)),
  );
  router.write("POST", "api/rest/v3/vps/start", start);
  router.write("POST", "api/rest/v3/vps/stop", (request, context) =>
    powerDown(request, context, "stopped"),
  );
  router.write("POST", "api/rest/v3/vps/poweroff", (request, context) =>
    powerDown(request, context, "powered off"),
  );
  router.write("POST", "api/rest/v3/vps/restart", restart);
  router.write("POST", "api/rest/v3/vps/suspend", suspend);
  router.write("POST", "api/rest/v3/vps/unsuspend", unsuspend);
  router.write("POST", "api/rest/v3/vps/rebuild", rebuild);
}

/**
 * Adds the test-only VPS admin route `vps/change`, which changes a machine as someone in the
 * control panel would: power, suspension, OS, the end of its build, or removal from the account.
 */
export function registerVpsAdminRoutes(admin: Router): void {
  admin.write("POST", "vps/change", changeVps);
}

/** Returns the VPS section of the state, creating it on first use. */
export function vpsMachines(store: StateStore): Record<string, VpsRecord> {
  return store.section("vps", () => ({ machines: {} as Record<string, VpsRecord> })).machines;
}

/** Returns whether the machine is still building at `now`. */
export function isBuilding(record: VpsRecord, now = Date.now()): boolean {
  return now < record.buildingUntil;
}

/**
 * Returns the `vps/detail` data of a machine. The reference shows `{}`; the simulator returns the
 * id, hostname, product, OS, `status` (building, active or suspended), `power_status` (running or
 * stopped), addresses, period and dates.
 */
export function vpsData(record: VpsRecord): Record<string, unknown> {
  const building = isBuilding(record);
  let status = "active";
  if (building) {
    status = "building";
  } else if (record.suspended) {
    status = "suspended";
  }
  const power = building || record.suspended ? "stopped" : record.power;
  return {
    vpsID: record.id,
    hostname: record.hostname,
    product_id: record.productId,
    product_name:
      VPS_PRODUCTS.find((product) => product.product_id === record.productId)?.name ?? "",
    osid: record.osId,
    os_name: VPS_OPERATING_SYSTEMS.find((os) => os.osid === record.osId)?.name ?? "",
    status,
    power_status: power,
    ipv4: record.ipv4,
    ipv6: record.ipv6,
    period: record.period,
    created_date: record.createdOn,
    expired_date: record.expiresOn,
  };
}

function createVps(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    product_id: { type: "string", oneOf: VPS_PRODUCTS.map((product) => product.product_id) },
    rootpass: { type: "string" },
    osid: { type: "integer", oneOf: VPS_OPERATING_SYSTEMS.map((os) => os.osid) },
    hostname: {
      type: "string",
      pattern: HOSTNAME_PATTERN,
      patternMessage: "The hostname must be a hostname such as yourhost.com.",
    },
    period: { type: "integer", min: 1, max: 36 },
  });
  checkPassword("rootpass", fields.rootpass);

  const id = context.store.nextId("vps");
  const today = new Date();
  const record: VpsRecord = {
    id,
    productId: fields.product_id,
    osId: fields.osid,
    hostname: fields.hostname.toLowerCase(),
    passwordHash: sha256(fields.rootpass),
    period: fields.period,
    power: "running",
    suspended: false,
    buildingUntil: Date.now() + context.settings.vpsBuildMs,
    ipv4: `198.51.100.${(id % 250) + 1}`,
    ipv6: `2001:db8:100::${id.toString(16)}`,
    createdOn: isoDate(today),
    expiresOn: addMonths(today, fields.period),
  };
  vpsMachines(context.store)[String(id)] = record;
  return { vpsID: id, status: "building" };
}

function vpsInAccount(request: ApiRequest, context: RouteContext): VpsRecord {
  const fields = validate(request.body, VPS_ID);
  const record = vpsMachines(context.store)[String(fields.vpsID)];
  if (!record) {
    notFound("VPS not found in your account!");
  }
  return record;
}

/** Returns the machine the request names once it is built and not suspended, or throws 422. */
function manageableVps(request: ApiRequest, context: RouteContext, action: string): VpsRecord {
  const record = vpsInAccount(request, context);
  if (isBuilding(record)) {
    invalid("vpsID", `The VPS ${record.id} is still being built and cannot be ${action} yet.`);
  }
  if (record.suspended) {
    invalid(
      "vpsID",
      `The VPS ${record.id} is suspended and cannot be ${action}; unsuspend it first.`,
    );
  }
  return record;
}

function start(request: ApiRequest, context: RouteContext): unknown {
  const record = manageableVps(request, context, "started");
  if (record.power === "running") {
    invalid("vpsID", `The VPS ${record.id} is already running.`);
  }
  record.power = "running";
  return vpsData(record);
}

function powerDown(
  request: ApiRequest,
  context: RouteContext,
  action: "stopped" | "powered off",
): unknown {
  const record = manageableVps(request, context, action);
  if (record.power === "stopped") {
    invalid("vpsID", `The VPS ${record.id} is already stopped.`);
  }
  record.power = "stopped";
  return vpsData(record);
}

function restart(request: ApiRequest, context: RouteContext): unknown {
  const record = manageableVps(request, context, "restarted");
  if (record.power !== "running") {
    invalid("vpsID", `The VPS ${record.id} is stopped; start it instead of restarting it.`);
  }
  return vpsData(record);
}

function suspend(request: ApiRequest, context: RouteContext): unknown {
  const record = vpsInAccount(request, context);
  if (isBuilding(record)) {
    invalid("vpsID", `The VPS ${record.id} is still being built and cannot be suspended yet.`);
  }
  if (record.suspended) {
    invalid("vpsID", `The VPS ${record.id} is already suspended.`);
  }
  // The machine goes off while suspended; `power` keeps the state that unsuspend returns it to.
  record.suspended = true;
  return vpsData(record);
}

function unsuspend(request: ApiRequest, context: RouteContext): unknown {
  const record = vpsInAccount(request, context);
  if (!record.suspended) {
    invalid("vpsID", `The VPS ${record.id} is not suspended.`);
  }
  record.suspended = false;
  return vpsData(record);
}

function rebuild(request: ApiRequest, context: RouteContext): unknown {
  const record = manageableVps(request, context, "rebuilt");
  const fields = validate(request.body, {
    osid: { type: "integer", oneOf: VPS_OPERATING_SYSTEMS.map((os) => os.osid) },
    newpass: { type: "string" },
    confirmation_new_pass: { type: "string" },
  });
  if (fields.newpass !== fields.confirmation_new_pass) {
    invalid("confirmation_new_pass", "The confirmation new pass and new pass must match.");
  }
  checkPassword("newpass", fields.newpass);

  record.osId = fields.osid;
  record.passwordHash = sha256(fields.newpass);
  record.power = "running";
  record.buildingUntil = Date.now() + context.settings.vpsBuildMs;
  return vpsData(record);
}

function changeVps(request: ApiRequest, context: RouteContext): unknown {
  const fields = validate(request.body, {
    ...VPS_ID,
    power: { type: "string", required: false, oneOf: ["running", "stopped"] },
    suspended: { type: "any", required: false },
    osId: { type: "integer", required: false },
    finishBuild: { type: "any", required: false },
    remove: { type: "any", required: false },
  });
  const machines = vpsMachines(context.store);
  const record = machines[String(fields.vpsID)];
  if (!record) {
    notFound(`VPS ${fields.vpsID} is not in the account.`);
  }

  if (fields.remove === true) {
    delete machines[String(record.id)];
    return { removed: record.id };
  }
  if (fields.power !== undefined) {
    record.power = fields.power;
  }
  if (typeof fields.suspended === "boolean") {
    record.suspended = fields.suspended;
  }
  if (fields.osId !== undefined) {
    record.osId = fields.osId;
  }
  if (fields.finishBuild === true) {
    record.buildingUntil = 0;
  }
  return vpsData(record);
}

/** Throws 422 naming each part of the password rule that `password` fails, never the value. */
function checkPassword(field: string, password: string): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) {
    throw new ApiError(422, "The given data was invalid.", {
      [field]: [
        `The ${field.replace(/_/g, " ")} ${PASSWORD_MESSAGE}; it does not ${problems.join(", ")}.`,
      ],
    });
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addMonths(date: Date, months: number): string {
  const result = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, date.getUTCDate()),
  );
  if (result.getUTCDate() !== date.getUTCDate()) {
    result.setUTCDate(0);
  }
  return isoDate(result);
}

import { CallOptions, IrsfaClient, readEndpoint, writeEndpoint } from "./client";
import { IrsfaNotFoundError } from "./errors";
import {
  JsonRecord,
  firstRecord,
  isRecord,
  pickBoolean,
  pickNumber,
  pickString,
  recordList,
} from "./shapes";

/** A VPS product of the catalogue. */
export interface VpsProduct {
  /** Product id that `vps/create` takes, e.g. `PR00056`. */
  id: string;
  name: string;
}

/** An operating system image that a VPS can be built or rebuilt with. */
export interface VpsOperatingSystem {
  /** OS id that `vps/create` and `vps/rebuild` take. */
  id: number;
  name: string;
}

/** Power state of a VPS as the provider models it. */
export type VpsPowerState = "running" | "stopped";

/** Details of a VPS as `vps/detail` reports them. */
export interface VpsDetail {
  id: number;
  hostname?: string;
  productId?: string;
  productName?: string;
  osId?: number;
  osName?: string;
  /** Status as the API words it, e.g. `active`, `building`, `suspended`. */
  status: string;
  /** True while the machine is being built after a create or a rebuild. */
  building: boolean;
  suspended: boolean;
  /** Power state, when reported. */
  powerState?: VpsPowerState;
  ipv4?: string;
  ipv6?: string;
}

/** Fields of a VPS order. */
export interface VpsOrder {
  productId: string;
  osId: number;
  hostname: string;
  rootPassword: string;
  /** Billing period in months. */
  period: number;
}

export const VPS_ENDPOINTS = {
  product: readEndpoint("GET", "api/rest/v3/vps/product"),
  osvps: readEndpoint("GET", "api/rest/v3/vps/osvps"),
  create: writeEndpoint("POST", "api/rest/v3/vps/create"),
  detail: readEndpoint("POST", "api/rest/v3/vps/detail"),
  start: writeEndpoint("POST", "api/rest/v3/vps/start"),
  stop: writeEndpoint("POST", "api/rest/v3/vps/stop"),
  restart: writeEndpoint("POST", "api/rest/v3/vps/restart"),
  poweroff: writeEndpoint("POST", "api/rest/v3/vps/poweroff"),
  suspend: writeEndpoint("POST", "api/rest/v3/vps/suspend"),
  unsuspend: writeEndpoint("POST", "api/rest/v3/vps/unsuspend"),
  rebuild: writeEndpoint("POST", "api/rest/v3/vps/rebuild"),
} as const;

/** A power or suspension action of the API; each takes only the vps id. */
export type VpsAction = "start" | "stop" | "restart" | "poweroff" | "suspend" | "unsuspend";

const ID_KEYS = ["vpsID", "vpsId", "vps_id", "vpsid", "id"];
const BUILDING_WORDS = /build|install|provision|pending/i;
const RUNNING_WORDS = new Set(["running", "on", "online", "started", "up", "active"]);
const STOPPED_WORDS = new Set([
  "stopped",
  "off",
  "offline",
  "shutdown",
  "shutoff",
  "powered off",
  "poweroff",
  "down",
]);

/** VPS endpoints of the API. */
export class VpsApi {
  constructor(private readonly client: IrsfaClient) {}

  /** Returns the VPS catalogue. */
  async products(options?: CallOptions): Promise<VpsProduct[]> {
    const data = await this.client.call(VPS_ENDPOINTS.product, {}, options);
    return recordList(data, ["products", "product", "data", "items"]).flatMap((record) => {
      const id = pickString(record, ["product_id", "productID", "id", "pid"]);
      return id === undefined
        ? []
        : [{ id, name: pickString(record, ["name", "product_name", "title"]) ?? id }];
    });
  }

  /** Returns the operating systems a VPS can run. */
  async operatingSystems(options?: CallOptions): Promise<VpsOperatingSystem[]> {
    const data = await this.client.call(VPS_ENDPOINTS.osvps, {}, options);
    return recordList(data, ["os", "osvps", "operating_systems", "data", "items"]).flatMap(
      (record) => {
        const id = pickNumber(record, ["osid", "os_id", "osID", "id"]);
        if (id === undefined || !Number.isInteger(id)) {
          return [];
        }
        return [
          { id, name: pickString(record, ["name", "os_name", "osname", "title"]) ?? String(id) },
        ];
      },
    );
  }

  /**
   * Orders a VPS and returns its id, or undefined when the API accepted the order without
   * returning one (the reference shows an empty `data`). This places an order and charges the account.
   */
  async create(order: VpsOrder, options?: CallOptions): Promise<number | undefined> {
    const params = {
      product_id: order.productId,
      rootpass: order.rootPassword,
      osid: order.osId,
      hostname: order.hostname,
      period: order.period,
    };
    const data = await this.client.call(VPS_ENDPOINTS.create, params, options);
    return vpsIdFrom(data);
  }

  /** Returns the VPS's details, or undefined when it is not in this account. */
  async detail(id: number, options?: CallOptions): Promise<VpsDetail | undefined> {
    try {
      const data = await this.client.call(VPS_ENDPOINTS.detail, { vpsID: id }, options);
      const record = firstRecord(data);
      return record ? parseVpsDetail(record, id) : undefined;
    } catch (error) {
      if (error instanceof IrsfaNotFoundError) {
        return undefined;
      }
      throw error;
    }
  }

  /** Sends a power or suspension action: start, stop, restart, poweroff, suspend or unsuspend. */
  async act(id: number, action: VpsAction, options?: CallOptions): Promise<void> {
    await this.client.call(VPS_ENDPOINTS[action], { vpsID: id }, options);
  }

  /** Reinstalls the VPS with an OS and a new root password; this erases its disk. */
  async rebuild(
    id: number,
    osId: number,
    newPassword: string,
    options?: CallOptions,
  ): Promise<void> {
    const params = {
      vpsID: id,
      osid: osId,
      newpass: newPassword,
      confirmation_new_pass: newPassword,
    };
    await this.client.call(VPS_ENDPOINTS.rebuild, params, options);
  }
}

/** Reads the vps id from a `vps/create` response: a number, a numeric string, or a record with an id. */
export function vpsIdFrom(data: unknown): number | undefined {
  if (typeof data === "number" || typeof data === "string") {
    const id = Number(data);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }
  const record = firstRecord(data);
  if (!record) {
    return undefined;
  }
  const nested = isRecord(record.vps) ? record.vps : record;
  const id = pickNumber(nested, ID_KEYS);
  return id !== undefined && Number.isInteger(id) && id > 0 ? id : undefined;
}

/** Reads a `vps/detail` record; the reference leaves its shape open. */
export function parseVpsDetail(record: JsonRecord, id: number): VpsDetail {
  const status = pickString(record, ["status", "vps_status", "state"]) ?? "unknown";
  const power = pickString(record, ["power_status", "power_state", "power", "vm_state"]);
  const suspended = pickBoolean(record, ["suspended", "is_suspended"]) ?? /suspend/i.test(status);
  return {
    id: pickNumber(record, ID_KEYS) ?? id,
    hostname: pickString(record, ["hostname", "host", "name"])?.toLowerCase(),
    productId: pickString(record, ["product_id", "productID", "pid"]),
    productName: pickString(record, ["product_name", "product", "plan"]),
    osId: pickNumber(record, ["osid", "os_id", "osID"]),
    osName: pickString(record, ["os_name", "osname", "os", "operating_system"]),
    status,
    building: BUILDING_WORDS.test(status) || (power !== undefined && BUILDING_WORDS.test(power)),
    suspended,
    powerState: powerStateOf(power),
    ipv4: pickString(record, ["ipv4", "ip", "ip_address", "main_ip"]),
    ipv6: pickString(record, ["ipv6", "ipv6_address"]),
  };
}

function powerStateOf(value: string | undefined): VpsPowerState | undefined {
  const word = value?.trim().toLowerCase();
  if (word === undefined) {
    return undefined;
  }
  if (RUNNING_WORDS.has(word)) {
    return "running";
  }
  return STOPPED_WORDS.has(word) ? "stopped" : undefined;
}

export {
  startSimulator,
  redact,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  ADMIN_PREFIX,
} from "./server";
export type { Fault, RunningSimulator, SimulatorOptions } from "./server";
export type { SimulatorSettings } from "./router";
export type { SimulatorState, DomainRecord, HostRecord, RequestLogEntry } from "./state";

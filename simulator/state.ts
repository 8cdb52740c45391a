import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/** Registrant fields stored with a domain. */
export type RegistrantRecord = Record<string, string | number>;

/** A domain in the reseller's account. */
export interface DomainRecord {
  /** Full name, e.g. `example.co.id`. */
  domain: string;
  name: string;
  extension: string;
  /** `Active`, `Pending Transfer`, `Expired` or `Redemption`. */
  status: string;
  registeredOn: string;
  /** Expiry date as `YYYY-MM-DD`. */
  expiresOn: string;
  locked: boolean;
  nameservers: string[];
  description: string;
  authCode: string;
  registrant: RegistrantRecord;
  invoiceNo: string;
  /** Epoch milliseconds at which a pending transfer-in completes; set only while it is pending. */
  transferCompletesAt?: number;
}

/** A domain registered elsewhere: it cannot be registered, only transferred in with its auth code. */
export interface ForeignDomainRecord {
  domain: string;
  authCode: string;
  locked: boolean;
  expiresOn: string;
}

/** A glue host (a nameserver under a domain of the account, with its addresses). */
export interface HostRecord {
  id: number;
  host: string;
  ipv4: string;
  ipv6: string;
  domain: string;
}

/** One entry of the request log. Secret fields of the body are replaced by `[redacted]`. */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** True when the endpoint changes state (register, create, modify, ...), false for reads. */
  mutating: boolean;
}

/**
 * Everything the simulator persists. Sections that later resource kinds need are added as
 * further optional members, each owned by its route file.
 */
export interface SimulatorState {
  version: 1;
  /** SHA-256 of each issued access token, to the client id and expiry in epoch milliseconds. */
  tokens: Record<string, { clientId: string; expiresAt: number }>;
  domains: Record<string, DomainRecord>;
  foreignDomains: Record<string, ForeignDomainRecord>;
  hosts: Record<string, HostRecord>;
  /** Next numeric id per kind of object. */
  counters: Record<string, number>;
  /** Extra sections, by name, owned by the route files that use them. */
  sections: Record<string, any>;
}

/** Domains registered elsewhere in a fresh simulator, so that "taken" can be tried at once. */
export const SEEDED_FOREIGN_DOMAINS = ["taken.co.id", "taken.id", "google.co.id"];

/** Returns a fresh state: no domains in the account, a few domains taken elsewhere. */
export function seedState(): SimulatorState {
  const foreignDomains: Record<string, ForeignDomainRecord> = {};
  for (const domain of SEEDED_FOREIGN_DOMAINS) {
    foreignDomains[domain] = {
      domain,
      authCode: randomCode(),
      locked: true,
      expiresOn: "2030-01-01",
    };
  }
  return {
    version: 1,
    tokens: {},
    domains: {},
    foreignDomains,
    hosts: {},
    counters: {},
    sections: {},
  };
}

/** Returns a random code of letters and digits, as registries issue for EPP codes. */
export function randomCode(length = 12): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

/** Holds the state in memory and writes it to its data file after every change. */
export class StateStore {
  state: SimulatorState;

  constructor(private readonly dataFile: string | undefined) {
    this.state = dataFile ? loadState(dataFile) : seedState();
  }

  /** Returns the next id of a kind, starting at 1001 so ids are not confused with counts. */
  nextId(kind: string): number {
    const next = (this.state.counters[kind] ?? 1000) + 1;
    this.state.counters[kind] = next;
    return next;
  }

  /** Returns a named extra section, creating it with `initial` on first use. */
  section<T>(name: string, initial: () => T): T {
    if (!(name in this.state.sections)) {
      this.state.sections[name] = initial();
    }
    return this.state.sections[name] as T;
  }

  /** Replaces the state with a fresh one and saves it. */
  reset(): void {
    this.state = seedState();
    this.save();
  }

  /** Writes the state to the data file atomically: a crash leaves the old file or the new one. */
  save(): void {
    if (!this.dataFile) {
      return;
    }
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const temporary = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2));
    renameSync(temporary, this.dataFile);
  }
}

function loadState(dataFile: string): SimulatorState {
  let text: string;
  try {
    text = readFileSync(dataFile, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return seedState();
    }
    throw error;
  }

  const parsed = JSON.parse(text) as SimulatorState;
  if (parsed.version !== 1) {
    throw new Error(`${dataFile} is not a simulator data file of version 1`);
  }
  return { ...seedState(), ...parsed, sections: parsed.sections ?? {} };
}

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  RunningSimulator,
  startSimulator,
} from "../../simulator";
import type { Fault, RequestLogEntry, SimulatorSettings } from "../../simulator";

/** A simulator started for a test file, with helpers for its admin routes. */
export interface TestSimulator {
  url: string;
  running: RunningSimulator;
  dataFile: string;
  clientId: string;
  clientSecret: string;
  /** Calls an admin route and returns its `data`; throws on a non-2xx response. */
  admin(method: string, path: string, body?: unknown): Promise<any>;
  /** Returns the request log. */
  requests(): Promise<RequestLogEntry[]>;
  /** Returns the logged requests that changed state. */
  mutatingRequests(): Promise<RequestLogEntry[]>;
  clearRequests(): Promise<void>;
  /** Arms a fault for the next matching requests. */
  fault(fault: Fault): Promise<void>;
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a simulator on a free loopback port with its state in a temporary data file. */
export async function startTestSimulator(
  settings: Partial<SimulatorSettings> = {},
): Promise<TestSimulator> {
  const folder = mkdtempSync(join(tmpdir(), "irsfa-sim-"));
  const dataFile = join(folder, "state.json");
  const running = await startSimulator({
    port: 0,
    dataFile,
    settings: { vpsBuildMs: 200, sslIssueMs: 200, transferMs: 200, ...settings },
  });

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${running.url}/__sim/${path}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = (await response.json()) as { data: unknown };
    if (!response.ok) {
      throw new Error(
        `admin ${method} ${path} failed with HTTP ${response.status}: ${JSON.stringify(parsed)}`,
      );
    }
    return parsed.data;
  };

  return {
    url: running.url,
    running,
    dataFile,
    clientId: DEFAULT_CLIENT_ID,
    clientSecret: DEFAULT_CLIENT_SECRET,
    admin,
    requests: async () => (await admin("GET", "requests")) as RequestLogEntry[],
    mutatingRequests: async () =>
      ((await admin("GET", "requests")) as RequestLogEntry[]).filter((entry) => entry.mutating),
    clearRequests: async () => void (await admin("DELETE", "requests")),
    fault: async (fault) => void (await admin("POST", "faults", fault)),
    reset: async () => void (await admin("POST", "reset")),
    stop: async () => {
      await running.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Registrant details accepted by the simulator, for tests that register domains. */
export const TEST_REGISTRANT = {
  companyName: "Test Company",
  firstName: "Budi",
  lastName: "Santoso",
  gender: "M" as const,
  street: "Jalan Sudirman",
  number: "1",
  city: "Jakarta",
  state: "DKI Jakarta",
  zipCode: "10220",
  country: "ID",
  email: "budi@example.co.id",
  phone: "+6281200000000",
  locale: "id_ID",
};

/** The same registrant in the API's field names, for direct client calls. */
export const TEST_REGISTRANT_PARAMS = {
  company_name: "Test Company",
  initial: "B.S.",
  first_name: "Budi",
  last_name: "Santoso",
  gender: "M",
  street: "Jalan Sudirman",
  number: 1,
  city: "Jakarta",
  state: "DKI Jakarta",
  zip_code: 10220,
  country: "ID",
  email: "budi@example.co.id",
  telephone_number: "+6281200000000",
  locale: "id_ID",
};

#!/usr/bin/env node
import { parseArgs } from "node:util";

import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, startSimulator } from "./server";

const USAGE = `Usage: irsfa-simulator [--port N] [--data FILE] [--client-id ID]

Serves a simulated Irsfa reseller API v3 on 127.0.0.1.

  --port N          TCP port; 0 picks a free one (default 0)
  --data FILE       JSON file the state persists to; omitted, the state lives in memory only
  --client-id ID    OAuth client id to accept (default ${DEFAULT_CLIENT_ID})
  --vps-build-ms N  milliseconds a new VPS stays "building" (default 3000)
  --ssl-issue-ms N  milliseconds before a validated SSL order is issued (default 2000)
  --transfer-ms N   milliseconds before a transfer-in completes (default 3000)

The client secret is read from IRSFA_SIMULATOR_CLIENT_SECRET (default ${DEFAULT_CLIENT_SECRET}),
so it does not show in the process list. Once listening, the first line on stdout is the base URL.`;

function parseMilliseconds(value: string | undefined, option: string): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) {
    throw new Error(`--${option} is "${value}"; expected a whole number of milliseconds`);
  }
  return number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      data: { type: "string" },
      "client-id": { type: "string", default: DEFAULT_CLIENT_ID },
      "vps-build-ms": { type: "string" },
      "ssl-issue-ms": { type: "string" },
      "transfer-ms": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });

  if (values.help) {
    console.log(USAGE);
    return;
  }

  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port is "${values.port}"; expected a port number from 0 to 65535`);
  }

  const secret = process.env.IRSFA_SIMULATOR_CLIENT_SECRET || DEFAULT_CLIENT_SECRET;
  const settings = {
    clients: { [values["client-id"] as string]: secret },
    vpsBuildMs: parseMilliseconds(values["vps-build-ms"], "vps-build-ms"),
    sslIssueMs: parseMilliseconds(values["ssl-issue-ms"], "ssl-issue-ms"),
    transferMs: parseMilliseconds(values["transfer-ms"], "transfer-ms"),
  };
  const definedSettings = Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  );

  const simulator = await startSimulator({
    port,
    dataFile: values.data,
    settings: definedSettings,
  });
  console.log(simulator.url);
  console.error(
    `irsfa-simulator listening on ${simulator.url}${values.data ? `, state in ${values.data}` : ""}`,
  );

  const stop = (signal: string) => {
    console.error(`irsfa-simulator stopping on ${signal}`);
    simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error) => {
  console.error(`irsfa-simulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import { ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";

import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";

import { estate } from "../examples/estate/program";
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET } from "../simulator";

/** Repository root: this file runs from dist/scripts. */
const ROOT = resolve(__dirname, "..", "..");
const WORK = join(ROOT, ".demo");
const STACK = "demo";

let stepNumber = 0;
const STEP_COUNT = 7;

function step(title: string): void {
  stepNumber += 1;
  console.log(`\n==> [${stepNumber}/${STEP_COUNT}] ${title}\n`);
}

async function startSimulator(): Promise<{ url: string; process: ChildProcess }> {
  const dataFile = join(WORK, "simulator-data.json");
  rmSync(dataFile, { force: true });
  const child = spawn(
    process.execPath,
    [join(ROOT, "dist/simulator/cli.js"), "--port", "0", "--data", dataFile],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );

  const url = await new Promise<string>((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolveUrl(line.trim()));
    child.once("exit", (code) =>
      reject(new Error(`the simulator exited with code ${code} before listening`)),
    );
  });
  return { url, process: child };
}

async function admin(url: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${url}/__sim/${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed = (await response.json()) as { data: unknown };
  if (!response.ok) {
    throw new Error(
      `simulator admin ${method} ${path} failed with HTTP ${response.status}: ${JSON.stringify(parsed)}`,
    );
  }
  return parsed.data;
}

function mutatingCalls(log: Array<{ method: string; path: string; mutating: boolean }>): string[] {
  return log.filter((entry) => entry.mutating).map((entry) => `${entry.method} ${entry.path}`);
}

/** Environment of every Pulumi command of the demo: a local file backend and a passphrase. */
const PULUMI_ENV = {
  PULUMI_BACKEND_URL: `file://${join(WORK, "backend")}`,
  PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
  PULUMI_SKIP_UPDATE_CHECK: "true",
};

async function openStack(url: string): Promise<Stack> {
  mkdirSync(join(WORK, "backend"), { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: STACK, projectName: "irsfa-estate", program: async () => estate() },
    { workDir: ROOT, envVars: PULUMI_ENV },
  );
  await stack.setAllConfig({
    "irsfa:endpoint": { value: url },
    "irsfa:clientId": { value: DEFAULT_CLIENT_ID },
    "irsfa:clientSecret": { value: DEFAULT_CLIENT_SECRET, secret: true },
  });
  return stack;
}

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const print = (text: string) => process.stdout.write(text);

  step("Starting the Irsfa API simulator on a free loopback port with fresh data");
  const simulator = await startSimulator();
  console.log(`simulator listening on ${simulator.url}`);

  try {
    step(
      "Creating the local stack (file backend, passphrase secrets) and setting its configuration",
    );
    const stack = await openStack(simulator.url);
    console.log(`stack "${STACK}" of project irsfa-estate in ${WORK}/backend`);

    step(
      "pulumi up: domains, glue nameservers, DS records, a contact, a certificate, hosting and two VPS",
    );
    const up = await stack.up({ onOutput: print, color: "never" });
    console.log(`\nup finished: ${JSON.stringify(up.summary.resourceChanges)}`);

    step("pulumi preview --expect-no-changes: the estate matches the API");
    const loggedBefore = (await admin(simulator.url, "GET", "requests")).length;
    await stack.preview({ expectNoChanges: true, onOutput: print, color: "never" });
    const calls = mutatingCalls(
      (await admin(simulator.url, "GET", "requests")).slice(loggedBefore),
    );
    if (calls.length > 0) {
      throw new Error(`the no-change preview made mutating API calls: ${calls.join(", ")}`);
    }
    console.log("\nno-change preview made no mutating API call");

    step(
      "Changing kopinusantara.id's nameservers outside Pulumi, as someone in a control panel would",
    );
    const changed = await admin(simulator.url, "POST", "domains/change", {
      domain: "kopinusantara.id",
      nameservers: ["ns1.parking.example.net", "ns2.parking.example.net"],
    });
    console.log(`kopinusantara.id now delegates to ${changed.nameservers.join(", ")}`);

    step(
      "pulumi preview --refresh: the drift shows as a planned update back to the declared nameservers",
    );
    const drift = await stack.preview({
      refresh: true,
      diff: true,
      onOutput: print,
      color: "never",
    });
    const updates = drift.changeSummary.update ?? 0;
    if (updates < 1) {
      throw new Error(
        `preview --refresh planned no update after the out-of-band change: ${JSON.stringify(drift.changeSummary)}`,
      );
    }
    console.log(`\npreview --refresh plans ${updates} update(s) to undo the drift`);

    step("Stack outputs, state export and the simulator's request log");
    const outputs = await stack.outputs();
    for (const [key, output] of Object.entries(outputs)) {
      // The Automation API returns secret outputs decrypted; print them as the CLI does.
      const shown = output.secret ? "[secret]" : JSON.stringify(output.value, null, 2);
      console.log(`${key}: ${shown}`);
    }
    // `pulumi stack export` without --show-secrets keeps secrets encrypted in the file.
    const exported = execFileSync("pulumi", ["stack", "export", "--stack", STACK], {
      cwd: ROOT,
      env: { ...process.env, ...PULUMI_ENV },
      encoding: "utf8",
    });
    writeFileSync(join(WORK, "stack.json"), exported);
    writeFileSync(
      join(WORK, "simulator-requests.json"),
      JSON.stringify(await admin(simulator.url, "GET", "requests"), null, 2),
    );
    console.log(`\nwrote ${join(WORK, "stack.json")} and ${join(WORK, "simulator-requests.json")}`);
  } finally {
    simulator.process.kill("SIGTERM");
  }
  console.log("\ndemo finished");
}

main().catch((error) => {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";

import { LocalWorkspace, PulumiFn, Stack } from "@pulumi/pulumi/automation";

import type { TestSimulator } from "./simulator";

/** Repository root: test files run from dist/tests. */
export const ROOT = resolve(__dirname, "..", "..", "..");

/** Passphrase of every test stack's secrets provider. */
export const TEST_PASSPHRASE = "irsfa-test-passphrase";

/**
 * Puts the Pulumi CLI built by scripts/install-pulumi.sh and the dynamic provider plugin of
 * @pulumi/pulumi on PATH, as the Makefile does, so a test file also runs under plain mocha.
 */
export function ensurePulumiOnPath(): void {
  const recorded = join(ROOT, ".cache", "pulumi-dir");
  const folders = [join(ROOT, "node_modules", "@pulumi", "pulumi")];
  if (existsSync(recorded)) {
    folders.unshift(readFileSync(recorded, "utf8").trim());
  }
  const current = process.env.PATH ?? "";
  const missing = folders.filter((folder) => !current.split(":").includes(folder));
  process.env.PATH = [...missing, current].join(":");
}

/** A test stack with a temporary file backend; `destroy` removes the stack and its backend. */
export interface TestStack {
  stack: Stack;
  backend: string;
  /** Runs `pulumi stack export` without secrets and returns the raw JSON text. */
  exportText(): Promise<string>;
  /** Destroys the resources, removes the stack and deletes the backend folder. */
  destroy(): Promise<void>;
}

/** Environment of a test stack's Pulumi commands. */
export function stackEnv(backend: string): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
  };
}

/**
 * Creates a stack with a unique name that runs `program` inline, configured to talk to the
 * simulator. Its work folder lies inside the repository, so the provider host, which resolves
 * this package from the work folder, finds it by its own name.
 */
export async function createTestStack(
  program: PulumiFn,
  simulator: TestSimulator,
  extraConfig: Record<string, { value: string; secret?: boolean }> = {},
): Promise<TestStack> {
  ensurePulumiOnPath();
  const backend = mkdtempSync(join(tmpdir(), "irsfa-backend-"));
  const stackName = `test-${randomBytes(4).toString("hex")}`;
  const workDir = join(ROOT, ".test-work", stackName);
  mkdirSync(workDir, { recursive: true });
  const env = stackEnv(backend);
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName, projectName: "irsfa-test", program },
    { workDir, envVars: env, projectSettings: { name: "irsfa-test", runtime: "nodejs" } },
  );
  await stack.setAllConfig({
    "irsfa:endpoint": { value: simulator.url },
    "irsfa:clientId": { value: simulator.clientId },
    "irsfa:clientSecret": { value: simulator.clientSecret, secret: true },
    "irsfa:maxAttempts": { value: "2" },
    ...extraConfig,
  });

  return {
    stack,
    backend,
    exportText: async () =>
      execFileSync("pulumi", ["stack", "export", "--stack", stackName], {
        cwd: workDir,
        env: { ...process.env, ...env },
        encoding: "utf8",
      }),
    destroy: async () => {
      try {
        await stack.destroy({ color: "never" });
        await stack.workspace.removeStack(stackName);
      } finally {
        rmSync(backend, { recursive: true, force: true });
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}

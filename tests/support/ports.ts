import { createServer } from "node:net";

/**
 * Returns a loopback port that nothing listens on: it binds a free port, then releases it. Another
 * process could take the port in between, which is unlikely within one test run.
 */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Stack configuration for `configure` that points the provider at a closed loopback port. */
export async function configPointingAtNothing(): Promise<{ get(key: string): string | undefined }> {
  const port = await closedLoopbackPort();
  const values: Record<string, string> = {
    "irsfa:endpoint": `http://127.0.0.1:${port}`,
    "irsfa:clientId": "unused-client",
    "irsfa:clientSecret": "unused-secret",
    "irsfa:maxAttempts": "1",
  };
  return { get: (key) => values[key] };
}

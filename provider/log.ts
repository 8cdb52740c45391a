import { dirname } from "node:path";

/** Severity of a message sent to the Pulumi engine. */
type Severity = "debug" | "info" | "warning" | "error";

interface EngineLogger {
  send(severity: Severity, message: string): Promise<void>;
}

let engineLogger: EngineLogger | null | undefined;

/**
 * Connects to the Pulumi engine whose address the dynamic provider host received as its first
 * argument, so that warnings show in the CLI's diagnostics. Returns null outside a provider host.
 */
function connectEngine(): EngineLogger | null {
  const address = process.argv[2];
  if (!address || !/dynamic-provider/.test(process.argv[1] ?? "")) {
    return null;
  }

  try {
    const pulumiDir = dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
    const engineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb");
    const engineProto = require("@pulumi/pulumi/proto/engine_pb");
    const client = new engineRpc.EngineClient(address, grpc.credentials.createInsecure());
    const severities: Record<Severity, number> = {
      debug: engineProto.LogSeverity.DEBUG,
      info: engineProto.LogSeverity.INFO,
      warning: engineProto.LogSeverity.WARNING,
      error: engineProto.LogSeverity.ERROR,
    };

    return {
      send(severity, message) {
        const request = new engineProto.LogRequest();
        request.setSeverity(severities[severity]);
        request.setMessage(message);
        return new Promise((resolve) => client.log(request, () => resolve()));
      },
    };
  } catch {
    return null;
  }
}

async function log(severity: Severity, message: string): Promise<void> {
  if (engineLogger === undefined) {
    engineLogger = connectEngine();
  }
  if (engineLogger) {
    await engineLogger.send(severity, message);
  } else if (severity !== "debug") {
    console.error(`${severity}: ${message}`);
  }
}

/** Sends a warning to the Pulumi engine; it shows in the CLI's diagnostics. */
export function warn(message: string): Promise<void> {
  return log("warning", message);
}

/** Sends an informational message to the Pulumi engine. */
export function info(message: string): Promise<void> {
  return log("info", message);
}

/** Sends a debug message, shown with `--debug` or `-v`; never a secret. */
export function debug(message: string): Promise<void> {
  return log("debug", message);
}

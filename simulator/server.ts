import { createHash, randomBytes } from "node:crypto";
import { IncomingMessage, Server, ServerResponse, createServer } from "node:http";
import { AddressInfo } from "node:net";

import { ApiError, ApiRequest, parseBody, readBody } from "./http";
import { registerAdminRoutes } from "./routes/admin";
import { registerContactRoutes } from "./routes/contact";
import { registerDnssecRoutes } from "./routes/dnssec";
import { registerDocumentRoutes } from "./routes/document";
import { registerDomainAdminRoutes, registerDomainRoutes } from "./routes/domain";
import { registerHostRoutes } from "./routes/host";
import { registerSslAdminRoutes, registerSslRoutes } from "./routes/ssl";
import { registerHostingAdminRoutes, registerHostingRoutes } from "./routes/hosting";
import { registerVpsAdminRoutes, registerVpsRoutes } from "./routes/vps";
import { RouteContext, Router, SUCCESS_MESSAGE, SimulatorSettings, isRouteResult } from "./router";
import { RequestLogEntry, StateStore } from "./state";

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Defaults to 0. */
  port?: number;
  /** File the state persists to; without it the state lives in memory only. */
  dataFile?: string;
  /** Behaviour settings; see {@link SimulatorSettings}. */
  settings?: Partial<SimulatorSettings>;
}

/** A running simulator. */
export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  store: StateStore;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/** Client id and secret the simulator accepts by default. */
export const DEFAULT_CLIENT_ID = "sim-client";
export const DEFAULT_CLIENT_SECRET = "sim-secret";

/** Prefix of the test-only admin routes; the real API has nothing under it. */
export const ADMIN_PREFIX = "/__sim/";

const TOKEN_LIFETIME_SECONDS = 31_622_400;
const REQUEST_LOG_LIMIT = 20_000;

/** Body fields whose values never reach the request log (`pass$`: the VPS `rootpass`, `newpass`). */
const SECRET_FIELD = /secret|passw|pass$|^epp$|auth_?code|private|token/i;

/** A failure the admin API arms for the next matching requests, to test clients. */
export interface Fault {
  /** API path without the leading slash, e.g. `api/rest/v3/domain/register`. */
  path: string;
  /**
   * `status`: respond with `status` without processing. `drop`: process the request, then close
   * the connection without a response (a lost response). `delay`: process, then respond after
   * `delayMs`. `html`: respond with `status` and an HTML page instead of JSON.
   */
  mode: "status" | "drop" | "delay" | "html";
  status?: number;
  /** Retry-After header value sent with a `status` fault. */
  retryAfter?: string;
  delayMs?: number;
  /** How many matching requests the fault affects. Defaults to 1. */
  count?: number;
}

/** Mutable runtime state of a simulator that is not persisted. */
export interface SimulatorRuntime {
  faults: Fault[];
  requestLog: RequestLogEntry[];
}

/** Starts the simulator on 127.0.0.1 and resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const settings: SimulatorSettings = {
    clients: { [DEFAULT_CLIENT_ID]: DEFAULT_CLIENT_SECRET },
    vpsBuildMs: 3_000,
    sslIssueMs: 2_000,
    transferMs: 3_000,
    ...options.settings,
  };
  const store = new StateStore(options.dataFile);
  const runtime: SimulatorRuntime = { faults: [], requestLog: [] };
  const router = new Router();
  registerDomainRoutes(router);
  registerHostRoutes(router);
  registerDnssecRoutes(router);
  registerContactRoutes(router);
  registerDocumentRoutes(router);
  registerSslRoutes(router);
  registerHostingRoutes(router);
  registerVpsRoutes(router);
  const admin = new Router();
  registerAdminRoutes(admin, runtime);
  registerDomainAdminRoutes(admin);
  registerSslAdminRoutes(admin);
  registerHostingAdminRoutes(admin);
  registerVpsAdminRoutes(admin);

  const context: RouteContext = { store, settings };
  const server = createServer((request, response) => {
    handle(request, response, router, admin, context, runtime).catch((error) => {
      sendJson(response, 500, {
        code: 500,
        message: `Simulator failure: ${String(error)}`,
        error: [],
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });

  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, port, store, close: () => closeServer(server) };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  router: Router,
  admin: Router,
  context: RouteContext,
  runtime: SimulatorRuntime,
): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const method = request.method ?? "GET";
  let parsed: ApiRequest | undefined;

  try {
    const raw = await readBody(request);
    const { fields, files } = parseBody(request.headers["content-type"] ?? "", raw);
    const body = method === "GET" ? { ...Object.fromEntries(url.searchParams), ...fields } : fields;
    parsed = { method, path: url.pathname, query: url.searchParams, body, files, clientId: "" };

    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      await serveAdmin(parsed, response, admin, context);
      return;
    }

    const status = await serveApi(parsed, request, response, router, context, runtime);
    logRequest(runtime, parsed, status, router);
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 500;
    if (parsed && !url.pathname.startsWith(ADMIN_PREFIX)) {
      logRequest(runtime, parsed, status, router);
    }
    sendError(response, error);
  }
}

async function serveApi(
  request: ApiRequest,
  incoming: IncomingMessage,
  response: ServerResponse,
  router: Router,
  context: RouteContext,
  runtime: SimulatorRuntime,
): Promise<number> {
  const fault = takeFault(runtime, request.path);
  if (fault && (fault.mode === "status" || fault.mode === "html")) {
    return sendFault(response, fault);
  }

  if (request.method === "POST" && request.path === "/api/oauth/token") {
    return sendJson(response, ...issueToken(request, context));
  }

  const route = router.find(request.method, request.path);
  if (!route) {
    const status = router.hasPath(request.path) ? 405 : 404;
    throw new ApiError(status, status === 405 ? "Method not allowed." : "Route not found.");
  }

  request.clientId = authenticate(incoming, context);
  let result: unknown;
  let failure: unknown;
  try {
    result = await route.handler(request, context);
    if (route.mutates) {
      context.store.save();
    }
  } catch (error) {
    failure = error;
  }

  // A drop or a delay applies to error responses too, so a lost 404 is as testable as a lost 200.
  if (fault?.mode === "drop") {
    incoming.socket.destroy();
    return 0;
  }
  if (fault?.mode === "delay") {
    await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1_000));
  }
  if (failure !== undefined) {
    throw failure;
  }

  const data = isRouteResult(result) ? result.data : result;
  const message = isRouteResult(result) ? result.message : SUCCESS_MESSAGE;
  return sendJson(response, 200, { code: 200, message, data: data ?? {} });
}

async function serveAdmin(
  request: ApiRequest,
  response: ServerResponse,
  admin: Router,
  context: RouteContext,
): Promise<void> {
  const path = request.path.slice(ADMIN_PREFIX.length);
  const route = admin.find(request.method, `/${path}`);
  if (!route) {
    throw new ApiError(404, `No admin route ${request.method} ${request.path}.`);
  }
  const result = await route.handler(request, context);
  context.store.save();
  sendJson(response, 200, { code: 200, message: "OK", data: result ?? {} });
}

function issueToken(request: ApiRequest, context: RouteContext): [number, unknown] {
  const { grant_type, client_id, client_secret } = request.body;
  if (grant_type !== "client_credentials") {
    return [
      400,
      {
        error: "unsupported_grant_type",
        message: "The authorization grant type is not supported.",
      },
    ];
  }

  const expected = typeof client_id === "string" ? context.settings.clients[client_id] : undefined;
  if (expected === undefined || client_secret !== expected) {
    return [404, { error: "invalid_client", message: "Client authentication failed" }];
  }

  const token = randomBytes(24).toString("hex");
  context.store.state.tokens[sha256(token)] = {
    clientId: client_id as string,
    expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000,
  };
  context.store.save();
  return [200, { token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS, access_token: token }];
}

function authenticate(request: IncomingMessage, context: RouteContext): string {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const entry = match ? context.store.state.tokens[sha256(match[1])] : undefined;
  if (!entry || entry.expiresAt < Date.now()) {
    throw new ApiError(401, "Unauthenticated.");
  }
  return entry.clientId;
}

function takeFault(runtime: SimulatorRuntime, path: string): Fault | undefined {
  const index = runtime.faults.findIndex((fault) => `/${fault.path.replace(/^\/+/, "")}` === path);
  if (index === -1) {
    return undefined;
  }
  const fault = runtime.faults[index];
  const remaining = (fault.count ?? 1) - 1;
  if (remaining <= 0) {
    runtime.faults.splice(index, 1);
  } else {
    fault.count = remaining;
  }
  return fault;
}

function sendFault(response: ServerResponse, fault: Fault): number {
  const status = fault.status ?? 503;
  if (fault.mode === "html") {
    response.writeHead(status, { "Content-Type": "text/html" });
    response.end(`<html><body><h1>${status} Error</h1></body></html>`);
    return status;
  }
  const headers: Record<string, string> = fault.retryAfter
    ? { "Retry-After": fault.retryAfter }
    : {};
  return sendJson(
    response,
    status,
    { code: status, message: "Simulated failure.", error: [] },
    headers,
  );
}

function sendError(response: ServerResponse, error: unknown): void {
  if (error instanceof ApiError) {
    sendJson(response, error.status, {
      code: error.status,
      message: error.message,
      error: error.errors,
    });
    return;
  }
  sendJson(response, 500, { code: 500, message: "An error occurred!", error: [String(error)] });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  if (!response.headersSent) {
    response.writeHead(status, { "Content-Type": "application/json", ...headers });
  }
  response.end(JSON.stringify(body));
  return status;
}

function logRequest(
  runtime: SimulatorRuntime,
  request: ApiRequest,
  status: number,
  router: Router,
): void {
  const body: Record<string, unknown> = redact(request.body) as Record<string, unknown>;
  for (const [field, file] of Object.entries(request.files)) {
    body[field] = { filename: file.filename, bytes: file.content.length };
  }

  const query = Object.fromEntries(
    [...request.query.entries()].map(([key, value]) => [
      key,
      SECRET_FIELD.test(key) ? "[redacted]" : value,
    ]),
  );
  runtime.requestLog.push({
    time: new Date().toISOString(),
    method: request.method,
    path: request.path,
    query,
    body,
    status,
    mutating: router.find(request.method, request.path)?.mutates ?? false,
  });
  if (runtime.requestLog.length > REQUEST_LOG_LIMIT) {
    runtime.requestLog.splice(0, runtime.requestLog.length - REQUEST_LOG_LIMIT);
  }
}

/** Returns a copy of a request body with the values of secret fields replaced. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(redact);
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_FIELD.test(key) ? "[redacted]" : redact(item),
    ]),
  );
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

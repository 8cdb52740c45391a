import { ApiRequest } from "./http";
import { StateStore } from "./state";

/** Behaviour settings of a simulator instance. */
export interface SimulatorSettings {
  /** OAuth clients the token endpoint accepts, client id to secret. */
  clients: Record<string, string>;
  /** Milliseconds a new VPS stays in `building` before it runs. */
  vpsBuildMs: number;
  /** Milliseconds after which an SSL order whose validation is satisfied becomes active. */
  sslIssueMs: number;
  /** Milliseconds a transfer-in stays pending before it completes. */
  transferMs: number;
}

/** Store and settings a route handler can use besides the request. */
export interface RouteContext {
  store: StateStore;
  settings: SimulatorSettings;
}

/** A successful result: the `data` of the envelope and, optionally, its `message`. */
export interface RouteResult {
  data: unknown;
  message?: string;
}

/** Handles one endpoint. Returns the envelope's data, or throws an `ApiError`. */
export type RouteHandler = (
  request: ApiRequest,
  context: RouteContext,
) => unknown | Promise<unknown>;

interface Route {
  method: string;
  path: string;
  handler: RouteHandler;
  /** True when the route changes state, so the store is saved after it. */
  mutates: boolean;
}

/** The API routes of the simulator, by method and path. */
export class Router {
  private readonly routes = new Map<string, Route>();

  /** Adds a route that only reads state. */
  read(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method} /${path}`, { method, path, handler, mutates: false });
  }

  /** Adds a route that changes state; the state is saved after each call. */
  write(method: string, path: string, handler: RouteHandler): void {
    this.routes.set(`${method} /${path}`, { method, path, handler, mutates: true });
  }

  /** Returns the route for a method and path, or undefined. */
  find(method: string, path: string): Route | undefined {
    return this.routes.get(`${method} ${path}`);
  }

  /** Returns true when some method serves this path, to tell 405 from 404. */
  hasPath(path: string): boolean {
    for (const route of this.routes.values()) {
      if (`/${route.path}` === path) {
        return true;
      }
    }
    return false;
  }
}

/** The message the API sends with most successes, spelled as the API spells it. */
export const SUCCESS_MESSAGE = "Successfully proccess the request!";

/** Returns true for a value made by {@link routeResult}. */
export function isRouteResult(value: unknown): value is RouteResult {
  return typeof value === "object" && value !== null && RESULT_MARK in value;
}

const RESULT_MARK = Symbol("routeResult");

/** Wraps data with a success message other than the usual one. */
export function routeResult(data: unknown, message: string): RouteResult {
  return Object.assign({ data, message }, { [RESULT_MARK]: true });
}

import { createHash } from "node:crypto";

import {
  ClientEvent,
  ContactApi,
  DnssecApi,
  DocumentApi,
  DomainApi,
  HostingApi,
  IrsfaClient,
  SslApi,
  VpsApi,
} from "./client";
import * as log from "./log";
import { ConfigReader, ProviderSettings, resolveSettings } from "./settings";

/** The API client and its section wrappers, built once per provider process. */
export interface ApiContext {
  settings: ProviderSettings;
  client: IrsfaClient;
  domains: DomainApi;
  dnssec: DnssecApi;
  contacts: ContactApi;
  documents: DocumentApi;
  ssl: SslApi;
  hosting: HostingApi;
  vps: VpsApi;
}

let readConfig: ConfigReader = () => undefined;
const contexts = new Map<string, ApiContext>();

/**
 * Stores the stack configuration that the dynamic provider host passes to `configure`. Credentials
 * arrive here (or from the environment), never through the serialised provider in the state.
 */
export function configure(config: { get(key: string): string | undefined }): void {
  readConfig = (key) => config.get(key);
}

/**
 * Returns the API context of the configuration that `configure` stored, so every resource kind in
 * the provider process shares one client and one access token.
 */
export function apiContext(): ApiContext {
  return contextFor(resolveSettings(readConfig));
}

/**
 * Returns the API context for these settings, reusing the one made earlier for equal settings. A
 * process that serves several stacks (Automation API programs) gets one context per endpoint and
 * credential instead of the first one it saw.
 */
export function contextFor(settings: ProviderSettings): ApiContext {
  const fingerprint = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  let context = contexts.get(fingerprint);
  if (!context) {
    context = createApiContext(settings);
    contexts.set(fingerprint, context);
  }
  return context;
}

/** Builds a client and its section wrappers for the given settings. */
export function createApiContext(settings: ProviderSettings): ApiContext {
  const client = new IrsfaClient({
    endpoint: settings.endpoint,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    requestTimeoutMs: settings.requestTimeoutMs,
    retry: { maxAttempts: settings.maxAttempts },
    onEvent: logClientEvent,
  });
  return {
    settings,
    client,
    domains: new DomainApi(client),
    dnssec: new DnssecApi(client),
    contacts: new ContactApi(client),
    documents: new DocumentApi(client),
    ssl: new SslApi(client),
    hosting: new HostingApi(client),
    vps: new VpsApi(client),
  };
}

/** Returns the epoch millisecond deadline of an operation starting now. */
export function operationDeadline(context: ApiContext): number {
  return Date.now() + context.settings.operationTimeoutMs;
}

function logClientEvent(event: ClientEvent): void {
  switch (event.kind) {
    case "request":
      void log.debug(`irsfa: ${event.method} ${event.path} (attempt ${event.attempt})`);
      break;
    case "response":
      void log.debug(`irsfa: ${event.method} ${event.path} returned HTTP ${event.status}`);
      break;
    case "retry":
      void log.info(
        `irsfa: retrying ${event.method} ${event.path} in ${event.delayMs} ms after ${event.reason} (attempt ${event.attempt})`,
      );
      break;
    case "token":
      void log.debug(`irsfa: requesting an access token (${event.reason})`);
      break;
  }
}

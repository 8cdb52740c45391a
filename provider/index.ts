import { configure } from "./context";
import { contactProvider } from "./resources/contact";
import { dnssecRecordProvider } from "./resources/dnssec-record";
import { domainProvider } from "./resources/domain";
import { domainDocumentProvider } from "./resources/domain-document";
import { hostingAccountProvider } from "./resources/hosting-account";
import { nameserverProvider } from "./resources/nameserver";
import { sslCertificateProvider } from "./resources/ssl-certificate";
import { vpsProvider } from "./resources/vps";

/** Lifecycle methods of one resource kind, as the dynamic provider host calls them. */
export interface KindProvider {
  check?(olds: any, news: any): Promise<any>;
  diff?(id: string, olds: any, news: any): Promise<any>;
  create(inputs: any): Promise<any>;
  read?(id: string, props: any): Promise<any>;
  update?(id: string, olds: any, news: any): Promise<any>;
  delete?(id: string, props: any): Promise<void>;
}

/** The provider of each resource kind, by kind name. */
export const providers: Record<string, KindProvider> = {
  Domain: domainProvider,
  Nameserver: nameserverProvider,
  DnssecRecord: dnssecRecordProvider,
  Contact: contactProvider,
  DomainDocument: domainDocumentProvider,
  SslCertificate: sslCertificateProvider,
  HostingAccount: hostingAccountProvider,
  Vps: vpsProvider,
};

/**
 * Runs one lifecycle method of one kind; the serialised dynamic provider in the state calls this.
 * `configure` applies to every kind, and a kind without `read` reads back its stored state.
 */
export async function dispatch(kind: string, method: string, args: any[]): Promise<unknown> {
  if (method === "configure") {
    configure(args[0].config);
    return;
  }

  const provider = providers[kind] as Record<string, any> | undefined;
  if (!provider) {
    throw new Error(
      `pulumi-irsfa has no resource kind "${kind}"; the installed package may be older than the state`,
    );
  }
  if (method === "read" && !provider.read) {
    return { id: args[0], props: args[1] };
  }
  if (typeof provider[method] !== "function") {
    throw new Error(`pulumi-irsfa: resource kind ${kind} has no ${method} method`);
  }
  return provider[method](...args);
}

export { configure };
export * from "./settings";

export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { Vps, VpsArgs } from "./vps";
export * from "./vps-lookups";

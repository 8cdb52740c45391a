export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";

export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { HostingAccount, HostingAccountArgs } from "./hosting-account";
export { HostingProduct, HostingProductFilter, getHostingProduct, getHostingProducts } from "./hosting-lookups";

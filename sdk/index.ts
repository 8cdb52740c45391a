export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { TransferArgs, UnconfirmedRenewal } from "./domain";
export { DomainAvailability, DomainDetails, checkDomainAvailability, getDomain, getDomainEppCode } from "./domain-lookups";
export { DomainValidationArgs, SslCertificate, SslCertificateArgs, ValidationRecordOutput } from "./ssl-certificate";
export * from "./ssl-lookups";

export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { DomainValidationArgs, SslCertificate, SslCertificateArgs, ValidationRecordOutput } from "./ssl-certificate";
export * from "./ssl-lookups";

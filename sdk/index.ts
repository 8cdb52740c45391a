export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { DnssecRecord, DnssecRecordArgs } from "./dnssec-record";
export { Contact, ContactArgs } from "./contact";
export { DomainDocument, DomainDocumentArgs, DomainDocumentType } from "./domain-document";
export { DomainValidationArgs, SslCertificate, SslCertificateArgs, ValidationRecordOutput } from "./ssl-certificate";
export * from "./ssl-lookups";
export { Vps, VpsArgs } from "./vps";
export * from "./vps-lookups";

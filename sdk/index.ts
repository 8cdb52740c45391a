export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { TransferArgs, UnconfirmedRenewal } from "./domain";
export {
  DomainAvailability,
  DomainDetails,
  checkDomainAvailability,
  getDomain,
  getDomainEppCode,
} from "./domain-lookups";
export { DnssecRecord, DnssecRecordArgs } from "./dnssec-record";
export { Contact, ContactArgs } from "./contact";
export { DomainDocument, DomainDocumentArgs, DomainDocumentType } from "./domain-document";
export {
  DomainValidationArgs,
  SslCertificate,
  SslCertificateArgs,
  ValidationRecordOutput,
} from "./ssl-certificate";
export * from "./ssl-lookups";
export { HostingAccount, HostingAccountArgs } from "./hosting-account";
export {
  HostingProduct,
  HostingProductFilter,
  getHostingProduct,
  getHostingProducts,
} from "./hosting-lookups";
export { Vps, VpsArgs } from "./vps";
export * from "./vps-lookups";

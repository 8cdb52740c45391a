export { Domain, DomainArgs, RegistrantArgs } from "./domain";
export { Nameserver, NameserverArgs } from "./nameserver";
export { DnssecRecord, DnssecRecordArgs } from "./dnssec-record";
export { Contact, ContactArgs } from "./contact";
export { DomainDocument, DomainDocumentArgs, DomainDocumentType } from "./domain-document";

import "reflect-metadata";

import { createHash, randomBytes, webcrypto } from "node:crypto";

import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as never);

type KeyPair = webcrypto.CryptoKeyPair;

const SIGNING = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const SUBJECT_ALT_NAME_OID = "2.5.29.17";

/** Fields the simulator reads from a CSR. */
export interface CsrFacts {
  commonName: string;
  organization: string;
  unit: string;
  locality: string;
  state: string;
  country: string;
  email: string;
  /** DNS names of the subject alternative name extension, lowercase. */
  alternativeNames: string[];
  /** Every name the CSR covers: the common name and the alternative names, lowercase. */
  names: string[];
  keyBits: number;
  publicKeyPem: string;
  signatureAlgorithm: string;
  /** DER bytes of the request, which the validation values are derived from. */
  der: Buffer;
  request: x509.Pkcs10CertificateRequest;
}

/** Parses and verifies a PEM CSR; throws an Error with a short reason when it is not one. */
export async function readCsr(pem: string): Promise<CsrFacts> {
  if (!/-----BEGIN (NEW )?CERTIFICATE REQUEST-----/.test(pem)) {
    throw new Error("it has no BEGIN CERTIFICATE REQUEST line");
  }
  const request = new x509.Pkcs10CertificateRequest(pem);
  if (!(await request.verify())) {
    throw new Error("its signature does not match its public key");
  }

  const field = (name: string) => request.subjectName.getField(name)[0] ?? "";
  const extension = request.getExtension(SUBJECT_ALT_NAME_OID);
  const alternativeNames =
    extension instanceof x509.SubjectAlternativeNameExtension
      ? extension.names.items
          .filter((item) => item.type === "dns")
          .map((item) => item.value.toLowerCase())
      : [];
  const commonName = field("CN").toLowerCase();
  const algorithm = request.publicKey.algorithm as { modulusLength?: number; namedCurve?: string };

  return {
    commonName,
    organization: field("O"),
    unit: field("OU"),
    locality: field("L"),
    state: field("ST"),
    country: field("C"),
    email: field("E"),
    alternativeNames,
    names: [...new Set([commonName, ...alternativeNames].filter((name) => name !== ""))],
    keyBits: algorithm.modulusLength ?? (algorithm.namedCurve === "P-384" ? 384 : 256),
    publicKeyPem: request.publicKey.toString("pem"),
    signatureAlgorithm: signatureName(request.signatureAlgorithm),
    der: Buffer.from(request.rawData),
    request,
  };
}

/** Generates an RSA key pair and a CSR for one hostname, as `ssl/generate` does. */
export async function generateCsr(
  bits: number,
  subject: {
    hostname: string;
    country: string;
    state: string;
    locality: string;
    organization: string;
    unit: string;
    email: string;
  },
): Promise<{ csr: string; key: string }> {
  const algorithm = { ...SIGNING, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: bits };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const name = [
    ["CN", subject.hostname],
    ["O", subject.organization],
    ["OU", subject.unit],
    ["L", subject.locality],
    ["ST", subject.state],
    ["C", subject.country],
    ["E", subject.email],
  ].map(([type, value]) => ({ [type]: [value] }));

  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: subject.hostname }]),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey));
  return { csr: request.toString("pem"), key: toPem("PRIVATE KEY", pkcs8) };
}

/** A certificate chain the simulated CA issued. */
export interface IssuedChain {
  certificate: string;
  intermediate: string;
  root: string;
  serialNumber: string;
}

interface Authority {
  keys: KeyPair;
  certificate: x509.X509Certificate;
}

let authorities: Promise<{ root: Authority; intermediate: Authority }> | undefined;

/**
 * Issues a certificate for the CSR's public key and the given hostnames, signed by a simulated
 * intermediate CA under a simulated root. The CA keys live in memory and are new in every process.
 */
export async function issueCertificate(
  csr: CsrFacts,
  hostnames: string[],
  notAfter: Date,
): Promise<IssuedChain> {
  const { root, intermediate } = await (authorities ??= createAuthorities());
  const serialNumber = randomBytes(16)
    .toString("hex")
    .replace(/^[89a-f]/, "1");
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: `CN=${hostnames[0]}`,
    issuer: intermediate.certificate.subject,
    notBefore: new Date(),
    notAfter,
    publicKey: csr.request.publicKey,
    signingKey: intermediate.keys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.SubjectAlternativeNameExtension(
        hostnames.map((value) => ({ type: "dns" as const, value })),
      ),
    ],
  });
  return {
    certificate: certificate.toString("pem"),
    intermediate: intermediate.certificate.toString("pem"),
    root: root.certificate.toString("pem"),
    serialNumber: serialNumber.toUpperCase(),
  };
}

async function createAuthorities(): Promise<{ root: Authority; intermediate: Authority }> {
  const algorithm = { ...SIGNING, publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const rootKeys = (await webcrypto.subtle.generateKey(algorithm, false, [
    "sign",
    "verify",
  ])) as KeyPair;
  const intermediateKeys = (await webcrypto.subtle.generateKey(algorithm, false, [
    "sign",
    "verify",
  ])) as KeyPair;
  const notBefore = new Date(Date.now() - 86_400_000);
  const notAfter = new Date(Date.now() + 20 * 365 * 86_400_000);

  const rootCertificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Irsfa Simulator Root CA, O=Irsfa Simulator",
    notBefore,
    notAfter,
    keys: rootKeys,
    signingAlgorithm: SIGNING,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  const intermediateCertificate = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject: "CN=Irsfa Simulator DV CA, O=Irsfa Simulator",
    issuer: rootCertificate.subject,
    notBefore,
    notAfter,
    publicKey: intermediateKeys.publicKey,
    signingKey: rootKeys.privateKey,
    signingAlgorithm: SIGNING,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  return {
    root: { keys: rootKeys, certificate: rootCertificate },
    intermediate: { keys: intermediateKeys, certificate: intermediateCertificate },
  };
}

/**
 * Returns the values a hostname must publish to pass validation, derived from the CSR's hashes in
 * the manner of common CAs: a CNAME under `_<md5>` for DNS and a file named `<MD5>.txt` for HTTP.
 */
export function validationValues(
  der: Buffer,
  uniqueValue: string,
): { md5: string; sha256: string; uniqueValue: string } {
  return {
    md5: createHash("md5").update(der).digest("hex"),
    sha256: createHash("sha256").update(der).digest("hex"),
    uniqueValue,
  };
}

function signatureName(algorithm: unknown): string {
  const { name, hash } = algorithm as { name?: string; hash?: { name?: string } | string };
  const hashName = typeof hash === "string" ? hash : (hash?.name ?? "");
  const digest = hashName.toLowerCase().replace("-", "");
  if (name === "RSASSA-PKCS1-v1_5") {
    return `${digest}WithRSAEncryption`;
  }
  if (name === "ECDSA") {
    return `ecdsa-with-${hashName.replace("-", "")}`;
  }
  return name ?? "unknown";
}

function toPem(label: string, der: Buffer): string {
  const lines = der.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

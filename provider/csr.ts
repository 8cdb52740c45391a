import "reflect-metadata";

import { webcrypto } from "node:crypto";

import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as never);

const SUBJECT_ALT_NAME_OID = "2.5.29.17";

/** Names and key facts read from a PEM certificate signing request. */
export interface CsrSummary {
  /** Subject common name, lowercase; empty when the subject has none. */
  commonName: string;
  /** DNS names of the subject alternative name extension, lowercase. */
  alternativeNames: string[];
  /** Every name the CSR covers: the common name and the alternative names, without repeats. */
  names: string[];
  /** Public key algorithm, e.g. `RSASSA-PKCS1-v1_5` or `ECDSA`. */
  keyAlgorithm: string;
  /** RSA modulus length in bits; undefined for other key types. */
  keyBits?: number;
}

/** Error for CSR text that cannot be parsed or whose signature does not verify; the message names the cause. */
export class CsrError extends Error {}

/** Returns the PEM body without whitespace, so two encodings of the same CSR compare equal. */
export function csrFingerprint(pem: string): string {
  return pem.replace(/-----(BEGIN|END) (NEW )?CERTIFICATE REQUEST-----/g, "").replace(/\s+/g, "");
}

/** Parses a PEM CSR and verifies its self-signature; throws a {@link CsrError} otherwise. */
export async function parseCsr(pem: string): Promise<CsrSummary> {
  if (
    !/-----BEGIN (NEW )?CERTIFICATE REQUEST-----[\s\S]+-----END (NEW )?CERTIFICATE REQUEST-----/.test(
      pem,
    )
  ) {
    throw new CsrError(
      "is not a PEM certificate signing request; expected a block between -----BEGIN CERTIFICATE REQUEST----- " +
        "and -----END CERTIFICATE REQUEST----- lines",
    );
  }

  let request: x509.Pkcs10CertificateRequest;
  try {
    request = new x509.Pkcs10CertificateRequest(pem.trim());
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CsrError(
      `cannot be parsed as PKCS #10 (${detail}); generate the CSR again and paste it whole`,
    );
  }
  if (!(await request.verify().catch(() => false))) {
    throw new CsrError(
      "has a signature that does not match its public key, so it was altered after signing; generate it again",
    );
  }

  const commonName = (request.subjectName.getField("CN")[0] ?? "").toLowerCase();
  const extension = request.getExtension(SUBJECT_ALT_NAME_OID);
  const alternativeNames =
    extension instanceof x509.SubjectAlternativeNameExtension
      ? extension.names.items
          .filter((item) => item.type === "dns")
          .map((item) => item.value.toLowerCase())
      : [];
  const algorithm = request.publicKey.algorithm as { name: string; modulusLength?: number };
  return {
    commonName,
    alternativeNames,
    names: [...new Set([commonName, ...alternativeNames].filter((name) => name !== ""))],
    keyAlgorithm: algorithm.name,
    keyBits: algorithm.modulusLength,
  };
}

/** Subject and key settings of a locally generated CSR. */
export interface LocalCsrRequest {
  /** Hostnames; the first is the common name and every one is a subject alternative name. */
  hostnames: string[];
  organization?: string;
  unit?: string;
  locality?: string;
  state?: string;
  /** ISO 3166-1 alpha-2 country code. */
  country?: string;
  email?: string;
  /** `rsa` (the default) or `ecdsa` (P-256). */
  keyType?: "rsa" | "ecdsa";
  /** RSA modulus length in bits. Defaults to 2048. */
  rsaBits?: number;
}

/** Generates a key pair and a CSR on this machine; the private key is returned as PKCS #8 PEM. */
export async function generateLocalCsr(
  request: LocalCsrRequest,
): Promise<{ csr: string; privateKey: string }> {
  if (request.hostnames.length === 0) {
    throw new CsrError("needs at least one hostname");
  }
  const signing =
    request.keyType === "ecdsa"
      ? { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" }
      : {
          name: "RSASSA-PKCS1-v1_5",
          hash: "SHA-256",
          publicExponent: new Uint8Array([1, 0, 1]),
          modulusLength: request.rsaBits ?? 2048,
        };
  const keys = await webcrypto.subtle.generateKey(signing, true, ["sign", "verify"]);

  const fields: Array<[string, string | undefined]> = [
    ["CN", request.hostnames[0]],
    ["O", request.organization],
    ["OU", request.unit],
    ["L", request.locality],
    ["ST", request.state],
    ["C", request.country],
    ["E", request.email],
  ];
  const name = fields
    .filter(([, value]) => value)
    .map(([type, value]) => ({ [type]: [value as string] }));
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name,
    keys: keys as never,
    signingAlgorithm: signing,
    extensions: [
      new x509.SubjectAlternativeNameExtension(
        request.hostnames.map((value) => ({ type: "dns" as const, value })),
      ),
    ],
  });

  const pkcs8 = Buffer.from(
    await webcrypto.subtle.exportKey("pkcs8", (keys as webcrypto.CryptoKeyPair).privateKey),
  );
  const lines = pkcs8.toString("base64").match(/.{1,64}/g) ?? [];
  return {
    csr: csr.toString("pem"),
    privateKey: `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----\n`,
  };
}

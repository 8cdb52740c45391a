/**
 * DNSSEC algorithm and DS digest type rules. The statuses follow the usage guidance of RFC 8624,
 * which RFC 9904 moved into the IANA DNSSEC algorithm registries, and the IETF draft that
 * deprecates the SHA-1 signing algorithms 5 and 7 (draft-ietf-dnsop-must-not-sha1, 2025).
 * NOTE: the registry can change; review these lists when it does.
 */

/** Algorithm numbers accepted for new DS records: RSA/SHA-256, RSA/SHA-512, ECDSA P-256 and P-384, Ed25519, Ed448. */
export const SUPPORTED_ALGORITHMS = [8, 10, 13, 14, 15, 16] as const;

/** Reason for rejecting each retired or unsuitable algorithm number. */
export const REJECTED_ALGORITHMS: Readonly<Record<number, string>> = {
  1: "RSAMD5 is retired: MD5 signatures must not be used for DNSSEC",
  2: "Diffie-Hellman is a key agreement algorithm and cannot sign zones",
  3: "DSA/SHA-1 is retired: DSA must not be used for DNSSEC signing",
  5: "RSASHA1 is retired: SHA-1 signatures are no longer recommended for DNSSEC signing",
  6: "DSA-NSEC3-SHA1 is retired: DSA must not be used for DNSSEC signing",
  7: "RSASHA1-NSEC3-SHA1 is retired: SHA-1 signatures are no longer recommended for DNSSEC signing",
  12: "ECC-GOST is retired: GOST R 34.10-2001 must not be used for DNSSEC signing",
  252: "INDIRECT is reserved and cannot sign zones",
  253: "PRIVATEDNS is for private use and not accepted by registries",
  254: "PRIVATEOID is for private use and not accepted by registries",
};

/** Hex length of the digest of each accepted DS digest type. */
export const DIGEST_HEX_LENGTHS: Readonly<Record<number, number>> = { 1: 40, 2: 64, 4: 96 };

/** Name of each accepted DS digest type, for messages. */
export const DIGEST_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: "SHA-1",
  2: "SHA-256",
  4: "SHA-384",
};

/** Returns why an algorithm number cannot be used, or undefined when it can. */
export function algorithmProblem(algorithm: number): string | undefined {
  if ((SUPPORTED_ALGORITHMS as readonly number[]).includes(algorithm)) {
    return undefined;
  }
  const expected = `expected one of ${SUPPORTED_ALGORITHMS.join(", ")}`;
  const reason = REJECTED_ALGORITHMS[algorithm];
  return reason
    ? `is ${algorithm}: ${reason}; ${expected}`
    : `is ${algorithm}, not a DNSSEC signing algorithm in use; ${expected}`;
}

/** Returns why a digest type number cannot be used, or undefined when it can. */
export function digestTypeProblem(digestType: number): string | undefined {
  if (digestType in DIGEST_HEX_LENGTHS) {
    return undefined;
  }
  const reason =
    digestType === 3 ? ": GOST R 34.11-94 digests must not be used for DS records" : "";
  return `is ${digestType}${reason}; expected 1 (SHA-1), 2 (SHA-256) or 4 (SHA-384)`;
}

import { generateLocalCsr } from "../../provider/csr";

/** Order fields the simulator accepts, for tests that place SSL orders. */
export const TEST_SSL_ORDER = {
  productId: "PR00019",
  contact: "2020CCT000123",
  approvalEmail: "admin@example.co.id",
  period: 1,
  clientEmail: "client@example.co.id",
  clientPhone: "+6281112863182",
};

/** Returns a fresh CSR for the hostnames; the private key is dropped. */
export async function testCsr(...hostnames: string[]): Promise<string> {
  return (
    await generateLocalCsr({
      hostnames,
      keyType: "ecdsa",
      organization: "Test Company",
      country: "ID",
    })
  ).csr;
}

import { strict as assert } from "node:assert";

import { UNKNOWN } from "../../provider/checks";
import { ContactOutputs, contactProvider } from "../../provider/resources/contact";
import { TEST_REGISTRANT } from "../support/simulator";

async function reasons(
  inputs: Record<string, unknown>,
  olds?: Record<string, unknown>,
): Promise<string[]> {
  const result = await contactProvider.check(olds as any, inputs);
  return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
}

describe("Contact check", () => {
  it("accepts a valid contact and defaults the locale", async () => {
    const { locale, ...withoutLocale } = TEST_REGISTRANT;

    const result = await contactProvider.check(undefined, withoutLocale);

    assert.deepEqual(result.failures, []);
    assert.equal(result.inputs?.locale, "en_GB");
  });

  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      "email",
      { email: "budi.example.co.id" },
      /^email: "budi\.example\.co\.id" is not an email address; expected e\.g\./,
    ],
    [
      "phone without +",
      { phone: "081200000000" },
      /^phone: "081200000000" is not in E\.164 form; expected "\+" and 7-15 digits/,
    ],
    [
      "phone with spaces",
      { phone: "+62 812 0000 0000" },
      /^phone: "\+62 812 0000 0000" is not in E\.164 form/,
    ],
    [
      "country name",
      { country: "Indonesia" },
      /^country: "Indonesia" is not an ISO 3166-1 alpha-2 code; expected e\.g\. "ID"$/,
    ],
    ["unassigned country", { country: "XX" }, /^country: "XX" is not an ISO 3166-1 alpha-2 code/],
    ["lowercase country", { country: "id" }, /^country: "id" is not an ISO 3166-1 alpha-2 code/],
    ["gender", { gender: "male" }, /^gender: is "male"; expected "M" or "F"$/],
    [
      "locale",
      { locale: "english" },
      /^locale: "english" is not a language code; expected e\.g\. "en_GB" or "id_ID"$/,
    ],
    ["house number", { number: "12A" }, /^number: is "12A"; expected digits only/],
    ["zip code", { zipCode: "ABC" }, /^zipCode: is "ABC"; expected digits only/],
    [
      "missing company",
      { companyName: "" },
      /^companyName: is required; expected a non-empty string$/,
    ],
    ["missing email", { email: undefined }, /^email: is required; expected an email address/],
    [
      "missing phone",
      { phone: undefined },
      /^phone: is required; expected a telephone number in E\.164 form/,
    ],
    [
      "missing country",
      { country: undefined },
      /^country: is required; expected an ISO 3166-1 alpha-2 code/,
    ],
  ];

  for (const [title, change, expected] of cases) {
    it(`rejects an invalid ${title}`, async () => {
      const found = await reasons({ ...TEST_REGISTRANT, ...change });

      assert.equal(found.length, 1, found.join("\n"));
      assert.match(found[0], expected);
    });
  }

  it("skips values unknown at preview", async () => {
    const unknowns = Object.fromEntries(Object.keys(TEST_REGISTRANT).map((key) => [key, UNKNOWN]));

    assert.deepEqual(await reasons(unknowns), []);
  });

  it("rejects a name change on a contact taken over by id", async () => {
    const olds = { ...TEST_REGISTRANT, existingContactId: "CNT-1001" };

    const found = await reasons({ ...olds, lastName: "Wijaya" }, olds);

    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^lastName: changed from "Santoso" to "Wijaya", but contact CNT-1001 was taken over/,
    );
  });
});

describe("Contact diff", () => {
  const olds: ContactOutputs = { ...TEST_REGISTRANT, contactId: "CNT-1001" };

  it("reports no change for the same values", async () => {
    const diff = await contactProvider.diff("CNT-1001", olds, { ...TEST_REGISTRANT });

    assert.equal(diff.changes, false);
  });

  it("treats a house number as text or number alike", async () => {
    const diff = await contactProvider.diff("CNT-1001", olds, { ...TEST_REGISTRANT, number: 1 });

    assert.equal(diff.changes, false);
  });

  for (const field of ["phone", "street", "city", "email", "locale", "country"] as const) {
    it(`updates in place when ${field} changes`, async () => {
      const value =
        field === "country"
          ? "SG"
          : field === "locale"
            ? "en_GB"
            : field === "phone"
              ? "+6281299999999"
              : `${olds[field]}x`;

      const diff = await contactProvider.diff("CNT-1001", olds, {
        ...TEST_REGISTRANT,
        [field]: value,
      });

      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces, []);
    });
  }

  for (const field of ["companyName", "firstName", "lastName", "gender"] as const) {
    it(`replaces the contact when ${field} changes`, async () => {
      const value = field === "gender" ? "F" : `${olds[field]}x`;

      const diff = await contactProvider.diff("CNT-1001", olds, {
        ...TEST_REGISTRANT,
        [field]: value,
      } as any);

      assert.equal(diff.changes, true);
      assert.deepEqual(diff.replaces, [field]);
    });
  }
});

/**
 * The API's rule for hosting, VPS root and VPS rebuild passwords: at least 6 characters, at least
 * 2 non-alphanumeric characters, an uppercase letter and a digit.
 */
export const PASSWORD_RULE =
  "at least 6 characters, including at least 2 non-alphanumeric characters, an uppercase letter and a digit";

/**
 * Returns each part of the password rule that `password` fails, as a phrase that states the count
 * but never the password, e.g. "has 1 non-alphanumeric character, fewer than 2".
 */
export function passwordRuleFailures(password: string): string[] {
  const failures: string[] = [];
  if (password.length < 6) {
    failures.push(`has ${password.length} characters, fewer than 6`);
  }
  const symbols = (password.match(/[^A-Za-z0-9]/g) ?? []).length;
  if (symbols < 2) {
    failures.push(
      `has ${symbols} non-alphanumeric character${symbols === 1 ? "" : "s"}, fewer than 2`,
    );
  }
  if (!/[A-Z]/.test(password)) {
    failures.push("has no uppercase letter");
  }
  if (!/[0-9]/.test(password)) {
    failures.push("has no digit");
  }
  return failures;
}

import { describeType } from "./checks";

/**
 * The password rule of the API's hosting and VPS endpoints: at least 6 characters, at least 2
 * non-alphanumeric characters, an uppercase letter and a digit.
 */
export const PASSWORD_RULE =
  "at least 6 characters, including at least 2 non-alphanumeric characters, an uppercase letter and a digit";

/** Returns the parts of the password rule that `password` fails, in words; empty when it passes. */
export function passwordRuleFailures(password: string): string[] {
  const failures: string[] = [];
  if (password.length < 6) {
    failures.push(`it has ${password.length} characters, fewer than 6`);
  }
  const symbols = (password.match(/[^A-Za-z0-9]/g) ?? []).length;
  if (symbols < 2) {
    failures.push(`it has ${symbols} non-alphanumeric characters, fewer than 2`);
  }
  if (!/[A-Z]/.test(password)) {
    failures.push("it has no uppercase letter");
  }
  if (!/[0-9]/.test(password)) {
    failures.push("it has no digit");
  }
  return failures;
}

/**
 * Returns a check failure reason for a password that breaks the rule, or undefined when it passes.
 * The reason names the failing parts and never contains the password.
 */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== "string") {
    return `is ${describeType(password)}; expected a string of ${PASSWORD_RULE}`;
  }
  const failures = passwordRuleFailures(password);
  if (failures.length === 0) {
    return undefined;
  }
  return `does not meet the password rule (${PASSWORD_RULE}): ${failures.join("; ")}`;
}

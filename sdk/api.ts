import * as pulumi from "@pulumi/pulumi";

import { ApiContext, contextFor } from "../provider/context";
import { resolveSettings } from "../provider/settings";

/**
 * Returns the API context of the program process, for lookup functions. Dynamic providers have no
 * invokes, so lookups call the API from the program itself, with the same `irsfa:*` stack
 * configuration and environment fallbacks as the provider.
 */
export function programApi(): ApiContext {
  // The runtime reader returns secret values without the warning that Config.get prints.
  return contextFor(resolveSettings((key) => pulumi.runtime.getConfig(key)));
}

/**
 * Runs a lookup once its inputs are known and returns its result as an Output. Mark the result
 * secret with `secret: true` when it contains a secret (an EPP code, a private key).
 */
export function lookup<TInputs, TResult>(
  inputs: pulumi.Input<TInputs>,
  run: (resolved: pulumi.Unwrap<TInputs>, api: ApiContext) => Promise<TResult>,
  options: { secret?: boolean } = {},
): pulumi.Output<TResult> {
  const result = pulumi
    .output(inputs)
    .apply((resolved) => run(resolved as pulumi.Unwrap<TInputs>, programApi()));
  return (options.secret ? pulumi.secret(result) : result) as pulumi.Output<TResult>;
}

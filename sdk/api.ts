import * as pulumi from "@pulumi/pulumi";

import { ApiContext, createApiContext } from "../provider/context";
import { resolveSettings } from "../provider/settings";

let cached: { key: string; context: ApiContext } | undefined;

/**
 * Returns the API context of the program process, for lookup functions. Dynamic providers have no
 * invokes, so lookups call the API from the program itself, with the same `irsfa:*` stack
 * configuration and environment fallbacks as the provider.
 */
export function programApi(): ApiContext {
  // The runtime reader returns secret values without the warning that Config.get prints.
  const settings = resolveSettings((key) => pulumi.runtime.getConfig(key));
  // An Automation API process runs inline programs of several stacks one after another, each with
  // its own configuration, so the context is reused only while the settings stay the same.
  const key = JSON.stringify(settings);
  if (cached?.key !== key) {
    cached = { key, context: createApiContext(settings) };
  }
  return cached.context;
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
  const result = pulumi.output(inputs).apply((resolved) => run(resolved as pulumi.Unwrap<TInputs>, programApi()));
  return (options.secret ? pulumi.secret(result) : result) as pulumi.Output<TResult>;
}

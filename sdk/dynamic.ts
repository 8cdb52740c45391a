import * as pulumi from "@pulumi/pulumi";

/** Module part of every resource type token: `pulumi-nodejs:dynamic/irsfa:<Kind>`. */
export const TYPE_MODULE = "irsfa";

/**
 * Returns the dynamic provider of one resource kind. Pulumi serialises this object into the state
 * of every resource, so it contains no logic and no configuration. Each method loads this
 * package's provider module by name when the provider host calls it. It resolves the module from
 * the project folder, because the host evaluates the serialised text outside any file. The text
 * therefore stays small, carries no credential, and does not change when the package is upgraded.
 */
export function dynamicProvider(kind: string): pulumi.dynamic.ResourceProvider {
  const call = (method: string, args: unknown[]): Promise<any> =>
    require("module")
      .createRequire(`${process.cwd()}/`)("pulumi-irsfa/provider")
      .dispatch(kind, method, args);

  return {
    configure: (...args) => call("configure", args),
    check: (...args) => call("check", args),
    diff: (...args) => call("diff", args),
    create: (...args) => call("create", args),
    read: (...args) => call("read", args),
    update: (...args) => call("update", args),
    delete: (...args) => call("delete", args),
  };
}

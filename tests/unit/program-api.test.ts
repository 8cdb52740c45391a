import { strict as assert } from "node:assert";

import * as pulumi from "@pulumi/pulumi";

import { programApi } from "../../sdk/api";

describe("programApi", () => {
  const keys = ["irsfa:endpoint", "irsfa:clientId", "irsfa:clientSecret"];

  afterEach(() => {
    for (const key of keys) {
      pulumi.runtime.setConfig(key, "");
    }
  });

  it("follows a configuration change", () => {
    // An Automation API process runs inline programs of several stacks, each with its own config.
    pulumi.runtime.setConfig("irsfa:clientId", "first-id");
    pulumi.runtime.setConfig("irsfa:clientSecret", "first-secret");
    pulumi.runtime.setConfig("irsfa:endpoint", "http://127.0.0.1:1001");
    const first = programApi();

    pulumi.runtime.setConfig("irsfa:clientId", "second-id");
    pulumi.runtime.setConfig("irsfa:endpoint", "http://127.0.0.1:1002");
    const second = programApi();

    assert.equal(first.settings.endpoint, "http://127.0.0.1:1001");
    assert.equal(second.settings.endpoint, "http://127.0.0.1:1002");
    assert.equal(second.settings.clientId, "second-id");
  });

  it("reuses the context while the configuration stays", () => {
    pulumi.runtime.setConfig("irsfa:clientId", "same-id");
    pulumi.runtime.setConfig("irsfa:clientSecret", "same-secret");
    pulumi.runtime.setConfig("irsfa:endpoint", "http://127.0.0.1:1003");

    assert.equal(programApi(), programApi());
  });
});

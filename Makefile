# Entry points: `make demo` runs the demo estate against the bundled simulator, `make test` runs
# every test suite. Both install what they need on first use: npm packages and the Pulumi CLI.

SHELL := /bin/bash
.DEFAULT_GOAL := help

NODE_MODULES := node_modules/.package-lock.json
PULUMI_DIR_FILE := .cache/pulumi-dir

# The Pulumi CLI folder and the dynamic provider plugin of @pulumi/pulumi go first on PATH.
# Everything runs offline: local file backends, no update check, no telemetry.
export PATH := $(shell cat $(PULUMI_DIR_FILE) 2>/dev/null):$(CURDIR)/node_modules/@pulumi/pulumi:$(PATH)
export PULUMI_SKIP_UPDATE_CHECK := true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING := true
export PULUMI_HOME := $(CURDIR)/.cache/pulumi-home

.PHONY: help install build lint demo run-demo test run-tests clean FORCE

help:
	@echo "make demo   run pulumi up of the demo estate against the simulator"
	@echo "make test   check formatting, then run the unit, client, simulator, provider and end-to-end suites"

$(NODE_MODULES): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

$(PULUMI_DIR_FILE): $(NODE_MODULES) FORCE
	@mkdir -p $(dir $@)
	scripts/install-pulumi.sh > $@.tmp
	@mv $@.tmp $@

install: $(NODE_MODULES) $(PULUMI_DIR_FILE)

build: $(NODE_MODULES)
	npx tsc -p tsconfig.json

lint: $(NODE_MODULES)
	npx prettier --check provider sdk simulator tests examples scripts

demo: install build
	@$(MAKE) --no-print-directory run-demo

run-demo:
	node dist/scripts/demo.js

test: install lint build
	@$(MAKE) --no-print-directory run-tests

run-tests:
	npx mocha --config .mocharc.json 'dist/tests/**/*.test.js'

clean:
	rm -rf dist .demo .test-work .cache
FORCE:

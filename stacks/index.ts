// The Pulumi program (Pulumi.yaml `main`): `pulumi preview` / `pulumi up` run the scenario the stack's
// config names, e.g. `alicloud-vpn:scenario: hypermotion` in Pulumi.hypermotion-dev.yaml.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "./config";
import { runScenario } from "./scenarios";

const result = runScenario(new pulumi.Config(PROJECT).require("scenario"));

export = result.outputs;

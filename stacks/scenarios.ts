// The scenarios this project ships, by the name `alicloud-vpn:scenario` and `npm run plan -- <name>` use.
import * as pulumi from "@pulumi/pulumi";
import { cloudLinkFromStackConfig } from "./cloudLink";
import { hubAndSpokeFromStackConfig } from "./hubAndSpoke";
import { ScenarioResult, hypermotionFromStackConfig } from "./hypermotion";
import { openvpnMeshFromStackConfig } from "./openvpnMesh";
import { overlapFromStackConfig } from "./overlap";

export { ScenarioResult } from "./hypermotion";

export const SCENARIOS: Record<string, (opts?: pulumi.ComponentResourceOptions) => ScenarioResult> = {
    hypermotion: hypermotionFromStackConfig,
    "hub-and-spoke": hubAndSpokeFromStackConfig,
    "openvpn-mesh": openvpnMeshFromStackConfig,
    "cloud-aws": cloudLinkFromStackConfig("cloud-aws"),
    "cloud-azure": cloudLinkFromStackConfig("cloud-azure"),
    "cloud-gcp": cloudLinkFromStackConfig("cloud-gcp"),
    overlap: overlapFromStackConfig,
};

export function runScenario(name: string, opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    const scenario = SCENARIOS[name];
    if (!scenario) {
        throw new Error(`unknown scenario "${name}" in alicloud-vpn:scenario; known: ${Object.keys(SCENARIOS).join(", ")}.`);
    }
    return scenario(opts);
}

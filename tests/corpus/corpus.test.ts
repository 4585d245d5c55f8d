// The bad-input corpus: every case must stop the program with exactly these errors (formatted as the user sees
// them) before the emulator records a single resource. HyperMotion cases edit the committed sample config;
// component cases call VpnHub and SiteToSiteLink directly. CORPUS_PRINT=1 prints what each case produces.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { GatewayRef, SiteToSiteLink } from "../../components/siteToSiteLink";
import { VpnHub } from "../../components/vpnHub";
import { AlibabaCloudEmulator } from "../../emulator";
import { TopologyError, errorsOf, formatFinding } from "../../model/findings";
import { hubAndSpokeFromStackConfig } from "../../stacks/hubAndSpoke";
import { hypermotionFromStackConfig } from "../../stacks/hypermotion";
import { refusal } from "../helpers";
import { COMPONENT_CASES, HUB_AND_SPOKE_CASES, HYPERMOTION_CASES } from "./cases";

const sample = (file: string) => YAML.parse(fs.readFileSync(path.join(__dirname, "../..", file), "utf8")).config as Record<string, unknown>;
const SAMPLES: Record<string, Record<string, unknown>> = {
    hypermotion: sample("Pulumi.hypermotion-dev.yaml"),
    "hub-and-spoke": sample("Pulumi.hub-and-spoke-dev.yaml"),
};

/** A sample stack config with `edit` applied to a copy of its scenario object (undefined: the key removed). */
function stackConfig(edit: (config: any) => unknown, scenario = "hypermotion"): Record<string, string> {
    const key = `alicloud-vpn:${scenario}`;
    const edited = edit(structuredClone(SAMPLES[scenario][key]));
    const config: Record<string, string> = { "alicloud:region": "cn-hangzhou", "alicloud-vpn:scenario": scenario };
    if (edited !== undefined) {
        config[key] = JSON.stringify(edited);
    }
    return config;
}

function assertRefused(name: string, error: TopologyError, emulator: AlibabaCloudEmulator, expected: readonly string[]): void {
    if (process.env.CORPUS_PRINT) {
        console.log("CORPUS " + JSON.stringify({ name, errors: errorsOf(error.findings).map(formatFinding) }));
    }
    assert.deepEqual(errorsOf(error.findings).map(formatFinding), expected);
    // Nothing at all: no cloud resource and no component; only the stack itself, which the runtime registers first.
    assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    assert.equal(emulator.state.rejections.length, 0);
}

/** A gateway as SiteToSiteLink sees it, without registering one: the corpus proves the link registers nothing. */
const gateway: GatewayRef = { name: "hub", vpcCidr: "10.10.0.0/16", tunnelMode: "dual", vpnGatewayId: "vpn-bp1", routeTableId: "vtb-bp1", internetIp: "198.51.100.1" };

describe("bad-input corpus", () => {
    it(`holds at least 100 cases (${HYPERMOTION_CASES.length} HyperMotion config, ${HUB_AND_SPOKE_CASES.length} hub-and-spoke config, ${COMPONENT_CASES.length} component)`, () => {
        assert.ok(HYPERMOTION_CASES.length + COMPONENT_CASES.length + HUB_AND_SPOKE_CASES.length >= 100);
        const names = [...HYPERMOTION_CASES, ...COMPONENT_CASES, ...HUB_AND_SPOKE_CASES].map((c) => c.name);
        assert.equal(new Set(names).size, names.length, "case names are unique");
    });

    describe("HyperMotion stack config (Pulumi.hypermotion-dev.yaml edited)", () => {
        for (const c of HYPERMOTION_CASES) {
            it(c.name, async () => {
                const { error, emulator } = await refusal(() => hypermotionFromStackConfig(), { config: stackConfig(c.edit) });
                assertRefused(c.name, error, emulator, c.errors);
            });
        }
    });

    describe("hub-and-spoke stack config (Pulumi.hub-and-spoke-dev.yaml edited)", () => {
        for (const c of HUB_AND_SPOKE_CASES) {
            it(c.name, async () => {
                const { error, emulator } = await refusal(() => hubAndSpokeFromStackConfig(), { config: stackConfig(c.edit, "hub-and-spoke") });
                assertRefused(c.name, error, emulator, c.errors);
            });
        }
    });

    describe("components called directly", () => {
        for (const c of COMPONENT_CASES) {
            it(c.name, async () => {
                const { error, emulator } = await refusal(() =>
                    "hub" in c ? new VpnHub("hub", c.hub) : new SiteToSiteLink("dc", { gateway, ...c.link }),
                );
                assertRefused(c.name, error, emulator, c.errors);
            });
        }
    });
});

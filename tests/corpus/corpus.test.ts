// The bad-input corpus: every case must stop the program with exactly these errors (formatted as the user sees
// them) before the emulator records a single resource. HyperMotion cases edit the committed sample config;
// component cases call VpnHub and SiteToSiteLink directly. CORPUS_PRINT=1 prints what each case produces.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { SiteToSiteLink, SiteToSiteLinkArgs } from "../../components/siteToSiteLink";
import { VpnHub } from "../../components/vpnHub";
import { AlibabaCloudEmulator } from "../../emulator";
import { TopologyError, errorsOf, formatFinding } from "../../model/findings";
import { hypermotionFromStackConfig } from "../../stacks/hypermotion";
import { emulate } from "../helpers";
import { COMPONENT_CASES, HYPERMOTION_CASES } from "./cases";

const SAMPLE = YAML.parse(fs.readFileSync(path.join(__dirname, "../../Pulumi.hypermotion-dev.yaml"), "utf8")).config as Record<string, unknown>;
const KEY = "alicloud-vpn:hypermotion";

/** The sample stack config with `edit` applied to a copy of the hypermotion object (undefined: the key removed). */
function stackConfig(edit: (config: any) => unknown): Record<string, string> {
    const edited = edit(structuredClone(SAMPLE[KEY]));
    const config: Record<string, string> = { "alicloud:region": "cn-hangzhou", "alicloud-vpn:scenario": "hypermotion" };
    if (edited !== undefined) {
        config[KEY] = JSON.stringify(edited);
    }
    return config;
}

async function refusal(program: () => unknown, config: Record<string, string> = {}): Promise<{ error: unknown; emulator: AlibabaCloudEmulator }> {
    let error: unknown;
    const emulator = await emulate(() => {
        try {
            program();
        } catch (err) {
            error = err;
        }
    }, { config });
    return { error, emulator };
}

function assertRefused(name: string, error: unknown, emulator: AlibabaCloudEmulator, expected: readonly string[]): void {
    if (process.env.CORPUS_PRINT) {
        console.log("CORPUS " + JSON.stringify({ name, errors: error instanceof TopologyError ? errorsOf(error.findings).map(formatFinding) : String(error) }));
    }
    assert.ok(error instanceof TopologyError, `expected a TopologyError, got ${error}`);
    assert.deepEqual(errorsOf(error.findings).map(formatFinding), expected);
    // Nothing at all: no cloud resource and no component; only the stack itself, which the runtime registers first.
    assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    assert.equal(emulator.state.rejections.length, 0);
}

/** A hub as SiteToSiteLink's checks see it, without registering one: the corpus proves the link registers nothing. */
const planHub = { hubName: "hub", vpcCidr: "10.10.0.0/16", tunnelMode: "dual" } as unknown as VpnHub;

describe("bad-input corpus", () => {
    it(`holds at least 40 cases (${HYPERMOTION_CASES.length} HyperMotion config, ${COMPONENT_CASES.length} component)`, () => {
        assert.ok(HYPERMOTION_CASES.length + COMPONENT_CASES.length >= 40);
        const names = [...HYPERMOTION_CASES, ...COMPONENT_CASES].map((c) => c.name);
        assert.equal(new Set(names).size, names.length, "case names are unique");
    });

    describe("HyperMotion stack config (Pulumi.hypermotion-dev.yaml edited)", () => {
        for (const c of HYPERMOTION_CASES) {
            it(c.name, async () => {
                const { error, emulator } = await refusal(() => hypermotionFromStackConfig(), stackConfig(c.edit));
                assertRefused(c.name, error, emulator, c.errors);
            });
        }
    });

    describe("components called directly", () => {
        for (const c of COMPONENT_CASES) {
            it(c.name, async () => {
                const { error, emulator } = await refusal(() =>
                    "hub" in c ? new VpnHub("hub", c.hub) : new SiteToSiteLink("dc", { hub: planHub, ...c.link } as SiteToSiteLinkArgs),
                );
                assertRefused(c.name, error, emulator, c.errors);
            });
        }
    });
});

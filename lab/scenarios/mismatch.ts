// Scenario 4, deliberate mismatch: the library cannot render two ends that differ (one profile drives
// both), so the lab edits the rendered office config by hand, as someone might on the router:
//   - ESP PFS group2 -> modp2048 (group14): IKEv1 quick mode carries the DH group, so it fails at once;
//   - IKE aes256 -> aes128: main mode fails.
// Each variant must (a) fail to negotiate with NO_PROPOSAL_CHOSEN in the charon logs and leave no CHILD_SA,
// and (b) be refused by the library's check (checks/peerProposals.ts) before any resource, from the
// stack config's profile, and likewise against the connection inputs the emulator recorded.
import * as assert from "node:assert/strict";
import { checkPeerProposals } from "../../checks/peerProposals";
import { ROOT, loadStackConfig } from "../../cli/plan";
import { alibabaIkeConfig, alibabaIpsecConfig } from "../../model/alibabaConnection";
import { Finding, TopologyError, assertNoErrors, errorsOf } from "../../model/findings";
import { resolveProfile } from "../../model/profile";
import { renderStrongswan } from "../../renderers/strongswan";
import { seconds, waitFor } from "../exec";
import { LabScenario, ScenarioResult } from "../scenario";
import { HypermotionLab, setupHypermotion } from "./hypermotion";

const PROFILE_PATH = "alicloud-vpn:hypermotion.office.profile";

export interface MismatchVariant {
    label: string;
    /** Edits the rendered office swanctl.conf. */
    edit: (conf: string) => string;
    /** The profile field the check must name. */
    field: string;
    /** What the failure looks like: main mode (no IKE SA) or quick mode (IKE SA, no CHILD_SA). */
    phase: "IKE" | "CHILD";
}

export const MISMATCH_VARIANTS: MismatchVariant[] = [
    {
        label: "ESP PFS modp2048 vs Alibaba group2",
        edit: (conf) => replaceOnce(conf, /esp_proposals = aes256-sha1-modp1024/g, "esp_proposals = aes256-sha1-modp2048"),
        field: `${PROFILE_PATH}.ipsec.pfs`,
        phase: "CHILD",
    },
    {
        label: "IKE aes128 vs Alibaba aes256",
        edit: (conf) => replaceOnce(conf, /^(\s*)proposals = aes256-sha1-modp1024$/gm, "$1proposals = aes128-sha1-modp1024"),
        field: `${PROFILE_PATH}.ike.encryption`,
        phase: "IKE",
    },
];

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
    const out = text.replace(pattern, replacement);
    assert.notEqual(out, text, `the rendered config no longer contains ${pattern}; update the mismatch scenario`);
    return out;
}

/**
 * The library's check, before any resource: the office profile of Pulumi.hypermotion-dev.yaml (read as the
 * runtime receives it), resolved as the stack resolves it, against a peer swanctl.conf.
 */
export function checkBeforeResources(peerConf: string): Finding[] {
    const config = loadStackConfig(`${ROOT}/Pulumi.hypermotion-dev.yaml`);
    const office = JSON.parse(config["alicloud-vpn:hypermotion"]).office;
    const { profile } = resolveProfile(office.profile, PROFILE_PATH, "office");
    return checkPeerProposals(alibabaIkeConfig(profile), alibabaIpsecConfig(profile), profile.dpd, peerConf, { path: PROFILE_PATH, site: "office" });
}

/** The same check against what Alibaba received: the recorded connection's tunnel parameters. */
function checkAgainstRecorded(h: HypermotionLab, peerConf: string): Finding[] {
    const t = h.alibaba.tunnels[0];
    return checkPeerProposals(t.ike, t.ipsec, t.dpd, peerConf, { path: PROFILE_PATH, site: "office" });
}

const fieldsOf = (findings: Finding[]) => [...new Set(findings.map((f) => f.field))];

const NO_PROPOSAL = /NO_PROPOSAL_CHOSEN|no (matching|acceptable) proposal/;
// At start-up a charon that has no config yet answers "no IKE config found ... sending NO_PROPOSAL_CHOSEN":
// that is not a proposal mismatch. The lab starts the office only after the gateway, so it does not occur,
// but it is excluded anyway.
const NOT_A_MISMATCH = /no IKE config found/;

export const mismatchScenario: LabScenario = {
    name: "mismatch",
    title: "a hand-edited office config (PFS group, IKE encryption) fails with NO_PROPOSAL_CHOSEN, and the library's check refuses it first",
    needs: { strongswan: true },
    async run(lab, log): Promise<ScenarioResult> {
        const parts: string[] = [];
        const details: Record<string, unknown> = {};
        const h = await setupHypermotion(lab);
        const unedited = renderStrongswan(h.link);
        assert.deepEqual(errorsOf(checkBeforeResources(unedited)), [], "the unedited rendering passes the check");
        assert.deepEqual(errorsOf(checkAgainstRecorded(h, unedited)), [], "the unedited rendering matches the recorded connection");
        for (const variant of MISMATCH_VARIANTS) {
            await h.office.stopDaemon();
            await h.gateway.stopDaemon();
            const edited = variant.edit(unedited);

            // (b) the library's check, before any resource, and against the recorded connection.
            const before = checkBeforeResources(edited);
            const refused = errorsOf(before);
            // One finding per peer connection (master and slave), all naming the same profile field.
            assert.deepEqual(fieldsOf(refused), [variant.field], `the check names ${variant.field}`);
            assert.throws(() => assertNoErrors(before), TopologyError);
            assert.deepEqual(fieldsOf(errorsOf(checkAgainstRecorded(h, edited))), [variant.field]);

            // (a) the lab: the edited config against the translated gateway.
            h.office.strongswan.writeSwanctlConf(edited);
            const offsets = { office: h.office.strongswan.log().length, gateway: h.gateway.strongswan.log().length };
            await h.gateway.startDaemon();
            await h.office.strongswan.start();
            const since = Date.now();
            await h.office.strongswan.loadAll();
            const failure = await waitFor(async () => {
                const lines = [...h.office.strongswan.log().slice(offsets.office).split("\n"), ...h.gateway.strongswan.log().slice(offsets.gateway).split("\n")];
                return lines.find((l) => NO_PROPOSAL.test(l) && !NOT_A_MISMATCH.test(l));
            }, 15_000);
            assert.ok(failure, `${variant.label}: no NO_PROPOSAL_CHOSEN within 15 s`);
            const failedMs = Date.now() - since;
            const { sas } = await h.office.strongswan.listSas();
            const installed = sas.flatMap((e) => Object.values((e.sa["child-sas"] as Record<string, any>) ?? {})).filter((c: any) => c.state === "INSTALLED");
            assert.equal(installed.length, 0, `${variant.label}: a CHILD_SA was installed despite the mismatch`);
            const established = sas.filter((e) => e.sa.state === "ESTABLISHED").length;
            if (variant.phase === "IKE") {
                assert.equal(established, 0, `${variant.label}: an IKE SA was established despite the IKE mismatch`);
            } else {
                assert.ok(established > 0, `${variant.label}: phase 1 should have succeeded, only quick mode differs`);
            }
            const ping = await h.office.ping(h.officeHosts[0], h.vpcHost, 2);
            assert.equal(ping.received, 0, `${variant.label}: traffic passed`);
            log(`  ${variant.label}: ${failure.replace(/^\S+ \S+ /, "").trim()}`);
            log(`    check before any resource: ${[...new Set(refused.map((f) => `[${f.site}] ${f.field} = ${JSON.stringify(f.value)}`))].join("; ")}`);
            parts.push(`${variant.label} → NO_PROPOSAL_CHOSEN in ${seconds(failedMs)} (${variant.phase === "IKE" ? "no IKE SA" : `IKE SA up, no CHILD_SA`}), refused first by ${variant.field.replace(`${PROFILE_PATH}.`, "profile.")}`);
            details[variant.label] = { failedMs, logLine: failure, refused: fieldsOf(refused) };
        }
        return { summary: `lab mismatch: ${parts.join("; ")}`, details };
    },
};

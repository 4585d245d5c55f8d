// Overlapping networks (seed 001, issue 17): the overlap stack (Pulumi.overlap-dev.yaml) on the emulator. The VPC and
// the partner both use 10.0.0.0/16, and here both even have the host 10.0.1.10. The Alibaba gateway's namespace runs
// the recorded connection (alibabaSide.ts) and, standing in for the VPC NAT gateway, nftables NAT built from the
// recorded SNAT and forward entries (lab/vpcNat.ts); the partner runs the library's rendered strongSwan config and its
// rendered translation ruleset. Proves: each side reaches the other by its translated address, both ways, and the
// tunnel carries only the translated blocks (the CHILD_SA selectors at both ends).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PlanReport, ROOT, loadStackConfig, planScenario } from "../../cli/plan";
import { TYPES } from "../../emulator";
import { overlaps, parseCidr } from "../../model/cidr";
import { TRANSLATION_NFT_BEGIN, TRANSLATION_NFT_END } from "../../renderers/strongswan";
import { alibabaConnectionName, buildAlibabaSites, routeAnchorsFor } from "../alibabaSide";
import { seconds } from "../exec";
import { childPackets, formatPings, packetDelta, peerConnectionNames, peerSiteSpec, planForLab, waitForTunnel } from "../ipsec";
import { Site } from "../netns";
import { LabScenario } from "../scenario";
import { childSas } from "../strongswan";
import { vpcNatRules } from "../vpcNat";

/** The same host on both sides: the collision at its sharpest. */
const HOST = "10.0.1.10";

/** The lines between the markers of a rendered config, without their leading "# ". */
export function markedBlock(text: string, begin: string, end: string): string {
    const lines = text.split("\n");
    const from = lines.indexOf(begin);
    const to = lines.indexOf(end);
    if (from < 0 || to < from) {
        throw new Error(`the rendered config has no block between "${begin}" and "${end}"`);
    }
    return (
        lines
            .slice(from + 1, to)
            .map((l) => l.replace(/^# ?/, ""))
            .join("\n") + "\n"
    );
}

/** `address` mapped 1:1 from block `from` to block `to` (same size): what a prefix NAT (NETMAP) does. */
function mapped(address: string, from: string, to: string): string {
    const value = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0) - parseCidr(from).first + parseCidr(to).first;
    return [24, 16, 8, 0].map((s) => Math.floor(value / 2 ** s) % 256).join(".");
}

async function loadRuleset(site: Site, name: string, ruleset: string): Promise<void> {
    const file = path.join(site.dir, name);
    fs.writeFileSync(file, ruleset, { mode: 0o600 });
    const result = await site.exec("nft", ["-f", file]);
    if (result.code !== 0) {
        throw new Error(`nft -f ${name} in ${site.name}: ${result.stderr || result.stdout}`);
    }
}

export const overlapScenario: LabScenario = {
    name: "overlap",
    title: "two sites both on 10.0.0.0/16 reach each other by their translated addresses (VPC NAT gateway from the recorded entries, the partner's rendered NAT)",
    needs: { strongswan: true, nft: true },
    async run(lab, log) {
        const report = await planForLab("overlap");
        const link = report.links.find((l) => l.name === "partner");
        assert.ok(link?.translation, "the overlap stack has a translated partner link");
        const state = report.emulator.state;
        const [alibaba, ...others] = buildAlibabaSites(state, { lanAddresses: () => [HOST] });
        assert.equal(others.length, 0, "one VPN gateway");
        const nat = vpcNatRules(state, alibaba.gateway.inputs.vpcId);
        assert.ok(nat, "the emulator recorded a VPC NAT gateway");
        const exposed = nat.dnat.find((d) => d.internalIp === HOST);
        assert.ok(exposed, `a forward entry exposes ${HOST}`);
        const map = link.translation.peerMap[0];
        assert.ok(map, "the partner translates too (its network overlaps the VPC)");
        const partnerAsSeen = mapped(HOST, map.real, map.translated);
        const translated = [link.translation.alibabaBlock, map.translated];

        const gateway = await lab.addSite(alibaba.spec);
        const rendered = peerSiteSpec(link, { name: "partner", lanAddresses: [HOST] });
        // kernel-libipsec routes the remote selector from an address inside the local one (alibabaSide.ts).
        const partner = await lab.addSite({ ...rendered, routeAnchors: routeAnchorsFor(link.peerSubnets, [HOST]) });
        await loadRuleset(gateway, "vpc-nat.nft", nat.ruleset);
        await gateway.startDaemon();
        await partner.strongswan.start();
        const since = Date.now();
        await partner.strongswan.loadAll();
        const [partnerMaster] = peerConnectionNames(link);
        const up = await waitForTunnel(partner, partnerMaster, since);
        assert.ok(up, "the partner's master tunnel comes up");
        const gatewayMaster = alibabaConnectionName(alibaba.tunnels.find((t) => t.role === "master" || t.role === "single")!);
        assert.ok(await waitForTunnel(gateway, gatewayMaster, since), "the gateway's master tunnel is up");

        // Control: without the partner's side of the translation, the VPC cannot reach it.
        const control = await gateway.ping(HOST, partnerAsSeen, 1);
        assert.equal(control.received, 0, "no reply before the partner loads its rendered translation");
        const partnerRuleset = markedBlock(
            rendered.daemon.kind === "strongswan" ? rendered.daemon.swanctlConf : "",
            TRANSLATION_NFT_BEGIN,
            TRANSLATION_NFT_END,
        );
        await loadRuleset(partner, "translation.nft", partnerRuleset);

        const before = await childPackets(gateway);
        const pings = [await gateway.ping(HOST, partnerAsSeen), await partner.ping(HOST, exposed.externalIp)];
        const delta = packetDelta(before, await childPackets(gateway));
        for (const p of pings) {
            assert.equal(p.received, p.sent, `ping ${p.from} -> ${p.to}: ${p.received}/${p.sent}`);
        }
        const carried = [...delta.values()].reduce((n, d) => n + d.in + d.out, 0);
        assert.ok(carried >= 16, `the pings went through the tunnel (${carried} ESP packets counted on the gateway's CHILD_SAs)`);

        // The selectors at both ends: only the translated blocks, never the real 10.0.0.0/16.
        const selectors: string[] = [];
        for (const site of [gateway, partner]) {
            const children = childSas((await site.strongswan.listSas()).sas).filter((c) => c.state === "INSTALLED");
            assert.ok(children.length > 0, `${site.name} has installed CHILD_SAs`);
            for (const child of children) {
                for (const ts of [...child.localTs, ...child.remoteTs]) {
                    assert.ok(
                        !overlaps(ts, map.real) && !overlaps(ts, link.translation.alibabaReal),
                        `${site.name} ${child.name}: selector ${ts} leaks a real block`,
                    );
                    assert.ok(translated.includes(ts), `${site.name} ${child.name}: selector ${ts} is a translated block`);
                }
                selectors.push(`${site.name} ${child.name} ${child.localTs.join(",")} === ${child.remoteTs.join(",")}`);
            }
        }
        const recorded = state.ofType(TYPES.snatEntry).length + state.ofType(TYPES.forwardEntry).length;
        log(`lab overlap: CHILD_SAs ${[...new Set(selectors)].join("; ")}`);
        const summary =
            `lab overlap: VPC ${link.translation.alibabaReal} as ${link.translation.alibabaBlock}, partner ${map.real} as ${map.translated}; ` +
            `tunnel up in ${seconds(up.childMs)}, ping ${formatPings(pings)} (${HOST} on both sides; NAT from ${recorded} recorded SNAT/DNAT entries), ` +
            `CHILD_SA selectors ${link.translation.alibabaBlock} === ${map.translated} only, before the partner's NAT 0/1`;
        return { summary, details: { pings, selectors, carried, natRules: nat, partnerRuleset } };
    },
};

let alibabaOnlyPlan: Promise<PlanReport> | undefined;

/**
 * The overlap stack with a partner whose LAN (192.168.50.0/24) does not overlap the VPC but still asks for translation
 * (its 10.0.0.0/16 is taken elsewhere on its side): Alibaba's side suffices, the partner translates nothing.
 */
function planAlibabaOnly(): Promise<PlanReport> {
    if (!alibabaOnlyPlan) {
        const key = "alicloud-vpn:overlap";
        const config = JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.overlap-dev.yaml"))[key]);
        config.partner.networks = [PARTNER_LAN];
        alibabaOnlyPlan = planScenario("overlap", { write: false, configOverrides: { [key]: JSON.stringify(config) } });
    }
    return alibabaOnlyPlan;
}

const PARTNER_LAN = "192.168.50.0/24";
const PARTNER_HOST = "192.168.50.10";

export const overlapAlibabaOnlyScenario: LabScenario = {
    name: "overlap-alibaba-only",
    title: "a translated link whose peer does not overlap the VPC: the VPC NAT gateway alone suffices, the peer's rendered config translates nothing",
    needs: { strongswan: true, nft: true },
    async run(lab, log) {
        const report = await planAlibabaOnly();
        const link = report.links.find((l) => l.name === "partner");
        assert.ok(link?.translation, "the partner link is translated");
        assert.deepEqual(link.translation.peerMap, [], "the partner translates nothing");
        const state = report.emulator.state;
        const [alibaba] = buildAlibabaSites(state, { lanAddresses: () => [HOST] });
        const nat = vpcNatRules(state, alibaba.gateway.inputs.vpcId);
        const exposed = nat?.dnat.find((d) => d.internalIp === HOST);
        assert.ok(nat && exposed, `a forward entry exposes ${HOST}`);
        const rendered = peerSiteSpec(link, { name: "partner", lanAddresses: [PARTNER_HOST] });
        const config = rendered.daemon.kind === "strongswan" ? rendered.daemon.swanctlConf : "";
        assert.match(config, /Nothing to configure here/);
        assert.ok(!config.includes(TRANSLATION_NFT_BEGIN), "no translation ruleset for the partner");

        const gateway = await lab.addSite(alibaba.spec);
        const partner = await lab.addSite(rendered);
        await loadRuleset(gateway, "vpc-nat.nft", nat.ruleset);
        await gateway.startDaemon();
        await partner.strongswan.start();
        const since = Date.now();
        await partner.strongswan.loadAll();
        const up = await waitForTunnel(partner, peerConnectionNames(link)[0], since);
        assert.ok(up, "the partner's master tunnel comes up");
        const gatewayMaster = alibabaConnectionName(alibaba.tunnels.find((t) => t.role === "master" || t.role === "single")!);
        assert.ok(await waitForTunnel(gateway, gatewayMaster, since), "the gateway's master tunnel is up");

        const before = await childPackets(gateway);
        const pings = [await gateway.ping(HOST, PARTNER_HOST), await partner.ping(PARTNER_HOST, exposed.externalIp)];
        const delta = packetDelta(before, await childPackets(gateway));
        for (const p of pings) {
            assert.equal(p.received, p.sent, `ping ${p.from} -> ${p.to}: ${p.received}/${p.sent}`);
        }
        const carried = [...delta.values()].reduce((n, d) => n + d.in + d.out, 0);
        assert.ok(carried >= 16, `the pings went through the tunnel (${carried} ESP packets)`);
        const selectors = new Set<string>();
        for (const site of [gateway, partner]) {
            for (const child of childSas((await site.strongswan.listSas()).sas).filter((c) => c.state === "INSTALLED")) {
                for (const ts of [...child.localTs, ...child.remoteTs]) {
                    assert.ok(
                        !overlaps(ts, link.translation.alibabaReal),
                        `${site.name} ${child.name}: selector ${ts} leaks the VPC's real block`,
                    );
                    assert.ok(
                        [link.translation.alibabaBlock, PARTNER_LAN].includes(ts),
                        `${site.name} ${child.name}: unexpected selector ${ts}`,
                    );
                }
                selectors.add(`${site.name} ${child.localTs.join(",")} === ${child.remoteTs.join(",")}`);
            }
        }
        log(`lab overlap-alibaba-only: CHILD_SAs ${[...selectors].join("; ")}`);
        const summary =
            `lab overlap-alibaba-only: VPC ${link.translation.alibabaReal} as ${link.translation.alibabaBlock}, partner ${PARTNER_LAN} untranslated (no NAT in its config); ` +
            `tunnel up in ${seconds(up.childMs)}, ping ${formatPings(pings)}, CHILD_SA selectors ${link.translation.alibabaBlock} === ${PARTNER_LAN} only`;
        return { summary, details: { pings, selectors: [...selectors], carried } };
    },
};

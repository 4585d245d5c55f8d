// Scenario cloud-gcp (Pulumi.cloud-gcp-dev.yaml): the Alibaba Cloud Hong Kong gateway and Google Cloud HA VPN in
// asia-east2, both ends translated from what the emulator recorded: the Alibaba end from its one BGP vpn/connection
// (lab/alibabaSide.ts, FRR from each tunnel's tunnelBgpConfig and the customer gateway's ASN), the Google Cloud end
// from the VPNTunnel, HaVpnGateway, ExternalVpnGateway, Router, RouterInterface and RouterPeer resources
// (lab/gcpSide.ts). No library-rendered config is involved.
//
// Proves: both tunnels come up, the master between Alibaba's internetIp and HA VPN interface 0 and the slave between
// its disasterRecoveryInternetIp and interface 1, with the profile's algorithms on both ends (IKE and ESP, and PFS
// MODP_2048 at a forced rekey: GCP requires PFS); both BGP sessions (Cloud Router AS 65010 <-> Alibaba AS 45104 on
// 169.254.40.0/30 and 169.254.40.4/30) reach Established, each side learns the other's network over both, the
// master's route preferred (MED 100 < 200); the VPC hosts ping each other by those routes; and a mismatch the checks
// refuse (phase 1 DH group1, which GCP does not offer) fails with NO_PROPOSAL_CHOSEN on the wire.
//
// kernel-libipsec (this kernel has no XFRM ESP) picks the outbound SA by selectors alone: with two 0.0.0.0/0
// CHILD_SAs every packet leaves through the same one, whichever tunnel BGP prefers (lab/scenarios/bgp.ts). So the
// lab proves both tunnels and both sessions up, not that traffic follows the master's tunnel; the table-220 rule is
// removed so the main table (the routes zebra installs from BGP) decides what enters ipsec0.
import * as assert from "node:assert/strict";
import { TYPES } from "../../emulator";
import { planGcpCloudLink } from "../../model/clouds/gcpLink";
import { otherBgpAddress } from "../../model/bgp";
import { errorsOf } from "../../model/findings";
import { alibabaConnectionName, buildAlibabaSites, hostAddress } from "../alibabaSide";
import {
    CLOUD_DEFAULT_EXPECTED,
    TunnelPair,
    assertAlgorithms,
    cloudStackConfig,
    recordedAlibabaBgp,
    rekeyChildren,
    routeBased,
    runMismatch,
    waitForPairs,
} from "../cloudPeer";
import { seconds, waitFor } from "../exec";
import { FrrInstance, alibabaFrrConf } from "../frr";
import { gcpConnectionName, buildGcpSite } from "../gcpSide";
import { formatPings, pingBothWays, planForLab } from "../ipsec";
import { LabScenario, ScenarioResult } from "../scenario";
import { espAlgorithms } from "../strongswan";

export const CLOUD_GCP_STACK = "cloud-gcp";

export const CLOUD_GCP_EXPECTED = CLOUD_DEFAULT_EXPECTED;

interface Pair extends TunnelPair {
    role: string;
    interface: number;
}

export const cloudGcpScenario: LabScenario = {
    name: "cloud-gcp",
    title: "Alibaba Hong Kong <-> Google Cloud HA VPN asia-east2, both ends from the recorded resources: master on interface 0, slave on interface 1, the profile's algorithms, both BGP sessions Established with routes learned, both VPCs ping; a group1 profile the checks refuse fails NO_PROPOSAL_CHOSEN",
    needs: { strongswan: true, frr: true },
    async run(lab, log): Promise<ScenarioResult> {
        const report = await planForLab(CLOUD_GCP_STACK);
        const state = report.emulator.state;
        const config = cloudStackConfig(CLOUD_GCP_STACK);
        const gcpHost = hostAddress(config.gcp.vpcCidrs[0], 10);
        const [gateway, ...others] = buildAlibabaSites(state, { siteName: () => "alibaba" });
        assert.equal(others.length, 0, "one Alibaba VPN gateway");
        const gcp = buildGcpSite(state, { lanAddresses: [gcpHost] });
        const alibabaHost = gateway.spec.lanAddresses[0];

        // The wiring, read back from the recorded resources.
        const pairs: Pair[] = gateway.tunnels.map((t) => {
            const target = gcp.tunnels.find((g) => g.localIp === t.customerGatewayIp);
            assert.ok(target, `${alibabaConnectionName(t)} points at ${t.customerGatewayIp}, which is no HA VPN interface`);
            assert.equal(target.peerIp, t.gatewayIp, `${alibabaConnectionName(t)} leaves from ${t.gatewayIp} but ${target.name} expects ${target.peerIp}`);
            assert.equal(target.psk, t.psk, `${alibabaConnectionName(t)} and ${target.name} have different keys`);
            assert.ok(t.bgp && target.bgp, `${alibabaConnectionName(t)} and ${target.name} both run BGP`);
            assert.equal(target.bgp.peerIp, t.bgp.localBgpIp, `${target.name}'s BGP peer is Alibaba's ${t.bgp.localBgpIp}`);
            assert.equal(otherBgpAddress(t.bgp.tunnelCidr, t.bgp.localBgpIp), target.bgp.localIp, "the two BGP addresses share the /30");
            assert.equal(target.bgp.peerAsn, t.bgp.localAsn);
            return { alibaba: alibabaConnectionName(t), peer: gcpConnectionName(target), role: t.role, interface: target.interface };
        });
        assert.deepEqual(pairs.map((p) => [p.role, p.interface]), [["master", 0], ["slave", 1]], "master on interface 0, slave on interface 1");
        const masterIp = gateway.gateway.outputs.internetIp;
        assert.equal(gateway.tunnels.find((t) => t.role === "master")!.gatewayIp, masterIp);
        const cgwAsn = Number(state.ofType(TYPES.customerGateway)[0].inputs.asn);
        const aliBgp = recordedAlibabaBgp(gateway.tunnels, cgwAsn, gateway.vpcCidr);
        log(`  alibaba ${gateway.spec.publicIps.join(", ")} host ${alibabaHost}; gcp ${gcp.spec.publicIps.join(", ")} host ${gcpHost}`);
        log(`  wiring: ${pairs.map((p) => `${p.alibaba} → ${p.peer} (interface ${p.interface})`).join(", ")}`);

        const a = await lab.addSite(gateway.spec);
        const b = await lab.addSite(gcp.spec);
        await b.strongswan.start();
        await a.strongswan.start();
        await routeBased(a, aliBgp.tunnels.map((t) => `${t.localBgpIp}/30`), [gateway.vpcCidr]);
        await routeBased(b, gcp.tunnels.map((t) => `${t.bgp!.localIp}/${t.bgp!.prefixLength}`), gcp.tunnels[0].bgp!.announces);
        const aFrr = new FrrInstance(a.namespace, alibabaFrrConf(aliBgp, ["0.0.0.0/0"], "Alibaba gateway (cloud-gcp)"));
        const bFrr = new FrrInstance(b.namespace, gcp.frrConf);
        try {
            await aFrr.start();
            await bFrr.start();
            await b.strongswan.loadAll();
            const since = Date.now();
            await a.strongswan.loadAll();
            const up = await waitForPairs(a, b, pairs, since, 30_000);
            const allUpMs = Math.max(...[...up.values()].map((u) => u.ms));
            assertAlgorithms(up, CLOUD_GCP_EXPECTED);
            // Which addresses each IKE SA runs between: master on interface 0's address, slave on interface 1's.
            for (const p of pairs) {
                const g = up.get(p.alibaba)!.ends[1].ike;
                assert.equal(g["local-host"], gcp.tunnels[p.interface].localIp, `${p.peer} runs on interface ${p.interface}`);
            }
            log(`  both tunnels up after ${seconds(allUpMs)}: IKEv2 ${CLOUD_GCP_EXPECTED.ike}, ESP ${CLOUD_GCP_EXPECTED.esp} on both ends`);

            // PFS (required by GCP): a forced rekey of each Alibaba CHILD_SA carries MODP_2048.
            const rekeyed = await rekeyChildren(a, b, pairs);
            for (const child of rekeyed) {
                assert.equal(espAlgorithms(child), CLOUD_GCP_EXPECTED.espRekeyed);
            }
            log(`  after a forced rekey both CHILD_SAs show ESP ${espAlgorithms(rekeyed[0])} on the GCP end`);

            // BGP: both sessions Established, each side learns the other's network, the master's route preferred.
            const tunnelUpAt = since + allUpMs;
            const gcpAnnounces = gcp.tunnels[0].bgp!.announces;
            const masterGcpIp = gcp.tunnels[0].bgp!.localIp;
            const learned = await waitFor(async () => {
                const [an, bn] = [await aFrr.neighbors(), await bFrr.neighbors()];
                const established = gcp.tunnels.every((t) => an[t.bgp!.localIp]?.state === "Established" && bn[t.bgp!.peerIp]?.state === "Established");
                const [ar, br] = [await aFrr.bgpRoutes(), await bFrr.bgpRoutes()];
                return established &&
                    gcpAnnounces.every((n) => ar[n] === `via ${masterGcpIp} dev ipsec0`) &&
                    br[gateway.vpcCidr]?.startsWith("via ")
                    ? Date.now()
                    : undefined;
            }, 60_000, 200);
            assert.ok(
                learned,
                `BGP not established/learned: alibaba ${JSON.stringify(await aFrr.neighbors())} ${JSON.stringify(await aFrr.bgpRoutes())}; gcp ${JSON.stringify(await bFrr.neighbors())} ${JSON.stringify(await bFrr.bgpRoutes())}\n${bFrr.log().slice(-1200)}`,
            );
            const [an, bn] = [await aFrr.neighbors(), await bFrr.neighbors()];
            for (const t of gcp.tunnels) {
                assert.equal(an[t.bgp!.localIp].received, gcpAnnounces.length, `Alibaba learns ${gcpAnnounces} from ${t.bgp!.localIp}`);
                assert.equal(bn[t.bgp!.peerIp].received, 1, `the Cloud Router learns ${gateway.vpcCidr} from ${t.bgp!.peerIp}`);
            }
            const aliView = JSON.parse(await aFrr.vtysh(`show bgp ipv4 unicast ${gcpAnnounces[0]} json`)) as { paths: Array<{ metric?: number; bestpath?: { overall?: boolean }; nexthops: Array<{ ip: string }> }> };
            const best = aliView.paths.find((p) => p.bestpath?.overall);
            assert.equal(best?.nexthops[0].ip, masterGcpIp, "Alibaba's best path is the master tunnel's");
            assert.deepEqual(aliView.paths.map((p) => p.metric).sort(), [100, 200], "MEDs are the RouterPeers' priorities");
            const learnMs = learned - tunnelUpAt;
            log(`  BGP: 2 sessions AS ${aliBgp.localAsn} <-> ${gcp.tunnels[0].bgp!.asn} Established, routes learned both ways ${seconds(learnMs)} after the tunnels came up; ${gcpAnnounces[0]} best via ${masterGcpIp} (MED 100 over 200)`);

            const pings = await pingBothWays(a, alibabaHost, b, gcpHost, 4);
            log(`  ping ${formatPings(pings)}`);
            for (const p of pings) {
                assert.equal(p.received, p.sent, `ping ${p.from} → ${p.to}: ${p.received}/${p.sent}`);
            }

            // The mismatch: phase 1 group1 (MODP 768), which Alibaba accepts and Google Cloud does not offer.
            const refused = errorsOf(
                planGcpCloudLink(config.name, { ...config, profile: { ike: { dhGroup: "group1" }, weakCryptoOptIn: { reason: "lab: a legacy peer needs MODP 768" } }, configPath: "alicloud-vpn:cloud-gcp" }).findings,
            );
            assert.deepEqual(refused.map((f) => `${f.code} ${f.field}`), ["cloud.outside-intersection alicloud-vpn:cloud-gcp.profile.ike.dhGroup"]);
            const edited = gateway.tunnels.map((t) => ({ ...t, ike: { ...t.ike, ikePfs: "group1" } }));
            const { failure, failedMs, peerLog, alibabaLog } = await runMismatch(a, b, edited, "Alibaba gateway with phase 1 group1 (refused by the checks)", "group1");
            const gcpSaw = peerLog();
            assert.match(gcpSaw, /received proposals: IKE:AES_CBC_256\/HMAC_SHA2_256_128\/PRF_HMAC_SHA2_256\/MODP_768/, "the GCP end saw the MODP_768 proposal");
            assert.match(gcpSaw, /received proposals unacceptable/, "the GCP end refused it");
            // On the wire: the GCP end answers IKE_SA_INIT with N(NO_PROP), which the Alibaba end receives.
            const notified = await waitFor(async () => /received NO_PROPOSAL_CHOSEN notify/.test(alibabaLog()) || undefined, 10_000);
            assert.ok(notified, "the Alibaba end did not receive NO_PROPOSAL_CHOSEN");
            const established = (await a.strongswan.listSas()).sas.filter((e) => e.sa.state === "ESTABLISHED");
            assert.equal(established.length, 0, "group1: an IKE SA was established despite the mismatch");
            log(`  mismatch group1: ${failure.replace(/^\S+ \S+ /, "").trim()}; refused first: ${refused[0].field}`);

            const received = pings.reduce((n, p) => n + p.received, 0);
            const sent = pings.reduce((n, p) => n + p.sent, 0);
            const summary =
                `lab cloud-gcp: both Alibaba↔HA VPN tunnels (master→interface 0, slave→interface 1) up in ${seconds(allUpMs)} (IKEv2 ${CLOUD_GCP_EXPECTED.ike}, ESP ${CLOUD_GCP_EXPECTED.esp}, PFS MODP_2048 at rekey, both ends), ` +
                `2 BGP sessions AS ${aliBgp.localAsn}↔${gcp.tunnels[0].bgp!.asn} Established with routes learned ${seconds(learnMs)} after, master preferred (MED 100/200), ` +
                `ping ${received}/${sent} both ways ${alibabaHost}↔${gcpHost}; phase 1 group1 (refused by the checks) → NO_PROPOSAL_CHOSEN in ${seconds(failedMs)}, no IKE SA`;
            return { summary, details: { allUpMs, learnMs, pairs, pings, failedMs, failure, refused: refused.map((f) => f.field) } };
        } finally {
            await bFrr.stop();
            await aFrr.stop();
        }
    },
};

// Scenario cloud-azure (Pulumi.cloud-azure-dev.yaml): the Alibaba Cloud Singapore gateway and an Azure VPN gateway in
// southeastasia, both translated from what the emulator recorded: the Alibaba end from the alicloud vpn/connection
// resource (lab/alibabaSide.ts, its tunnels' tunnelBgpConfig and the customer gateway's asn), the Azure end from the
// azure-native connections, local network gateways, gateway and public IP (lab/azureSide.ts). FRR runs BGP on both
// ends from the same recorded values. No library-rendered config is involved.
//
// Proves: both tunnels (Alibaba master from internetIp, slave from disasterRecoveryInternetIp, each to the Azure
// gateway's one address and its own Azure connection) come up with the profile's algorithms on both ends (IKEv2
// AES_CBC-256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048, ESP AES_CBC-256/HMAC_SHA2_256_128, MODP_2048 at a forced
// rekey); both eBGP sessions (AS 45104 <-> AS 65515 on 169.254.21.0/30 and 169.254.21.4/30) reach Established and
// each end learns the other's network; the Alibaba VPC host and the Azure VNet host ping each other over the learned
// routes; and a profile the checks refuse (phase 2 sha512, which Azure does not offer) fails NO_PROPOSAL_CHOSEN.
//
// Routing over kernel-libipsec (lab/scenarios/bgp.ts explains it): the lab deletes the table-220 rule so the main
// table decides, puts each tunnel's /30 address on ipsec0 and lets zebra install the BGP routes. kernel-libipsec
// picks an outbound SA by selectors alone, and both tunnels' are 0.0.0.0/0: every packet (both BGP sessions' too)
// leaves through the one SA it picks, and the other end accepts it on either. So the lab proves both tunnels and both
// sessions up, not per-tunnel forwarding or BGP failover, which needs XFRM interfaces (or Azure and Alibaba's own
// data planes).
import * as assert from "node:assert/strict";
import { TYPES } from "../../emulator";
import { planAzureCloudLink } from "../../model/clouds/azureLink";
import { otherBgpAddress } from "../../model/bgp";
import { errorsOf } from "../../model/findings";
import { alibabaConnectionName, buildAlibabaSites, hostAddress } from "../alibabaSide";
import { azureConnectionName, azureFrrConf, buildAzureSite } from "../azureSide";
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
import { formatPings, pingBothWays, planForLab } from "../ipsec";
import { Site } from "../netns";
import { LabScenario, ScenarioResult } from "../scenario";
import { ViciSection, espAlgorithms } from "../strongswan";

export const CLOUD_AZURE_STACK = "cloud-azure";

/** The cloud default profile (IKEv2 aes256/sha256/group14, ESP aes256/sha256 PFS group14) in swanctl's names. */
export const CLOUD_AZURE_EXPECTED = CLOUD_DEFAULT_EXPECTED;

/**
 * The namespace's BGP routes as "via <nexthop>[, <nexthop>] dev <dev>": with two sessions announcing the same block,
 * zebra installs one multipath route (ECMP over both tunnels' next hops), which FrrInstance.bgpRoutes does not read.
 */
async function bgpRoutes(site: Site): Promise<Record<string, string>> {
    const out = await site.exec("ip", ["-j", "-4", "route", "show", "proto", "bgp"]);
    const routes = JSON.parse(out.stdout || "[]") as Array<{ dst: string; gateway?: string; dev?: string; nexthops?: Array<{ gateway: string; dev: string }> }>;
    return Object.fromEntries(
        routes.map((r) => {
            const hops = r.nexthops ?? [{ gateway: r.gateway ?? "?", dev: r.dev ?? "?" }];
            return [r.dst, `via ${hops.map((h) => h.gateway).join(", ")} dev ${[...new Set(hops.map((h) => h.dev))].join(",")}`];
        }),
    );
}

export const cloudAzureScenario: LabScenario = {
    name: "cloud-azure",
    title: "Alibaba Singapore <-> Azure southeastasia, both ends (IPsec and BGP) translated from the recorded resources; both tunnels up with the profile's algorithms, both eBGP sessions Established, VPC and VNet ping over learned routes; a phase 2 sha512 profile the checks refuse fails NO_PROPOSAL_CHOSEN",
    needs: { strongswan: true, frr: true },
    async run(lab, log): Promise<ScenarioResult> {
        const report = await planForLab(CLOUD_AZURE_STACK);
        const state = report.emulator.state;
        const config = cloudStackConfig(CLOUD_AZURE_STACK);
        const vnetCidrs: string[] = config.azure.vnetCidrs;
        const azureHost = hostAddress(vnetCidrs[0], 10);
        const [gateway, ...others] = buildAlibabaSites(state, { siteName: () => "alibaba" });
        assert.equal(others.length, 0, "one Alibaba VPN gateway");
        const azure = buildAzureSite(state, { lanAddresses: [azureHost] });
        const alibabaHost = gateway.spec.lanAddresses[0];

        // The wiring, read back from the recorded resources: each Alibaba tunnel points at the Azure gateway's address,
        // and the Azure connection whose local network gateway is the address the tunnel leaves from has the same key
        // and the other end of the tunnel's BGP /30.
        const pairs: TunnelPair[] = gateway.tunnels.map((t) => {
            const target = azure.tunnels.find((a) => a.peerIp === t.gatewayIp);
            assert.ok(target, `no Azure connection's local network gateway is ${t.gatewayIp} (${alibabaConnectionName(t)})`);
            assert.equal(t.customerGatewayIp, target.gatewayIp, `${alibabaConnectionName(t)} points at ${t.customerGatewayIp}, not the Azure gateway ${target.gatewayIp}`);
            assert.equal(target.psk, t.psk, `${alibabaConnectionName(t)} and ${azureConnectionName(target)} have different keys`);
            assert.ok(t.bgp, `${alibabaConnectionName(t)} has no BGP`);
            assert.equal(target.bgp.peerIp, t.bgp.localBgpIp, `${azureConnectionName(target)}'s BGP peer is not ${alibabaConnectionName(t)}'s BGP address`);
            assert.equal(otherBgpAddress(t.bgp.tunnelCidr, t.bgp.localBgpIp), target.bgp.azureIp, `Azure's BGP address is not the other end of ${t.bgp.tunnelCidr}`);
            assert.equal(target.bgp.peerAsn, t.bgp.localAsn, "the local network gateway's ASN is Alibaba's");
            return { alibaba: alibabaConnectionName(t), peer: azureConnectionName(target) };
        });
        assert.deepEqual(gateway.tunnels.map((t) => t.role), ["master", "slave"]);
        assert.equal(new Set(pairs.map((p) => p.peer)).size, 2, "two distinct Azure connections");
        const [cgw] = state.ofType(TYPES.customerGateway);
        const peerAsn = Number(cgw.inputs.asn);
        assert.equal(peerAsn, azure.tunnels[0].bgp.azureAsn, "the Alibaba customer gateway's asn is the Azure gateway's");
        log(`  alibaba ${gateway.gateway.id} on ${gateway.spec.publicIps.join(", ")} host ${alibabaHost}; azure ${azure.spec.publicIps.join(", ")} host ${azureHost}`);
        log(`  wiring: ${pairs.map((p) => `${p.alibaba} → ${p.peer}`).join(", ")}`);

        const a = await lab.addSite(gateway.spec);
        const b = await lab.addSite(azure.spec);
        await b.strongswan.start();
        await a.strongswan.start();
        // Routing and BGP on both ends, from the recorded values.
        const alibabaBgp = recordedAlibabaBgp(gateway.tunnels, peerAsn, gateway.vpcCidr);
        await routeBased(a, alibabaBgp.tunnels.map((t) => `${t.localBgpIp}/${t.prefixLength}`), alibabaBgp.alibabaAnnounces);
        await routeBased(b, azure.tunnels.map((t) => `${t.bgp.azureIp}/30`), vnetCidrs);
        const alibabaFrr = new FrrInstance(a.namespace, alibabaFrrConf(alibabaBgp, ["0.0.0.0/0"], "Alibaba gateway (recorded tunnelBgpConfig)"));
        const azureFrr = new FrrInstance(b.namespace, azureFrrConf(azure.tunnels, vnetCidrs));
        try {
            await alibabaFrr.start();
            await azureFrr.start();
            await b.strongswan.loadAll();
            const since = Date.now();
            await a.strongswan.loadAll();
            const up = await waitForPairs(a, b, pairs, since, 30_000);
            const allUpMs = Math.max(...[...up.values()].map((u) => u.ms));
            assertAlgorithms(up, CLOUD_AZURE_EXPECTED);
            log(`  both tunnels up after ${seconds(allUpMs)}: IKEv2 ${CLOUD_AZURE_EXPECTED.ike}, ESP ${CLOUD_AZURE_EXPECTED.esp} on both ends`);

            // PFS: force a rekey of both Alibaba CHILD_SAs; the new ones carry MODP_2048 (PFS2048 on Azure's side).
            const rekeyed = await rekeyChildren(a, b, pairs);
            for (const child of rekeyed) {
                assert.equal(espAlgorithms(child), CLOUD_AZURE_EXPECTED.espRekeyed, `rekeyed ${String(child.name)} on the Azure end`);
            }
            log(`  after a forced rekey of both CHILD_SAs the Azure end shows ESP ${espAlgorithms(rekeyed[0])}`);

            // BGP: both sessions Established, each end learns the other's network over ipsec0.
            const expectAtAlibaba = vnetCidrs;
            const expectAtAzure = alibabaBgp.alibabaAnnounces;
            const learned = await waitFor(async () => {
                const [an, zn] = [await alibabaFrr.neighbors(), await azureFrr.neighbors()];
                const established =
                    alibabaBgp.tunnels.every((t) => an[t.peerBgpIp]?.state === "Established") && azure.tunnels.every((t) => zn[t.bgp.peerIp]?.state === "Established");
                const [ar, zr] = [await bgpRoutes(a), await bgpRoutes(b)];
                return established && expectAtAlibaba.every((n) => /dev ipsec0$/.test(ar[n] ?? "")) && expectAtAzure.every((n) => /dev ipsec0$/.test(zr[n] ?? ""))
                    ? { an, zn, ar, zr, at: Date.now() }
                    : undefined;
            }, 60_000, 200);
            assert.ok(
                learned,
                `BGP not established / routes not learned: alibaba ${JSON.stringify(await alibabaFrr.neighbors())} ${JSON.stringify(await bgpRoutes(a))}; ` +
                    `azure ${JSON.stringify(await azureFrr.neighbors())} ${JSON.stringify(await bgpRoutes(b))}\n${azureFrr.log().slice(-1500)}`,
            );
            const bgpMs = learned.at - (since + allUpMs);
            for (const t of alibabaBgp.tunnels) {
                assert.equal(learned.an[t.peerBgpIp].state, "Established");
                assert.equal(learned.an[t.peerBgpIp].received, vnetCidrs.length, `Alibaba learned the VNet from ${t.peerBgpIp}`);
            }
            for (const t of azure.tunnels) {
                assert.equal(learned.zn[t.bgp.peerIp].received, 1, `Azure learned the VPC from ${t.bgp.peerIp}`);
            }
            const azureView = JSON.parse(await azureFrr.vtysh("show bgp ipv4 unicast json")) as { localAS: number; routes: Record<string, Array<{ path: string }>> };
            assert.equal(azureView.localAS, 65515);
            assert.equal(azureView.routes[gateway.vpcCidr]?.[0]?.path, "45104", "the VPC block comes with AS path 45104");
            log(
                `  BGP: ${alibabaBgp.tunnels.map((t) => `${t.localBgpIp}↔${t.peerBgpIp}`).join(", ")} Established (AS ${alibabaBgp.localAsn} ↔ ${peerAsn}) ${seconds(bgpMs)} after the tunnels; ` +
                    `alibaba learned ${JSON.stringify(learned.ar)}, azure learned ${JSON.stringify(learned.zr)}`,
            );

            const pings = await pingBothWays(a, alibabaHost, b, azureHost, 4);
            log(`  ping ${formatPings(pings)}`);
            for (const p of pings) {
                assert.equal(p.received, p.sent, `ping ${p.from} → ${p.to}: ${p.received}/${p.sent}`);
            }

            // The mismatch: phase 2 sha512, which Alibaba accepts and Azure does not. The checks refuse it before
            // anything is created; sent anyway (the Alibaba end re-translated with sha512), Azure answers NO_PROPOSAL_CHOSEN.
            const refused = errorsOf(
                planAzureCloudLink(config.name, { ...config, profile: { ipsec: { integrity: "sha512" } }, configPath: "alicloud-vpn:cloud-azure" }).findings,
            );
            assert.deepEqual(
                refused.map((f) => `${f.code} ${f.field}`),
                ["cloud.outside-intersection alicloud-vpn:cloud-azure.profile.ipsec.integrity"],
            );
            const edited = gateway.tunnels.map((t) => ({ ...t, ipsec: { ...t.ipsec, ipsecAuthAlg: "sha512" } }));
            const { failure, failedMs, peerLog, alibabaLog } = await runMismatch(a, b, edited, "Alibaba gateway with phase 2 sha512 (refused by the checks)", "sha512");
            const azureSaw = peerLog();
            assert.match(azureSaw, /received proposals: ESP:AES_CBC_256\/HMAC_SHA2_512_256/, "the Azure end saw the sha512 ESP proposal");
            assert.match(azureSaw, /no acceptable proposal found|received proposals unacceptable|NO_PROPOSAL_CHOSEN/, "the Azure end refused it");
            // IKEv2: the IKE SA is authenticated, the CHILD_SA in IKE_AUTH is refused with N(NO_PROPOSAL_CHOSEN).
            await waitFor(async () => /received NO_PROPOSAL_CHOSEN notify/.test(alibabaLog()), 10_000);
            assert.match(alibabaLog(), /received NO_PROPOSAL_CHOSEN notify/, "the Alibaba end got NO_PROPOSAL_CHOSEN");
            const installed = (await a.strongswan.listSas()).sas.flatMap((e) =>
                Object.values((e.sa["child-sas"] as Record<string, ViciSection>) ?? {}).filter((c) => c.state === "INSTALLED"),
            );
            assert.equal(installed.length, 0, "sha512: a CHILD_SA was installed despite the mismatch");
            const dead = await a.ping(alibabaHost, azureHost, 2);
            assert.equal(dead.received, 0, "sha512: traffic passed");
            log(`  mismatch sha512: ${failure.replace(/^\S+ \S+ /, "").trim()}; refused first: ${refused[0].field}`);

            const received = pings.reduce((n, p) => n + p.received, 0);
            const sent = pings.reduce((n, p) => n + p.sent, 0);
            const summary =
                `lab cloud-azure: both Alibaba↔Azure tunnels (master ${gateway.spec.publicIps[0]}, slave ${gateway.spec.publicIps[1]} → ${azure.spec.publicIps[0]}) up in ${seconds(allUpMs)} ` +
                `(IKEv2 ${CLOUD_AZURE_EXPECTED.ike}, ESP ${CLOUD_AZURE_EXPECTED.esp}, PFS MODP_2048 at rekey, both ends); both eBGP sessions AS ${alibabaBgp.localAsn}↔${peerAsn} Established, ` +
                `routes learned both ways ${seconds(bgpMs)} after; ping ${received}/${sent} both ways ${alibabaHost}↔${azureHost}; ` +
                `phase 2 sha512 (refused by the checks) → NO_PROPOSAL_CHOSEN in ${seconds(failedMs)}, no CHILD_SA`;
            return { summary, details: { allUpMs, bgpMs, pairs, pings, failedMs, failure, refused: refused.map((f) => f.field) } };
        } finally {
            await azureFrr.stop();
            await alibabaFrr.stop();
        }
    },
};

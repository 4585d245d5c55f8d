// Scenario: BGP over a route-based IPsec tunnel (issue 16). A BGP link (routing: bgp, destination routing, one
// tunnel /30 169.254.30.0/30) planned offline by the model; the office runs the library's rendered strongSwan config
// and rendered frr.conf verbatim, the Alibaba gateway runs strongSwan with the same profile and 0.0.0.0/0 selectors
// and FRR with the plan's BGP values (AS 45104, 169.254.30.1, announcing the VPC block).
//
// kernel-libipsec here (no XFRM ESP in this kernel, docs/notes.md) has no XFRM interfaces: it encrypts whatever is routed
// into its TUN device ipsec0 that matches a policy, and installs a route for each remote selector in table 220 (for
// 0.0.0.0/0: "default dev ipsec0" plus a throw route for the peer), ignoring charon.install_routes
// (kernel_libipsec_ipsec.c install_route(), github.com/strongswan/strongswan). That default route would send every
// packet into the tunnel whatever BGP says, so the lab deletes the policy-routing rule that consults table 220
// (`ip rule del pref 220`) and the main table decides: the /30 on ipsec0 (the XFRM interface's role in the rendered
// config) and the routes zebra installs from BGP.
//
// Proves: the session reaches Established on both ends with the plan's ASNs and timers; each end learns exactly the
// other's networks, as kernel routes via the other's tunnel address on ipsec0; traffic between the VPC host and the
// office hosts follows them through the tunnel (the CHILD_SA counts it); withdrawing an office network removes it
// at the gateway (route and reachability gone) and announcing it again brings it back. Not proven: the dual-tunnel
// case (one session per tunnel, failover by BGP) and a BGP hub: kernel-libipsec chooses a packet's outbound policy
// by its selectors alone (find_by_packet() in src/libipsec/ipsec_policy_mgr.c: no if_id, no mark), so with two
// 0.0.0.0/0 CHILD_SAs every packet leaves through the same one; and Alibaba's own BGP implementation and route
// propagation into the VPC, which only a real gateway shows.
import * as assert from "node:assert/strict";
import { ResolvedLink } from "../../model/link";
import { LinkPlanInput, checkLink, linkShape, planLink } from "../../model/site";
import { renderFrr } from "../../renderers/bgp";
import { renderStrongswan } from "../../renderers/strongswan";
import { AlibabaTunnel, renderAlibabaSwanctl } from "../alibabaSide";
import { seconds, waitFor } from "../exec";
import { FrrInstance, alibabaFrrConf } from "../frr";
import { routeBased } from "../cloudPeer";
import { childPackets, peerConnectionNames, waitForTunnel } from "../ipsec";
import { Site } from "../netns";
import { LabScenario, ScenarioResult } from "../scenario";

const GATEWAY_IP = "198.51.100.10";
const OFFICE_IP = "198.51.100.20";
const VPC = "10.40.0.0/16";
const VPC_HOST = "10.40.1.10";
const OFFICE_NETS = ["192.168.10.0/24", "192.168.20.0/24"];
const OFFICE_HOSTS = ["192.168.10.1", "192.168.20.1"];
const PSK = "LabBgpTunnelKey0123456789abcdefXY";

/** The BGP link as a user writes it: single-tunnel gateway, destination routing, the peer's ASN and the tunnel /30. */
export const BGP_LAB_LINK: LinkPlanInput = {
    routing: "bgp",
    routingMode: "destination",
    peerAsn: 65010,
    peerPublicIp: OFFICE_IP,
    peerSubnets: OFFICE_NETS,
    psks: [PSK],
    peerPlatforms: ["strongswan"],
    bgp: { tunnels: [{ tunnelCidr: "169.254.30.0/30" }] },
};

/** The planned link, resolved as the component resolves it once the gateway exists (its address is the lab's). */
export function bgpLabLink(): ResolvedLink {
    const gateway = { name: "bgp-lab", vpcCidr: VPC, tunnelMode: "single" as const };
    const { validated, findings } = checkLink(gateway, "office", BGP_LAB_LINK);
    assert.deepEqual(findings.filter((f) => f.severity === "error"), [], "the lab's BGP link passes the checks");
    const plan = planLink(gateway, "office", BGP_LAB_LINK, validated);
    assert.ok(plan.bgp, "the plan has BGP");
    assert.deepEqual(plan.vpcRoutes, [], "no static VPC routes with BGP");
    return {
        ...linkShape(validated),
        connectionId: "vco-lab-bgp",
        bgp: plan.bgp,
        tunnels: [{ role: "master", alibabaIp: GATEWAY_IP, psk: PSK, alibabaId: GATEWAY_IP, peerId: OFFICE_IP }],
    };
}

/** The gateway's end of the tunnel: the lab's Alibaba translation, with the route-based 0.0.0.0/0 selectors BGP needs. */
function gatewaySwanctl(link: ResolvedLink): string {
    const plan = planLink({ name: "bgp-lab", vpcCidr: VPC, tunnelMode: "single" }, "office", BGP_LAB_LINK, checkLink({ name: "bgp-lab", vpcCidr: VPC, tunnelMode: "single" }, "office", BGP_LAB_LINK).validated);
    const tunnel: AlibabaTunnel = {
        connectionName: "office-connection",
        connectionId: link.connectionId,
        role: "single",
        gatewayId: "vpn-lab-bgp",
        gatewayIp: GATEWAY_IP,
        customerGatewayIp: OFFICE_IP,
        ike: plan.ike,
        ipsec: plan.ipsec,
        psk: PSK,
        localId: GATEWAY_IP,
        remoteId: OFFICE_IP,
        dpd: link.profile.dpd,
        natTraversal: link.profile.natTraversal,
        localSubnets: [VPC],
        remoteSubnets: OFFICE_NETS,
        effectImmediately: false,
    };
    // The translation models policy-based connections; BGP's are route-based: 0.0.0.0/0 both ways. The office
    // initiates (its rendered config starts the tunnel); the gateway answers only, so no duplicate IKE SA.
    return renderAlibabaSwanctl([tunnel], "Alibaba Cloud VPN gateway (BGP link, route-based)")
        .replace(/local_ts = .*/, "local_ts = 0.0.0.0/0")
        .replace(/remote_ts = .*/, "remote_ts = 0.0.0.0/0")
        .replace(/start_action = .*/, "start_action = none");
}

async function pingOk(site: Site, from: string, to: string): Promise<number> {
    return (await site.ping(from, to, 3)).received;
}

export const bgpScenario: LabScenario = {
    name: "bgp",
    title: "BGP over route-based IPsec: the rendered strongSwan + FRR office and the planned gateway establish eBGP on 169.254.30.0/30, learn each other's networks, route traffic by them, and drop a withdrawn one",
    needs: { strongswan: true, frr: true },
    async run(lab, log): Promise<ScenarioResult> {
        const link = bgpLabLink();
        const bgp = link.bgp!;
        const tunnel = bgp.tunnels[0];
        const frrConf = renderFrr(link);
        const gateway = await lab.addSite({
            name: "alibaba",
            publicIps: [GATEWAY_IP],
            lanAddresses: [VPC_HOST],
            daemon: { kind: "strongswan", swanctlConf: gatewaySwanctl(link) },
            description: "Alibaba VPN gateway (planned BGP link)",
        });
        const office = await lab.addSite({
            name: "office",
            publicIps: [OFFICE_IP],
            lanAddresses: OFFICE_HOSTS,
            daemon: { kind: "strongswan", swanctlConf: renderStrongswan(link) },
            description: "office: rendered strongSwan + rendered FRR",
        });
        // charon creates ipsec0 and its table-220 rule when it starts; the configs are loaded after FRR runs.
        await gateway.strongswan.start();
        await office.strongswan.start();
        await routeBased(gateway, [`${tunnel.localBgpIp}/${tunnel.prefixLength}`], bgp.alibabaAnnounces);
        await routeBased(office, [`${tunnel.peerBgpIp}/${tunnel.prefixLength}`], bgp.peerAnnounces);
        const gatewayFrr = new FrrInstance(gateway.namespace, alibabaFrrConf(bgp, link.peerSubnets, "gateway"));
        const officeFrr = new FrrInstance(office.namespace, frrConf);
        try {
            await gatewayFrr.start();
            await officeFrr.start();
            const since = Date.now();
            await gateway.strongswan.loadAll();
            await office.strongswan.loadAll();
            const [name] = peerConnectionNames(link);
            const up = await waitForTunnel(office, name, since, 20_000);
            assert.ok(up, `the office's tunnel ${name} came up`);
            const tunnelUpAt = since + up.childMs;
            log(`  tunnel up: IKE ${seconds(up.ikeMs)}, CHILD_SA ${seconds(up.childMs)}`);

            // Routes learned on both ends, as kernel routes zebra installed.
            const expectAtGateway = Object.fromEntries(bgp.peerAnnounces.map((n) => [n, `via ${tunnel.peerBgpIp} dev ipsec0`]));
            const expectAtOffice = Object.fromEntries(bgp.alibabaAnnounces.map((n) => [n, `via ${tunnel.localBgpIp} dev ipsec0`]));
            // When the session reached Established (first seen by this poll), to split the time to learn.
            let establishedAt: number | undefined;
            const learned = await waitFor(async () => {
                if (establishedAt === undefined && (await officeFrr.neighbors())[tunnel.localBgpIp]?.state === "Established") {
                    establishedAt = Date.now();
                }
                const [g, o] = [await gatewayFrr.bgpRoutes(), await officeFrr.bgpRoutes()];
                return JSON.stringify(g) === JSON.stringify(expectAtGateway) && JSON.stringify(o) === JSON.stringify(expectAtOffice) ? Date.now() : undefined;
            }, 40_000, 100);
            assert.ok(
                learned,
                `routes not learned: gateway ${JSON.stringify(await gatewayFrr.bgpRoutes())}, office ${JSON.stringify(await officeFrr.bgpRoutes())}; ` +
                    `gateway neighbours ${JSON.stringify(await gatewayFrr.neighbors())}\n${officeFrr.log().slice(-1500)}`,
            );
            const learnMs = learned - tunnelUpAt;
            const establishedMs = (establishedAt ?? learned) - tunnelUpAt;
            log(`  session Established ${seconds(establishedMs)} and routes learned on both ends ${seconds(learnMs)} after the tunnel came up`);
            const [gn, on] = [await gatewayFrr.neighbors(), await officeFrr.neighbors()];
            assert.deepEqual(gn[tunnel.peerBgpIp], { state: "Established", received: bgp.peerAnnounces.length, hold: bgp.holdSeconds, keepalive: bgp.keepaliveSeconds });
            assert.deepEqual(on[tunnel.localBgpIp], { state: "Established", received: bgp.alibabaAnnounces.length, hold: bgp.holdSeconds, keepalive: bgp.keepaliveSeconds });
            const officeView = JSON.parse(await officeFrr.vtysh("show bgp ipv4 unicast json")) as { localAS: number; routes: Record<string, Array<{ path: string }>> };
            assert.equal(officeView.localAS, bgp.peerAsn);
            assert.equal(officeView.routes[VPC]?.[0]?.path, String(bgp.localAsn), "the VPC block comes with AS path 45104");

            // Traffic follows the learned routes, through the tunnel.
            const route = await gateway.exec("ip", ["route", "get", OFFICE_HOSTS[1], "from", VPC_HOST]);
            assert.match(route.stdout, new RegExp(`via ${tunnel.peerBgpIp.replace(/\./g, "\\.")} dev ipsec0`));
            const before = await childPackets(office);
            for (const host of OFFICE_HOSTS) {
                assert.equal(await pingOk(gateway, VPC_HOST, host), 3, `${VPC_HOST} -> ${host} through the tunnel`);
            }
            const after = await childPackets(office);
            const counted = [...after.values()].reduce((n, c) => n + c.in, 0) - [...before.values()].reduce((n, c) => n + c.in, 0);
            assert.ok(counted >= 6, `the office's CHILD_SA received the 6 echo requests (counted ${counted})`);

            // Withdraw 192.168.20.0/24 at the office: the gateway loses the route and the host.
            const withdrawn = bgp.peerAnnounces[1];
            const withdrawAt = Date.now();
            await officeFrr.vtysh("configure terminal", `router bgp ${bgp.peerAsn}`, "address-family ipv4 unicast", `no network ${withdrawn}`);
            const gone = await waitFor(async () => (!(withdrawn in (await gatewayFrr.bgpRoutes())) ? Date.now() : undefined), 15_000, 50);
            assert.ok(gone, `${withdrawn} still routed at the gateway after the withdrawal`);
            assert.deepEqual(Object.keys(await gatewayFrr.bgpRoutes()), [bgp.peerAnnounces[0]]);
            assert.equal(await pingOk(gateway, VPC_HOST, OFFICE_HOSTS[1]), 0, `${OFFICE_HOSTS[1]} unreachable once withdrawn`);
            assert.equal(await pingOk(gateway, VPC_HOST, OFFICE_HOSTS[0]), 3, `${OFFICE_HOSTS[0]} still reachable`);
            // Announce it again: back.
            const again = Date.now();
            await officeFrr.vtysh("configure terminal", `router bgp ${bgp.peerAsn}`, "address-family ipv4 unicast", `network ${withdrawn}`);
            const back = await waitFor(async () => (withdrawn in (await gatewayFrr.bgpRoutes()) ? Date.now() : undefined), 15_000, 50);
            assert.ok(back, `${withdrawn} not learned again`);
            assert.equal(await pingOk(gateway, VPC_HOST, OFFICE_HOSTS[1]), 3);
            const summary =
                `lab bgp: tunnel up in ${seconds(up.childMs)}, eBGP AS ${bgp.peerAsn} <-> ${bgp.localAsn} on ${tunnel.tunnelCidr} Established ` +
                `${seconds(establishedMs)} and routes learned both ways ${seconds(learnMs)} after tunnel up; traffic by learned routes 6/6; withdrawal seen at the gateway in ${seconds(gone - withdrawAt)}, ` +
                `re-announcement in ${seconds(back - again)}`;
            log(summary);
            return { summary, details: { tunnelUpMs: up.childMs, establishedMs, learnMs, withdrawMs: gone - withdrawAt, reannounceMs: back - again } };
        } finally {
            await officeFrr.stop();
            await gatewayFrr.stop();
        }
    },
};

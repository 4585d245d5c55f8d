// Overlapping networks (issue 17): a VpnSite link carried under translated blocks. The planner's picks, the overlap
// checks' fixes (the same blocks), refusals before anything is registered, and the resources on the emulator.
import * as assert from "node:assert/strict";
import { VpnSite, VpnSiteArgs, VpnSiteLinkArgs, planSite } from "../../components/vpnSite";
import { TYPES } from "../../emulator";
import { Finding } from "../../model/findings";
import { emulate, refusal, valueOf } from "../helpers";
import { hubArgs } from "../fixtures/hubs";

// The hub is 10.10.0.0/16; this partner uses the very same block.
const partner = (overrides: Partial<VpnSiteLinkArgs> = {}): VpnSiteLinkArgs => ({
    name: "partner",
    peerPublicIp: "203.0.113.30",
    peerSubnets: ["10.10.0.0/16"],
    peerPlatforms: ["strongswan"],
    translation: { exposedHosts: ["10.10.1.10"] },
    ...overrides,
});
const site = (links: VpnSiteLinkArgs[]): VpnSiteArgs => ({ ...hubArgs(), links });
const errors = (findings: Finding[]) => findings.filter((f) => f.severity === "error");

describe("VpnSite: translated links (overlapping networks)", () => {
    it("picks free blocks on both sides and carries only them in the selectors and routes", () => {
        const { plan, findings } = planSite("hub", site([partner()]));
        assert.deepEqual(errors(findings), []);
        const link = plan!.links[0];
        const t = link.translation!;
        assert.equal(t.alibabaBlock, "172.20.0.0/24");
        assert.deepEqual(t.peerMap, [{ real: "10.10.0.0/16", translated: "172.21.0.0/16" }]);
        assert.equal(t.peerTranslates, true);
        assert.deepEqual(link.selectors, { alibaba: ["172.20.0.0/24"], peer: ["172.21.0.0/16"] });
        assert.deepEqual(
            link.gatewayRoutes.map((r) => r.destination),
            ["172.21.0.0/16"],
        );
        assert.deepEqual(
            link.vpcRoutes.map((r) => r.destination),
            ["172.21.0.0/16"],
        );
        assert.equal(t.snatIp.address, "172.20.0.1");
        assert.deepEqual(t.snatEntry.sourceCidr, "10.10.0.0/16");
        assert.deepEqual(
            t.forwardEntries.map((f) => [f.natIp.address, f.internalIp]),
            [["172.20.0.2", "10.10.1.10"]],
        );
        assert.deepEqual(link.peerPlatforms, ["strongswan"]);
    });

    it("moves routes written to the peer's real networks to their translated addresses", () => {
        const { plan, findings } = planSite(
            "hub",
            site([partner({ vpcRouteDestinations: ["10.10.5.0/24"], gatewayRouteDestinations: ["10.10.0.0/16"] })]),
        );
        assert.deepEqual(errors(findings), []);
        assert.deepEqual(
            plan!.links[0].vpcRoutes.map((r) => r.destination),
            ["172.21.5.0/24"],
        );
        assert.deepEqual(
            plan!.links[0].gatewayRoutes.map((r) => r.destination),
            ["172.21.0.0/16"],
        );
    });

    it("without translation, the overlap check's fix offers exactly the blocks the planner then picks", () => {
        const { plan, findings } = planSite("hub", site([partner({ translation: undefined })]));
        assert.equal(plan, undefined);
        const overlap = findings.find((f) => f.code === "topology.sites-overlap");
        assert.ok(overlap, findings.map((f) => f.code).join(", "));
        assert.match(
            overlap.fix,
            /set hub\.links\[0\]\.translation to \{ alibabaBlock: "172\.20\.0\.0\/24", peerBlock: "172\.21\.0\.0\/16" \}/,
        );
        const linkOverlap = findings.find((f) => f.code === "link.subnets-overlap");
        assert.match(linkOverlap!.fix, /alibabaBlock: "172\.20\.0\.0\/24", peerBlock: "172\.21\.0\.0\/16"/);
        // Taking the offer as written gives the same plan as leaving the blocks to the planner.
        const taken = planSite(
            "hub",
            site([partner({ translation: { alibabaBlock: "172.20.0.0/24", peerBlock: "172.21.0.0/16", exposedHosts: ["10.10.1.10"] } })]),
        );
        assert.deepEqual(errors(taken.findings), []);
        assert.deepEqual(taken.plan!.links[0].translation, planSite("hub", site([partner()])).plan!.links[0].translation);
    });

    it("needs no translation at the peer when its networks do not overlap the VPC (Alibaba's side suffices)", async () => {
        const other = partner({ name: "dc", peerSubnets: ["192.168.50.0/24"], translation: {} });
        const { plan, findings } = planSite("hub", site([other]));
        assert.deepEqual(errors(findings), []);
        const t = plan!.links[0].translation!;
        assert.equal(t.peerTranslates, false);
        assert.deepEqual(t.peerMap, []);
        assert.deepEqual(plan!.links[0].selectors, { alibaba: ["172.20.0.0/24"], peer: ["192.168.50.0/24"] });
        let vpnSite!: VpnSite;
        await emulate(() => (vpnSite = new VpnSite("hub", site([other]))));
        const config = (await valueOf(vpnSite.peerConfigs)).dc.strongswan;
        assert.match(config, /Nothing to configure here/);
        assert.doesNotMatch(config, /BEGIN nftables/);
    });

    const refused: Array<[string, VpnSiteLinkArgs[], string, string, RegExp]> = [
        [
            "a NAT IP CIDR in 100.64.0.0/10",
            [partner({ translation: { alibabaBlock: "100.64.0.0/24" } })],
            "translation.nat-cidr-range",
            "hub.links[0].translation.alibabaBlock",
            /e\.g\. 172\.20\.0\.0\/24/,
        ],
        [
            "a translated block that collides with another link's network",
            [
                partner({ translation: { alibabaBlock: "192.168.50.0/24" } }),
                { name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"] },
            ],
            "translation.block-collides",
            "hub.links[0].translation.alibabaBlock",
            /collides with nothing, e\.g\. 172\.20\.0\.0\/24/,
        ],
        [
            "a DNAT target outside the VPC",
            [partner({ translation: { exposedHosts: ["192.168.1.10"] } })],
            "translation.dnat-outside-vpc",
            "hub.links[0].translation.exposedHosts[0]",
            /only hosts of the VPC \(10\.10\.0\.0\/16\)/,
        ],
        [
            "more exposed addresses than a VPC NAT gateway has NAT IPs",
            [partner({ translation: { exposedHosts: ["10.10.1.0/28"] } })],
            "translation.too-many-nat-ips",
            "hub.links[0].translation.exposedHosts",
            /at most 14 addresses/,
        ],
        [
            "the same host exposed twice",
            [partner({ translation: { exposedHosts: ["10.10.1.10", "10.10.1.8/30"] } })],
            "translation.duplicate-exposed-host",
            "hub.links[0].translation.exposedHosts[1]",
            /10\.10\.1\.10 is already exposed/,
        ],
        [
            "a peer that will not translate although it overlaps the VPC",
            [partner({ translation: { peerTranslation: "none" } })],
            "translation.peer-must-translate",
            "hub.links[0].translation.peerTranslation",
            /remove hub\.links\[0\]\.translation\.peerTranslation/,
        ],
        [
            "a peer block of another size",
            [partner({ translation: { peerBlock: "172.21.0.0/24" } })],
            "translation.peer-block-size",
            "hub.links[0].translation.peerBlock",
            /a free \/16, e\.g\. 172\.21\.0\.0\/16/,
        ],
        // Seed 004 on the translated routes: a VPC route the translated selectors do not carry loops in the VPC.
        [
            "a VPC route outside the translated selectors (a loop)",
            [partner({ vpcRouteDestinations: ["10.10.5.0/24", "192.168.99.0/24"] })],
            "route.outside-remote-subnets",
            "hub.links[0].vpcRouteDestinations[1]",
            /remote subnets \(172\.21\.0\.0\/16\)/,
        ],
    ];
    for (const [what, links, code, field, fix] of refused) {
        it(`refuses ${what} before anything is registered (${code})`, async () => {
            const { findings } = planSite("hub", site(links));
            const finding = errors(findings).find((f) => f.code === code);
            assert.ok(
                finding,
                errors(findings)
                    .map((f) => `${f.code} ${f.field}`)
                    .join("\n"),
            );
            assert.equal(finding.field, field);
            assert.match(`${finding.message} ${finding.fix}`, fix);
            const { error, emulator } = await refusal(() => new VpnSite("hub", site(links)));
            assert.match(error.message, new RegExp(field.replace(/[.[\]]/g, "\\$&")));
            assert.deepEqual(
                emulator.state.resources.map((r) => r.type),
                ["pulumi:pulumi:Stack"],
            );
        });
    }

    it("creates the VPC NAT gateway, its entries and routes on the emulator, and renders the peer's 1:1 map", async () => {
        let vpnSite!: VpnSite;
        const emulator = await emulate(() => (vpnSite = new VpnSite("hub", site([partner()]))));
        assert.deepEqual(emulator.state.rejections, []);
        const [ngw] = emulator.ofType(TYPES.natGateway);
        assert.equal(ngw.inputs.networkType, "intranet");
        assert.deepEqual(
            emulator.ofType(TYPES.natIpCidr).map((c) => c.inputs.natIpCidr),
            ["172.20.0.0/24"],
        );
        assert.deepEqual(
            emulator.ofType(TYPES.natIp).map((ip) => ip.inputs.natIp),
            ["172.20.0.1", "172.20.0.2"],
        );
        assert.deepEqual(
            emulator.ofType(TYPES.snatEntry).map((s) => [s.inputs.sourceCidr, s.inputs.snatIp]),
            [["10.10.0.0/16", "172.20.0.1"]],
        );
        assert.deepEqual(
            emulator.ofType(TYPES.forwardEntry).map((f) => [f.inputs.externalIp, f.inputs.internalIp, f.inputs.ipProtocol]),
            [["172.20.0.2", "10.10.1.10", "any"]],
        );
        const [connection] = emulator.ofType(TYPES.connection);
        assert.deepEqual([connection.inputs.localSubnets, connection.inputs.remoteSubnets], [["172.20.0.0/24"], ["172.21.0.0/16"]]);
        // System table: the partner's translated block and the way back to the NAT gateway; the NAT vSwitch's table: on to the VPN gateway.
        const routes = emulator.ofType(TYPES.vpcRoute).map((r) => `${r.inputs.destinationCidrblock} ${r.inputs.nexthopType}`);
        assert.deepEqual(routes.sort(), ["172.20.0.0/24 NatGateway", "172.21.0.0/16 NatGateway", "172.21.0.0/16 VpnGateway"]);
        const config = (await valueOf(vpnSite.peerConfigs)).partner.strongswan;
        assert.match(
            config,
            /ip saddr 10\.10\.0\.0\/16 ip daddr 172\.20\.0\.0\/24 snat ip prefix to ip saddr map \{ 10\.10\.0\.0\/16 : 172\.21\.0\.0\/16 \}/,
        );
        assert.match(config, /local_ts = 172\.21\.0\.0\/16/);
        assert.match(config, /remote_ts = 172\.20\.0\.0\/24/);
    });
});

// The pure checks of issue 12: what Alibaba refuses, found before anything is created, with the key as written and a
// concrete fix. Each case failed (no finding, or a vaguer one) before the issue.
import * as assert from "node:assert/strict";
import { z } from "zod";
import { configIssueFinding } from "../../checks/config";
import { checkHubArgs } from "../../components/vpnHub";
import { hubArgs } from "../fixtures/hubs";
import { VPN_GATEWAY_ZONES, regionOfZone } from "../../model/alibaba";
import { addressRange, freePrivateBlock, isPublicIpv4 } from "../../model/cidr";
import { Finding, formatFinding } from "../../model/findings";
import { checkGatewayPlacement, checkPaymentType, checkVpcCidrReserved, checkVswitchNames, checkZonesInRegion, validateBandwidth } from "../../model/gateway";
import { checkPeerNetworks, checkRouteDestinationLists, sameNetworkTwice, validateLink } from "../../model/link";
import { checkMeshPlacement, validateMesh } from "../../model/openvpn";

const lines = (findings: Finding[]) => findings.map(formatFinding);

describe("issue 12 pure checks: regions and zones", () => {
    it("reads the region off a zone id, in both spellings, and refuses malformed ones", () => {
        assert.equal(regionOfZone("cn-hangzhou-h"), "cn-hangzhou");
        assert.equal(regionOfZone("ap-northeast-1a"), "ap-northeast-1");
        assert.equal(regionOfZone("cn-hangzhouh"), undefined);
        assert.equal(regionOfZone("ap-northeast-1-a"), undefined);
        assert.equal(regionOfZone("cn-hangzhou-zz"), undefined);
    });

    it("lists Hangzhou's VPN zones as the dual-tunnel page gives them (one table, read by the planner and the emulator)", () => {
        assert.deepEqual(VPN_GATEWAY_ZONES["cn-hangzhou"], ["cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"]);
    });

    it("checkZonesInRegion: a zone of another region names both regions and the VPN zones of the right one", () => {
        const findings = checkZonesInRegion([{ zoneId: "cn-hangzhou-h" }, { zoneId: "cn-shanghai-e" }, { zoneId: "hangzhou-h" }], "cn-hangzhou", "alicloud-vpn:hypermotion.hub.vswitches", "hypermotion");
        assert.deepEqual(lines(findings), [
            'error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[1].zoneId = "cn-shanghai-e": zone cn-shanghai-e is in region cn-shanghai, not in the stack\'s region cn-hangzhou. Fix: use a zone of cn-hangzhou (VPN gateways: cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k), or change alicloud:region.',
            'error [hypermotion] alicloud-vpn:hypermotion.hub.vswitches[2].zoneId = "hangzhou-h": "hangzhou-h" is not a zone id of region cn-hangzhou. Fix: use a zone of cn-hangzhou (VPN gateways: cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k), or change alicloud:region.',
        ]);
    });

    it("checkGatewayPlacement: single-tunnel in a dual-tunnel-only region and a zone without VPN are refused; unknown regions are not judged", () => {
        const placement = {
            tunnelMode: "single",
            tunnelModeField: "hub.tunnelMode",
            gatewayZone: { zoneId: "cn-hangzhou-b", field: "hub.vswitches[0].zoneId" },
        };
        assert.deepEqual(lines(checkGatewayPlacement(placement, "cn-hangzhou", "hub")), [
            'error [hub] hub.tunnelMode = "single": a VPN gateway bought in cn-hangzhou today accepts only dual-tunnel connections; single-tunnel gateways exist only as gateways bought before dual-tunnel support. Allowed: dual. Fix: set hub.tunnelMode: dual with the gateway and disaster-recovery vSwitches in two of cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k.',
            'error [hub] hub.vswitches[0].zoneId = "cn-hangzhou-b": Alibaba sells no VPN gateway in zone cn-hangzhou-b. Allowed: cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k. Fix: put the gateway\'s vSwitch in one of cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k.',
        ]);
        assert.deepEqual(checkGatewayPlacement({ ...placement, gatewayZone: { zoneId: "us-east-1a", field: "f" } }, "us-east-1"), []);
        assert.deepEqual(checkGatewayPlacement({ tunnelModeField: "t", gatewayZone: { zoneId: "ap-northeast-1a", field: "a" }, disasterRecoveryZone: { zoneId: "ap-northeast-1c", field: "b" } }, "ap-northeast-1"), []);
    });

    it("checkVswitchNames: a name reused within a site and across sites is refused once per repeat", () => {
        const findings = checkVswitchNames([
            { site: "tokyo", path: "hs.hub.vswitches", vswitches: [{ name: "a" }, { name: "b" }] },
            { site: "shanghai", path: "hs.spokes[0].vswitches", vswitches: [{ name: "a" }, { name: "c" }, { name: "c" }] },
        ]);
        assert.deepEqual(
            findings.map((f) => [f.field, f.value, f.fix]),
            [
                ["hs.spokes[0].vswitches[0].name", "a", 'rename hs.spokes[0].vswitches[0].name, e.g. to "shanghai-a".'],
                ["hs.spokes[0].vswitches[2].name", "c", 'rename hs.spokes[0].vswitches[2].name, e.g. to "shanghai-c".'],
            ],
        );
        assert.match(findings[0].message, /^hs\.hub\.vswitches\[0\]\.name already has this name/);
    });
});

describe("issue 12 pure checks: blocks and addresses", () => {
    it("checkVpcCidrReserved: 100.64.0.0/10 and the other reserved blocks, not the private ranges", () => {
        assert.deepEqual(
            ["100.64.0.0/16", "100.127.0.0/16", "100.0.0.0/8", "127.0.0.0/16", "169.254.0.0/16", "172.16.0.0/12", "10.0.0.0/8", "192.168.0.0/16"].map(
                (b) => checkVpcCidrReserved(b, "vpcCidr").length,
            ),
            [1, 1, 1, 1, 1, 0, 0, 0],
        );
        assert.equal(checkVpcCidrReserved("100.64.0.0/16", "vpcCidr")[0].message, "the block overlaps 100.64.0.0/10, which Alibaba reserves; CreateVpc refuses it.");
    });

    it("freePrivateBlock: the first private block of the size clear of every used one", () => {
        assert.equal(freePrivateBlock(24, ["10.0.0.0/16"]), "10.1.0.0/24");
        assert.equal(freePrivateBlock(16, ["10.0.0.0/8"]), "172.16.0.0/16");
        assert.equal(freePrivateBlock(12, ["10.0.0.0/8", "172.16.0.0/12"]), undefined);
        assert.equal(freePrivateBlock(24, ["10.0.0.0/24", "10.0.1.0/24", "junk"]), "10.0.2.0/24");
    });

    it("names the kind of a non-public address; documentation addresses stand in for public ones", () => {
        assert.deepEqual(["10.1.2.3", "100.72.1.1", "127.0.0.1", "224.0.0.5", "0.0.0.0"].map(addressRange), [
            "a private address (RFC 1918)",
            "a shared address (100.64.0.0/10, carrier-grade NAT)",
            "a loopback address",
            "a multicast address",
            "the unspecified address",
        ]);
        assert.deepEqual(["203.0.113.10", "8.8.8.8", "192.168.1.1"].map(isPublicIpv4), [true, true, false]);
    });

    it("validateLink: a private peer address is refused unless the link is on a private-network gateway", () => {
        const spec = { name: "dc", peerPublicIp: "192.168.1.1", alibabaSubnets: ["10.0.0.0/16"], peerSubnets: ["192.168.50.0/24"] };
        assert.deepEqual(validateLink(spec, "dc").findings.map((f) => f.code), ["link.private-peer-ip"]);
        assert.deepEqual(validateLink({ ...spec, privateNetwork: true }, "dc").findings, []);
    });

    it("validateLink in destination-routing mode: reserved destinations and host bits are no longer skipped", () => {
        const spec = { name: "dc", peerPublicIp: "203.0.113.20", alibabaSubnets: [], peerSubnets: ["0.0.0.0/0", "100.100.0.0/16", "192.168.50.1/24"], routingMode: "destination" as const };
        assert.deepEqual(
            validateLink(spec, "dc").findings.map((f) => [f.code, f.field]),
            [
                ["link.cidr-host-bits", "dc.peerSubnets[2]"],
                ["link.reserved-route", "dc.peerSubnets[0]"],
                ["link.reserved-route", "dc.peerSubnets[1]"],
            ],
        );
        // A raw connection in destination mode: 0.0.0.0/0 on both sides are its selectors, not routes.
        assert.deepEqual(validateLink({ ...spec, alibabaSubnets: ["0.0.0.0/0"], peerSubnets: ["0.0.0.0/0"] }, "dc").findings, []);
    });

    it("sameNetworkTwice compares networks, not spellings", () => {
        assert.deepEqual(
            sameNetworkTwice(["192.168.10.0/24", "192.168.11.0/24", "192.168.10.0/24"], "peerSubnets").map((f) => [f.field, f.message]),
            [["peerSubnets[2]", "the same network as peerSubnets[0] (192.168.10.0/24); its routes would be created twice and Alibaba refuses the second."]],
        );
    });

    it("checkPeerNetworks: host bits with the network address, 100.64.0.0/10, and a repeat, each naming its key", () => {
        const findings = checkPeerNetworks(
            [
                { cidr: "192.168.10.1/24", field: "office.openstack.controlNetwork" },
                { cidr: "192.168.10.0/24", field: "office.openstack.floatingIpNetwork" },
                { cidr: "100.100.0.0/24", field: "office.openstack.other" },
            ],
            "office",
        );
        assert.deepEqual(
            findings.map((f) => [f.code, f.field, f.fix]),
            [
                ["link.cidr-host-bits", "office.openstack.controlNetwork", "write 192.168.10.0/24 instead of 192.168.10.1/24."],
                ["link.same-network-twice", "office.openstack.floatingIpNetwork", "correct office.openstack.floatingIpNetwork to the network it was meant to be, or remove it."],
                ["link.reserved-route", "office.openstack.other", "renumber that network out of 100.64.0.0/10, or leave it out."],
            ],
        );
    });

    it("checkRouteDestinationLists: VPC routes may cover 100.0.0.0/8 but not sit inside 100.64.0.0/10; gateway routes may not overlap it", () => {
        const findings = checkRouteDestinationLists({ vpcRouteDestinations: ["100.0.0.0/8", "100.64.1.0/24"], gatewayRouteDestinations: ["100.0.0.0/8"] }, "dc", "dc");
        assert.deepEqual(
            findings.map((f) => [f.severity, f.field, f.code]),
            [
                ["warning", "dc.vpcRouteDestinations[1]", "link.reserved-route"],
                ["error", "dc.gatewayRouteDestinations[0]", "link.reserved-route"],
            ],
        );
        assert.equal(
            findings[0].message,
            "100.64.1.0/24 is inside 100.64.0.0/10: the English CreateRouteEntry reference refuses such a route, the 2024 Chinese reference accepts it; whether Alibaba creates it is unknown.",
        );
        const services = checkRouteDestinationLists({ vpcRouteDestinations: ["100.100.100.0/24", "100.64.0.0/10"] }, "dc");
        assert.deepEqual(services.map((f) => f.severity), ["error", "error"]);
    });

    it("validateBandwidth: a string shows the value and the number to write; 5 warns that the truth is unknown", () => {
        assert.deepEqual(lines(validateBandwidth("10", "hub.bandwidth", "hub")), [
            'error [hub] hub.bandwidth = "10": the bandwidth must be a number of Mbit/s, not a string. Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 (Mbit/s). Fix: write hub.bandwidth: 10 without quotes.',
        ]);
        assert.equal(validateBandwidth("ten", "hub.bandwidth")[0].fix, "write hub.bandwidth: 10 without quotes.");
        assert.deepEqual(
            [5, 20, 50].map((b) => validateBandwidth(b, "bw").map((f) => `${f.severity} ${f.code} ${f.fix}`)[0]),
            [
                "warning hub.bandwidth-maybe-discontinued if the console does not offer it, set bw to 10.",
                "warning hub.bandwidth-maybe-discontinued if the console does not offer it, set bw to 100.",
                "warning hub.bandwidth-maybe-discontinued if the console does not offer it, set bw to 100.",
            ],
        );
        assert.deepEqual(validateBandwidth(100, "bw"), []);
    });
});

describe("issue 12 pure checks: the OpenVPN mesh", () => {
    const path = "alicloud-vpn:openvpn-mesh";

    it("checkMeshPlacement: vSwitch outside the VPC, with an example inside", () => {
        assert.deepEqual(lines(checkMeshPlacement({ vpcCidr: "172.31.0.0/16", vswitch: { cidr: "172.30.16.0/20" }, privateIp: "172.30.24.222" }, path, "mesh")), [
            'error [mesh] alicloud-vpn:openvpn-mesh.vswitch.cidr = "172.30.16.0/20": the vSwitch block is not inside the VPC block 172.31.0.0/16; CreateVSwitch refuses it. Fix: choose alicloud-vpn:openvpn-mesh.vswitch.cidr inside 172.31.0.0/16 (e.g. 172.31.0.0/20), or widen alicloud-vpn:openvpn-mesh.vpcCidr.',
        ]);
    });

    it("checkMeshPlacement: the server's private IP outside its vSwitch, or one Alibaba keeps", () => {
        const at = (privateIp: string) => checkMeshPlacement({ vpcCidr: "172.31.0.0/16", vswitch: { cidr: "172.31.16.0/20" }, privateIp }, path).map((f) => [f.code, f.fix]);
        assert.deepEqual(at("172.31.24.222"), []);
        assert.deepEqual(at("172.31.40.1"), [
            ["mesh.private-ip-outside-vswitch", "choose alicloud-vpn:openvpn-mesh.server.privateIp inside 172.31.16.0/20, e.g. 172.31.16.10, or leave it unset to let Alibaba pick one."],
        ]);
        assert.deepEqual(at("172.31.16.0").map(([code]) => code), ["mesh.private-ip-reserved"]);
        assert.deepEqual(at("172.31.31.253").map(([code]) => code), ["mesh.private-ip-reserved"]);
        assert.deepEqual(at("172.31.31.252"), []);
    });

    it("checkMeshPlacement: a VPC in 100.64.0.0/10", () => {
        assert.deepEqual(
            checkMeshPlacement({ vpcCidr: "100.64.0.0/16", vswitch: { cidr: "100.64.16.0/20" } }, path).map((f) => f.code),
            ["mesh.vpc-in-reserved-block"],
        );
    });

    it("validateMesh: a client LAN over Alibaba's service addresses is refused, elsewhere in 100.64.0.0/10 warned (the references disagree)", () => {
        const findings = validateMesh(
            { name: "mesh", serverVpcCidr: "172.31.0.0/16", clients: [{ name: "c1", publicIp: "203.0.113.21", lans: ["100.100.50.0/24", "100.80.0.0/24"] }] },
            path,
        );
        assert.deepEqual(
            findings.filter((f) => f.code === "mesh.lan-in-reserved-block").map((f) => [f.severity, f.field]),
            [
                ["error", "alicloud-vpn:openvpn-mesh.clients[0].lans[0]"],
                ["warning", "alicloud-vpn:openvpn-mesh.clients[0].lans[1]"],
            ],
        );
    });
});

describe("issue 12: config values of the wrong type", () => {
    const schema = z.object({ hub: z.object({ bandwidth: z.number(), name: z.string(), tunnelMode: z.enum(["dual", "single"]), dpd: z.boolean() }).strict() });
    const findingsOf = (value: unknown) => {
        const parsed = schema.safeParse(value);
        assert.equal(parsed.success, false);
        return parsed.error!.issues.map((issue) => formatFinding(configIssueFinding(issue as never, "alicloud-vpn:hypermotion", value)));
    };

    it("shows the value and a fix that can be pasted", () => {
        assert.deepEqual(findingsOf({ hub: { bandwidth: "10", name: 172, tunnelMode: "triple", dpd: "yes" } }), [
            'error alicloud-vpn:hypermotion.hub.bandwidth = "10": "10" is not a number. Fix: write alicloud-vpn:hypermotion.hub.bandwidth: 10 (a number, without quotes).',
            'error alicloud-vpn:hypermotion.hub.name = 172: 172 is not a string. Fix: quote it: alicloud-vpn:hypermotion.hub.name: "172".',
            'error alicloud-vpn:hypermotion.hub.tunnelMode = "triple": "triple" is not one of the allowed values. Allowed: dual, single. Fix: set alicloud-vpn:hypermotion.hub.tunnelMode to one of dual, single.',
            'error alicloud-vpn:hypermotion.hub.dpd = "yes": "yes" is not true or false. Fix: write alicloud-vpn:hypermotion.hub.dpd: true (without quotes).',
        ]);
    });

    it("names a missing key and an unknown one", () => {
        assert.deepEqual(findingsOf({ hub: { bandwith: 5, name: "h", tunnelMode: "dual", dpd: true } }), [
            "error alicloud-vpn:hypermotion.hub.bandwidth: required. Fix: add alicloud-vpn:hypermotion.hub.bandwidth to Pulumi.<stack>.yaml (see the committed samples).",
            "error alicloud-vpn:hypermotion.hub: Unrecognized key(s) in object: 'bandwith'. Fix: remove or correct the key(s) bandwith under alicloud-vpn:hypermotion.hub.",
        ]);
    });
});

describe("issue 12: findings name the keys the user wrote", () => {
    const base = { name: "spoke", peerPublicIp: "203.0.113.20", alibabaSubnets: ["10.20.0.0/16"] };

    it("names a derived peer subnet by the key it came from (a hub-and-spoke spoke's vpcCidr)", () => {
        const { findings } = validateLink(
            { ...base, peerSubnets: ["10.10.0.0/16", "10.30.0.1/16"], peerSubnetFields: ["hs.hub.vpcCidr", "hs.spokes[1].vpcCidr"] },
            "hs.spokes[0]",
        );
        assert.deepEqual(
            findings.map((f) => [f.code, f.field, f.fix]),
            [["link.cidr-host-bits", "hs.spokes[1].vpcCidr", "write 10.30.0.0/16 instead of 10.30.0.1/16."]],
        );
    });

    it("suggests routingMode only where the config has the key", () => {
        const eleven = Array.from({ length: 11 }, (_, i) => `192.168.${i * 2}.0/24`);
        const fixOf = (extra: object) => validateLink({ ...base, peerSubnets: eleven, ...extra }, "office").findings.find((f) => f.code === "link.subnet-count")!.fix;
        assert.match(fixOf({}), /, or set office\.routingMode: destination\.$/);
        assert.match(fixOf({ routingModeField: false }), /\(they do not merge into 10 as written\), or split the networks over several links\.$/);
    });
});

describe("issue 12: Subscription gateways are never deleted by the provider", () => {
    it("warns for Subscription (and the provider's PrePaid alias), not for PayAsYouGo or an unset value", () => {
        assert.deepEqual(
            ["Subscription", "PrePaid", "PayAsYouGo", undefined].map((p) => checkPaymentType(p, "hub.paymentType", "hub").map((f) => `${f.severity} ${f.code}`)),
            [["warning hub.subscription-not-destroyed"], ["warning hub.subscription-not-destroyed"], [], []],
        );
        assert.match(checkPaymentType("Subscription", "hub.paymentType")[0].fix, /^keep hub\.paymentType: PayAsYouGo unless/);
    });
});

describe("issue 12: checkHubArgs", () => {
    it("warns about a Subscription gateway and refuses a VPC in 100.64.0.0/10", () => {
        const findings = checkHubArgs(
            hubArgs({ paymentType: "Subscription", vpcCidr: "100.64.0.0/16", vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "100.64.1.0/24" }, { zoneId: "cn-hangzhou-i", cidr: "100.64.2.0/24" }] }),
            "hub",
            "hub",
        );
        assert.deepEqual(
            findings.map((f) => `${f.severity} ${f.code} ${f.field}`),
            ["error hub.vpc-in-reserved-block hub.vpcCidr", "warning hub.subscription-not-destroyed hub.paymentType"],
        );
    });

    it("lets both tunnels share the one VPN zone of a single-zone region (Seoul), even one vSwitch; not in Hangzhou", () => {
        const seoul = hubArgs({ vswitches: [{ zoneId: "ap-northeast-2a", cidr: "10.10.1.0/24" }], gatewayVswitch: 0, disasterRecoveryVswitch: 0 });
        assert.deepEqual(checkHubArgs(seoul, "hub", "hub"), []);
        const hangzhou = hubArgs({ vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" }], gatewayVswitch: 0, disasterRecoveryVswitch: 0 });
        assert.deepEqual(checkHubArgs(hangzhou, "hub", "hub").map((f) => f.code), ["hub.dual-tunnel-needs-two-zones"]);
    });
});

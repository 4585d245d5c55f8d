// checks/placement.ts on hand-built topologies: what the topology pass refuses about placement, for every stack.
import * as assert from "node:assert/strict";
import { checkNetwork } from "../../checks";
import { Topology } from "../../model/topology";

function site(overrides: Partial<Extract<Topology["sites"][number], { kind: "alibaba" }>> = {}): Topology["sites"][number] {
    return {
        kind: "alibaba",
        name: "tokyo",
        region: "ap-northeast-1",
        vpc: { cidr: "10.10.0.0/16", field: "hs.hub.vpcCidr" },
        vswitches: [
            { name: "tokyo-a", cidr: "10.10.1.0/24", field: "hs.hub.vswitches[0].cidr", zoneId: "ap-northeast-1a" },
            { name: "tokyo-b", cidr: "10.10.2.0/24", field: "hs.hub.vswitches[1].cidr", zoneId: "ap-northeast-1b" },
        ],
        ...overrides,
    } as Topology["sites"][number];
}

function topology(sites: Topology["sites"], vpcRoutes: Topology["vpcRoutes"] = []): Topology {
    return { name: "t", sites, connections: [], vpcRoutes, gatewayRoutes: [], tunnelPools: [], wellKnownRanges: [], dockerDefaultBridge: false };
}

const brief = (t: Topology) => checkNetwork(t).map((f) => `${f.severity} ${f.code} ${f.field} = ${f.value}`);

describe("topology pass: placement (issue 12)", () => {
    it("accepts a well-placed site", () => {
        assert.deepEqual(brief(topology([site()])), []);
    });

    it("refuses a vSwitch zone of another region when the plan carries zones, naming the zone's key", () => {
        const t = topology([site({ vswitches: [{ name: "tokyo-a", cidr: "10.10.1.0/24", field: "hs.hub.vswitches[0].cidr", zoneId: "cn-shanghai-e" }] })]);
        assert.deepEqual(brief(t), ["error topology.zone-not-in-region hs.hub.vswitches[0].zoneId = cn-shanghai-e"]);
        assert.equal(checkNetwork(t)[0].message, "zone cn-shanghai-e is in region cn-shanghai, not in the site's region ap-northeast-1.");
    });

    it("refuses one vSwitch name in two sites, and a VPC in 100.64.0.0/10 with a vSwitch outside it", () => {
        const spoke = site({
            name: "shanghai",
            region: "cn-shanghai",
            vpc: { cidr: "100.65.0.0/16", field: "hs.spokes[0].vpcCidr" },
            vswitches: [{ name: "tokyo-a", cidr: "10.20.1.0/24", field: "hs.spokes[0].vswitches[0].cidr", zoneId: "cn-shanghai-e" }],
        });
        assert.deepEqual(brief(topology([site(), spoke])), [
            "error topology.vpc-reserved-block hs.spokes[0].vpcCidr = 100.65.0.0/16",
            "error topology.vswitch-outside-vpc hs.spokes[0].vswitches[0].cidr = 10.20.1.0/24",
            "error topology.duplicate-vswitch-name hs.spokes[0].vswitches[0].name = tokyo-a",
        ]);
    });

    it("refuses VPC route destinations with host bits, inside 100.64.0.0/10, or repeated in one route table", () => {
        const route = (destination: string, field: string) => ({ site: "tokyo", destination, field, nextHop: { kind: "vpnGateway" as const } });
        const t = topology(
            [site(), { kind: "external", name: "office", networks: [] }],
            [route("192.168.10.1/24", "a"), route("192.168.10.0/24", "b"), route("100.100.0.0/24", "c"), route("100.0.0.0/8", "d")],
        );
        const found = checkNetwork(t).filter((f) => f.code.startsWith("route.host") || f.code.startsWith("route.reserved-vpc") || f.code === "route.duplicate");
        assert.deepEqual(
            found.map((f) => `${f.code} ${f.field} ${f.fix}`),
            [
                "route.host-bits a write 192.168.10.0/24 instead of 192.168.10.1/24.",
                "route.duplicate b correct b to the network it was meant to be, or remove it.",
                "route.reserved-vpc-destination c renumber that network out of 100.64.0.0/10 (e.g. into 10.0.0.0/8 or 192.168.0.0/16), or leave it out of the routes.",
            ],
        );
    });
});

describe("topology pass: gateway placement, when the stack records it (issue 12)", () => {
    const gatewaySite = (tunnelMode: "dual" | "single", zones: [string, string], region = "cn-hangzhou") =>
        site({
            name: "hypermotion",
            region,
            vpc: { cidr: "172.16.0.0/16", field: "hm.hub.vpcCidr" },
            vswitches: [
                { name: "vpn-1", cidr: "172.16.255.0/28", field: "hm.hub.vswitches[0].cidr", zoneId: zones[0] },
                { name: "vpn-2", cidr: "172.16.255.16/28", field: "hm.hub.vswitches[1].cidr", zoneId: zones[1] },
            ],
            gateway: { bandwidth: 10, tunnelMode, vswitch: "vpn-1", disasterRecoveryVswitch: "vpn-2" },
        });

    it("refuses tunnelMode single in Hangzhou and a gateway vSwitch in cn-hangzhou-b, naming the keys", () => {
        assert.deepEqual(brief(topology([gatewaySite("single", ["cn-hangzhou-b", "cn-hangzhou-i"])])), [
            "error hub.single-tunnel-region hm.hub.tunnelMode = single",
            "error hub.zone-without-vpn hm.hub.vswitches[0].zoneId = cn-hangzhou-b",
        ]);
        assert.deepEqual(brief(topology([gatewaySite("dual", ["cn-hangzhou-h", "cn-hangzhou-b"])])), ["error hub.zone-without-vpn hm.hub.vswitches[1].zoneId = cn-hangzhou-b"]);
    });

    it("accepts dual-tunnel gateways in VPN zones, and any placement in a region the zone table does not know", () => {
        assert.deepEqual(brief(topology([gatewaySite("dual", ["cn-hangzhou-h", "cn-hangzhou-i"])])), []);
        assert.deepEqual(brief(topology([gatewaySite("single", ["us-east-1a", "us-east-1b"], "us-east-1")])), []);
    });
});

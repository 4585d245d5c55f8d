// The emulator refuses what Alibaba refuses and accepts what it accepts (issue 12); each case fails on the emulator
// before that issue and passes after. Sources are cited in emulator/rules.ts, emulator/outputs.ts and emulator/zones.ts.
import * as assert from "node:assert/strict";
import * as alicloud from "@pulumi/alicloud";
import { TYPES, VPN_GATEWAY_ZONES } from "../../emulator";
import { emulate } from "../helpers";

type Zones = [string, string];

/** A VPC with two vSwitches and a dual-tunnel gateway over them, plus a customer gateway on `peerIp`. */
function dualGateway(zones: Zones = ["cn-hangzhou-h", "cn-hangzhou-i"], gatewayArgs: Record<string, unknown> = {}, peerIp = "203.0.113.10") {
    const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
    const a = new alicloud.vpc.Switch("vsw-a", { vpcId: vpc.id, zoneId: zones[0], cidrBlock: "10.0.1.0/24" });
    const b = zones[1] === zones[0] && gatewayArgs.sameVswitch ? a : new alicloud.vpc.Switch("vsw-b", { vpcId: vpc.id, zoneId: zones[1], cidrBlock: "10.0.2.0/24" });
    const { sameVswitch: _, ...rest } = gatewayArgs;
    const gateway = new alicloud.vpn.Gateway("gw", { vpcId: vpc.id, vswitchId: a.id, disasterRecoveryVswitchId: b.id, bandwidth: 10, ...rest } as alicloud.vpn.GatewayArgs);
    const cgw = new alicloud.vpn.CustomerGateway("cgw", { ipAddress: peerIp });
    return { vpc, gateway, cgw };
}

function tunnels(cgwId: any, extra: (role: string) => Record<string, unknown> = () => ({})) {
    return ["master", "slave"].map((role) => ({
        role,
        customerGatewayId: cgwId,
        tunnelIkeConfig: { ikeVersion: "ikev2", psk: "correct-horse-battery-staple" },
        tunnelIpsecConfig: { ipsecPfs: "group14" },
        ...extra(role),
    }));
}

function connectionArgs(gateway: alicloud.vpn.Gateway, cgw: alicloud.vpn.CustomerGateway, extra: Record<string, unknown> = {}): alicloud.vpn.ConnectionArgs {
    return { vpnGatewayId: gateway.id, localSubnets: ["10.0.0.0/16"], remoteSubnets: ["192.168.10.0/24"], tunnelOptionsSpecifications: tunnels(cgw.id), ...extra };
}

const codes = (e: Awaited<ReturnType<typeof emulate>>) => e.state.rejections.map((r) => [r.name, r.code]);

describe("emulator fidelity: gateways (regions, zones, values)", () => {
    it("refuses a single-tunnel gateway in a dual-tunnel-only region, accepts it where the table is silent", async () => {
        const hangzhou = await emulate(() => {
            const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
            const vsw = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
            new alicloud.vpn.Gateway("gw", { vpcId: vpc.id, vswitchId: vsw.id, bandwidth: 10 });
        });
        assert.deepEqual(codes(hangzhou), [["gw", "MissingParameter.DisasterRecoveryVSwitchId"]]);
        assert.equal(
            hangzhou.state.rejections[0].message,
            "New VPN gateways in cn-hangzhou are dual-tunnel: DisasterRecoveryVSwitchId is required (a vSwitch in a second zone). (modelled)",
        );
        const virginia = await emulate(
            () => {
                const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
                const vsw = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "us-east-1a", cidrBlock: "10.0.1.0/24" });
                new alicloud.vpn.Gateway("gw", { vpcId: vpc.id, vswitchId: vsw.id, bandwidth: 10 });
            },
            { config: { "alicloud:region": "us-east-1" } },
        );
        assert.deepEqual(codes(virginia), []);
        assert.equal(virginia.ofType(TYPES.gateway)[0].outputs.disasterRecoveryInternetIp, "");
    });

    it("refuses a gateway vSwitch in a zone that sells no VPN gateway (cn-hangzhou-b), naming the zones that do", async () => {
        const emulator = await emulate(() => dualGateway(["cn-hangzhou-b", "cn-hangzhou-i"]));
        assert.deepEqual(codes(emulator), [["gw", "InvalidZoneId.NotSupported"]]);
        assert.match(
            emulator.state.rejections[0].message,
            /^The vSwitch vsw-bp1\w+ is in zone cn-hangzhou-b, where VPN gateways are not sold\. VPN zones of cn-hangzhou: cn-hangzhou-g, cn-hangzhou-h, cn-hangzhou-i, cn-hangzhou-j, cn-hangzhou-k\. \(modelled\)$/,
        );
    });

    it("refuses a vSwitch zone that only starts with the region id (cn-hangzhou-zz, cn-hangzhouh)", async () => {
        for (const zoneId of ["cn-hangzhou-zz", "cn-hangzhouh", "cn-hangzhou-1a"]) {
            const emulator = await emulate(() => {
                const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
                new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId, cidrBlock: "10.0.1.0/24" });
            });
            assert.deepEqual(codes(emulator), [["vsw", "InvalidZoneId.NotFound"]], zoneId);
        }
    });

    it("answers getZones with the region's real VPN zones instead of invented <region>-a/b/c", async () => {
        let ids: string[] = [];
        await emulate(async () => {
            ids = (await alicloud.getZones({})).ids;
        }, { config: { "alicloud:region": "ap-northeast-1" } });
        assert.deepEqual(ids, ["ap-northeast-1a", "ap-northeast-1b", "ap-northeast-1c"]);
        assert.ok(!VPN_GATEWAY_ZONES["cn-hangzhou"].includes("cn-hangzhou-a"));
    });

    it("accepts the same zone, even the same vSwitch, for both tunnels in a single-zone region (Seoul); refuses it in Hangzhou", async () => {
        const seoul = await emulate(() => dualGateway(["ap-northeast-2a", "ap-northeast-2a"], { sameVswitch: true }), {
            config: { "alicloud:region": "ap-northeast-2" },
        });
        assert.deepEqual(codes(seoul), []);
        const [gateway] = seoul.ofType(TYPES.gateway);
        assert.equal(gateway.inputs.vswitchId, gateway.inputs.disasterRecoveryVswitchId);
        const hangzhou = await emulate(() => dualGateway(["cn-hangzhou-h", "cn-hangzhou-h"]));
        assert.deepEqual(codes(hangzhou), [["gw", "IllegalParam.DisasterRecoveryVSwitchId"]]);
    });

    it("refuses paymentType, networkType, vpnType and period values the provider's schema refuses; accepts its case-insensitive spellings", async () => {
        const cases: Array<[Record<string, unknown>, string | undefined]> = [
            [{ paymentType: "Monthly" }, "IllegalParam.PaymentType"],
            [{ networkType: "internet" }, "IllegalParam.NetworkType"],
            [{ vpnType: "Premium" }, "IllegalParam.VpnType"],
            [{ paymentType: "Subscription", period: 10 }, "IllegalParam.Period"],
            [{ paymentType: "Subscription", period: 24 }, undefined],
            [{ paymentType: "payasyougo", networkType: "PUBLIC" }, undefined],
            [{ enableIpsec: false }, "IllegalParam.EnableIpsec"],
            [{ enableIpsec: false, enableSsl: true }, undefined],
        ];
        for (const [args, code] of cases) {
            const emulator = await emulate(() => dualGateway(undefined, args));
            assert.deepEqual(codes(emulator), code ? [["gw", code]] : [], JSON.stringify(args));
        }
    });

    it("accepts 5 Mbit/s with a warning that the current reference no longer lists it; refuses 15; private gateways 200 or 1000", async () => {
        const five = await emulate(() => dualGateway(undefined, { bandwidth: 5 }));
        assert.deepEqual(codes(five), []);
        assert.deepEqual(
            five.state.warnings.map((w) => [w.name, w.message]),
            [
                [
                    "gw",
                    "bandwidth 5 Mbit/s is listed by the provider's docs (5, 10, 20, 50, 100, 200, 500, 1000) but not by the current CreateVpnGateway reference (10, 100, 200, 500, 1000); whether cn-hangzhou still sells it is unknown: check the console, or choose 10.",
                ],
            ],
        );
        const ten = await emulate(() => dualGateway(undefined, { bandwidth: 10 }));
        assert.deepEqual(ten.state.warnings, []);
        const fifteen = await emulate(() => dualGateway(undefined, { bandwidth: 15 }));
        assert.deepEqual(codes(fifteen), [["gw", "InvalidSpec.NotFound"]]);
        const privateSmall = await emulate(() => dualGateway(undefined, { bandwidth: 100, networkType: "private" }));
        assert.deepEqual(codes(privateSmall), [["gw", "InvalidSpec.NotFound"]]);
        assert.match(privateSmall.state.rejections[0].message, /Valid values: 200, 1000\.$/);
    });
});

describe("emulator fidelity: customer gateways", () => {
    it("accepts an ASN written as two 16-bit halves (123.456), refuses Alibaba's own 45104 and halves over 65535", async () => {
        const cases: Array<[string, string | undefined]> = [
            ["123.456", undefined],
            ["65530", undefined],
            ["45104", "IllegalParam.Asn"],
            ["0.45104", "IllegalParam.Asn"],
            ["65536.1", "IllegalParam.Asn"],
            ["4294967296", "IllegalParam.Asn"],
        ];
        for (const [asn, code] of cases) {
            const emulator = await emulate(() => new alicloud.vpn.CustomerGateway("cgw", { ipAddress: "203.0.113.10", asn }));
            assert.deepEqual(codes(emulator), code ? [["cgw", code]] : [], asn);
        }
    });

    it("accepts a private customer gateway address (private connections), refuses loopback and multicast", async () => {
        for (const [ip, code] of [["192.168.1.1", undefined], ["127.0.0.1", "InvalidIpAddress"], ["224.0.0.5", "InvalidIpAddress"]] as const) {
            const emulator = await emulate(() => new alicloud.vpn.CustomerGateway("cgw", { ipAddress: ip }));
            assert.deepEqual(codes(emulator), code ? [["cgw", code]] : [], ip);
        }
    });

    it("refuses a connection of a public gateway to a customer gateway on a private address", async () => {
        const emulator = await emulate(() => {
            const { gateway, cgw } = dualGateway(undefined, {}, "10.1.2.3");
            new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw));
        });
        assert.deepEqual(codes(emulator), [["c", "IllegalParam.CustomerGatewayId"]]);
        assert.match(emulator.state.rejections[0].message, /has the private address 10\.1\.2\.3; a public VPN gateway needs a peer with a public IP address/);
    });
});

describe("emulator fidelity: connections", () => {
    it("refuses subnets with host bits as the provider's validateCIDRNetworkAddress does", async () => {
        const emulator = await emulate(() => {
            const { gateway, cgw } = dualGateway();
            new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw, { remoteSubnets: ["192.168.10.1/24"] }));
        });
        assert.deepEqual(codes(emulator), [["c", "IllegalParam.RemoteSubnet"]]);
        assert.equal(emulator.state.rejections[0].message, '"RemoteSubnet" must contain a valid network CIDR, expected "192.168.10.0/24", got "192.168.10.1/24".');
    });

    it("refuses a tunnel BGP block that is not a /30 inside 169.254.0.0/16, and enableTunnelsBgp without tunnel BGP", async () => {
        const cases: Array<[Record<string, unknown>, string | undefined]> = [
            [{ tunnelOptionsSpecifications: tunnels("", () => ({})) }, undefined],
            [{ enableTunnelsBgp: true }, "MissingParam.TunnelBgpConfig"],
            [{ bgpConfig: { tunnelCidr: "169.254.10.0/29" } }, "IllegalParam.TunnelCidr"],
            [{ bgpConfig: { tunnelCidr: "10.0.0.0/30" } }, "IllegalParam.TunnelCidr"],
            [{ bgpConfig: { tunnelCidr: "169.254.10.0/30", localBgpIp: "169.254.11.1" } }, "IllegalParam.LocalBgpIp"],
        ];
        for (const [extra, code] of cases) {
            const emulator = await emulate(() => {
                const { gateway, cgw } = dualGateway();
                const args = connectionArgs(gateway, cgw, extra);
                if (extra.tunnelOptionsSpecifications) {
                    // BGP needs the customer gateway's ASN (emulator/bgp.ts): this valid case gives it one.
                    const bgpPeer = new alicloud.vpn.CustomerGateway("cgw-bgp", { ipAddress: "203.0.113.11", asn: "65010" });
                    args.tunnelOptionsSpecifications = tunnels(bgpPeer.id, (role) => ({
                        tunnelBgpConfig: { tunnelCidr: role === "master" ? "169.254.10.0/30" : "169.254.20.0/30", localAsn: "65000" },
                    }));
                    args.enableTunnelsBgp = true;
                }
                new alicloud.vpn.Connection("c", args);
            });
            assert.deepEqual(codes(emulator), code ? [["c", code]] : [], JSON.stringify(extra));
        }
    });

    it("warns, not refuses, about top-level DPD, NAT-T and health check on a dual-tunnel connection (the API's answer is unknown)", async () => {
        const emulator = await emulate(() => {
            const { gateway, cgw } = dualGateway();
            new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw, { enableDpd: true, healthCheckConfig: { enable: true, dip: "192.168.10.1", sip: "10.0.1.1" } }));
        });
        assert.deepEqual(codes(emulator), []);
        assert.deepEqual(
            emulator.state.warnings.map((w) => w.message),
            [
                "healthCheckConfig, enableDpd set at the top level of a dual-tunnel connection: the API documents them for single-tunnel connections (per tunnel: enableDpd, enableNatTraversal, tunnelBgpConfig); whether it refuses or ignores them here is unknown.",
            ],
        );
    });

    it("refuses PSK characters outside the documented set; accepts every documented special character", async () => {
        for (const [psk, code] of [["pa ss", "IllegalParam.Psk"], ['say"hi"', "IllegalParam.Psk"], ["clé", "IllegalParam.Psk"], ["~!`@#$%^&*()_-+={}[]|;:',.<>/?", undefined]] as const) {
            const emulator = await emulate(() => {
                const { gateway, cgw } = dualGateway();
                new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw, { tunnelOptionsSpecifications: tunnels(cgw.id, () => ({ tunnelIkeConfig: { psk } })) }));
            });
            assert.deepEqual(codes(emulator), code ? [["c", code]] : [], psk);
        }
    });

    it("accepts sm4/sm3 on a national-standard gateway only", async () => {
        for (const [vpnType, code] of [["NationalStandard", undefined], ["Normal", "IllegalParam.IkeEncAlg"]] as const) {
            const emulator = await emulate(() => {
                const { gateway, cgw } = dualGateway(undefined, { vpnType });
                const sm = tunnels(cgw.id, () => ({ tunnelIkeConfig: { ikeEncAlg: "sm4", ikeAuthAlg: "sm3", psk: "k" }, tunnelIpsecConfig: { ipsecEncAlg: "sm4", ipsecAuthAlg: "sm3" } }));
                new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw, { tunnelOptionsSpecifications: sm }));
            });
            assert.deepEqual(codes(emulator), code ? [["c", code]] : [], vpnType);
        }
    });

    it("returns each tunnel's own internetIp and zone, and a 16-character generated PSK when none is given", async () => {
        const emulator = await emulate(() => {
            const { gateway, cgw } = dualGateway();
            const noPsk = tunnels(cgw.id, () => ({ tunnelIkeConfig: { ikeVersion: "ikev2" } }));
            new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw, { tunnelOptionsSpecifications: noPsk }));
        });
        const [gateway] = emulator.ofType(TYPES.gateway);
        const [connection] = emulator.ofType(TYPES.connection);
        const out = connection.outputs.tunnelOptionsSpecifications;
        assert.deepEqual(
            out.map((t: any) => [t.role, t.internetIp, t.zoneNo]),
            [
                ["master", gateway.outputs.internetIp, "cn-hangzhou-h"],
                ["slave", gateway.outputs.disasterRecoveryInternetIp, "cn-hangzhou-i"],
            ],
        );
        assert.equal(gateway.outputs.internetIp, "198.51.100.1");
        assert.equal(gateway.outputs.disasterRecoveryInternetIp, "198.51.100.2");
        for (const tunnel of out) {
            assert.match(tunnel.tunnelIkeConfig.psk, /^[A-Za-z0-9]{16}$/);
        }
        assert.notEqual(out[0].tunnelIkeConfig.psk, out[1].tunnelIkeConfig.psk);
    });
});

describe("emulator fidelity: routes", () => {
    function connected() {
        const { vpc, gateway, cgw } = dualGateway();
        const connection = new alicloud.vpn.Connection("c", connectionArgs(gateway, cgw, { remoteSubnets: ["192.168.10.0/24", "192.168.20.0/24"] }));
        return { vpc, gateway, connection };
    }

    it("refuses VPN route entries created concurrently on one gateway; accepts them chained", async () => {
        const parallel = await emulate(() => {
            const { gateway, connection } = connected();
            for (const dest of ["192.168.10.0/24", "192.168.20.0/24"]) {
                new alicloud.vpn.RouteEntry(`r-${dest.split(".")[2]}`, { vpnGatewayId: gateway.id, routeDest: dest, nextHop: connection.id, weight: 100, publishVpc: false });
            }
        });
        assert.deepEqual(codes(parallel), [["r-20", "VpnGateway.Configuring"]]);
        assert.match(parallel.state.rejections[0].message, /being configured by route entry r-10; CreateVpnRouteEntry calls on one gateway must not run concurrently \(r-20 does not depend on r-10\)/);
        const chained = await emulate(() => {
            const { gateway, connection } = connected();
            const first = new alicloud.vpn.RouteEntry("r-10", { vpnGatewayId: gateway.id, routeDest: "192.168.10.0/24", nextHop: connection.id, weight: 100, publishVpc: false });
            new alicloud.vpn.RouteEntry("r-20", { vpnGatewayId: gateway.id, routeDest: "192.168.20.0/24", nextHop: connection.id, weight: 100, publishVpc: true }, { dependsOn: [first] });
        });
        assert.deepEqual(codes(chained), []);
        assert.deepEqual(
            chained.ofType(TYPES.vpnRoute).map((r) => [r.name, r.outputs.status, r.outputs.routeEntryType]),
            [
                ["r-10", "normal", "custom"],
                ["r-20", "published", "custom"],
            ],
        );
    });

    it("refuses a VPC route to 100.64.0.0/10, inside a vSwitch block, of an unknown next hop type or a name outside 2-128 characters", async () => {
        const cases: Array<[Record<string, unknown>, string | undefined]> = [
            [{ destinationCidrblock: "100.64.0.0/10" }, "InvalidDestinationCidrBlock.Malformed"],
            [{ destinationCidrblock: "10.0.1.0/25" }, "InvalidCidrBlock.Overlapped"],
            [{ destinationCidrblock: "10.0.1.0/24" }, "InvalidCidrBlock.Overlapped"],
            [{ nexthopType: "Gateway" }, "InvalidNextHopType"],
            [{ name: "x" }, "IllegalParam.RouteEntryName"],
            [{ name: "x".repeat(129) }, "IllegalParam.RouteEntryName"],
            [{ destinationCidrblock: "100.0.0.0/8" }, undefined],
        ];
        for (const [extra, code] of cases) {
            const emulator = await emulate(() => {
                const { vpc, gateway } = connected();
                new alicloud.vpc.RouteEntry("route", {
                    routeTableId: vpc.routeTableId,
                    destinationCidrblock: "192.168.10.0/24",
                    nexthopType: "VpnGateway",
                    nexthopId: gateway.id,
                    name: "to-office",
                    ...extra,
                } as alicloud.vpc.RouteEntryArgs);
            });
            assert.deepEqual(codes(emulator), code ? [["route", code]] : [], JSON.stringify(extra).slice(0, 60));
        }
    });

    it("accepts, with a warning naming both references, a VPC route inside 100.64.0.0/10 and one containing a vSwitch block", async () => {
        for (const [dest, warning] of [
            ["100.80.0.0/24", /^destination 100\.80\.0\.0\/24 is inside 100\.64\.0\.0\/10: the English CreateRouteEntry reference refuses it, the 2024 Chinese one accepts it/],
            ["10.0.0.0/20", /^destination 10\.0\.0\.0\/20 contains vSwitch vsw-bp1\w+ \(10\.0\.1\.0\/24\): the current references allow/],
        ] as const) {
            const emulator = await emulate(() => {
                const { vpc, gateway } = connected();
                new alicloud.vpc.RouteEntry("route", { routeTableId: vpc.routeTableId, destinationCidrblock: dest, nexthopType: "VpnGateway", nexthopId: gateway.id, name: "r1" });
            });
            assert.deepEqual(codes(emulator), [], dest);
            assert.equal(emulator.ofType(TYPES.vpcRoute).length, 1);
            assert.match(emulator.state.warnings.find((w) => w.name === "route")!.message, warning);
        }
    });

    it("returns a VPC route's routerId and no invented status", async () => {
        const emulator = await emulate(() => {
            const { vpc, gateway } = connected();
            new alicloud.vpc.RouteEntry("route", { routeTableId: vpc.routeTableId, destinationCidrblock: "192.168.10.0/24", nexthopType: "VpnGateway", nexthopId: gateway.id, name: "to-office" });
        });
        const [vpc] = emulator.ofType(TYPES.vpc);
        const [route] = emulator.ofType(TYPES.vpcRoute);
        assert.equal(route.outputs.routerId, vpc.outputs.routerId);
        assert.match(route.outputs.routerId, /^vrt-bp1/);
        assert.equal(route.outputs.status, undefined);
        assert.equal(route.outputs.name, "to-office");
    });
});

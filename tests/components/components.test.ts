import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { SiteToSiteLink } from "../../components/siteToSiteLink";
import { VpnHub } from "../../components/vpnHub";
import { TYPES } from "../../emulator";
import { emulate, refusal, valueOf } from "../helpers";
import { hubArgs } from "../fixtures/hubs";

describe("VpnHub and SiteToSiteLink on the emulator", () => {
    it("wires a dual-tunnel link: connection -> gateway and customer gateway, routes -> connection and gateway", async () => {
        let link!: SiteToSiteLink;
        const emulator = await emulate(() => {
            const hub = new VpnHub("hub", hubArgs());
            link = new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24", "192.168.51.0/24"] });
        });
        assert.equal(emulator.state.rejections.length, 0);
        const [gateway] = emulator.ofType(TYPES.gateway);
        const [cgw] = emulator.ofType(TYPES.customerGateway);
        const [connection] = emulator.ofType(TYPES.connection);
        const [vpc] = emulator.ofType(TYPES.vpc);
        const vswitches = emulator.ofType(TYPES.vswitch);
        assert.equal(gateway.inputs.vswitchId, vswitches[0].id);
        assert.equal(gateway.inputs.disasterRecoveryVswitchId, vswitches[1].id);
        assert.equal(connection.inputs.vpnGatewayId, gateway.id);
        assert.equal(connection.inputs.autoConfigRoute, false);
        assert.deepEqual(connection.inputs.localSubnets, ["10.10.0.0/16"]);
        assert.deepEqual(connection.inputs.remoteSubnets, ["192.168.50.0/24", "192.168.51.0/24"]);
        const tunnels = connection.inputs.tunnelOptionsSpecifications;
        assert.deepEqual(tunnels.map((t: any) => [t.role, t.customerGatewayId]), [["master", cgw.id], ["slave", cgw.id]]);
        assert.deepEqual(tunnels[0].tunnelIkeConfig, {
            ikeVersion: "ikev2", ikeMode: "main", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14", ikeLifetime: 86400,
            psk: tunnels[0].tunnelIkeConfig.psk,
        });
        assert.deepEqual(tunnels[1].tunnelIpsecConfig, { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14", ipsecLifetime: 3600 });
        assert.match(tunnels[0].tunnelIkeConfig.psk, /^[A-Za-z0-9]{32}$/);
        assert.notEqual(tunnels[0].tunnelIkeConfig.psk, tunnels[1].tunnelIkeConfig.psk);

        const gwRoutes = emulator.ofType(TYPES.vpnRoute);
        assert.deepEqual(gwRoutes.map((r) => [r.inputs.routeDest, r.inputs.nextHop, r.inputs.vpnGatewayId, r.inputs.weight]), [
            ["192.168.50.0/24", connection.id, gateway.id, 100],
            ["192.168.51.0/24", connection.id, gateway.id, 100],
        ]);
        const vpcRoutes = emulator.ofType(TYPES.vpcRoute);
        assert.deepEqual(vpcRoutes.map((r) => [r.inputs.destinationCidrblock, r.inputs.routeTableId, r.inputs.nexthopType, r.inputs.nexthopId]), [
            ["192.168.50.0/24", vpc.outputs.routeTableId, "VpnGateway", gateway.id],
            ["192.168.51.0/24", vpc.outputs.routeTableId, "VpnGateway", gateway.id],
        ]);
        const resolved = await valueOf(link.resolved());
        assert.deepEqual(resolved.tunnels.map((t) => t.alibabaIp), [gateway.outputs.internetIp, gateway.outputs.disasterRecoveryInternetIp]);
        assert.equal(resolved.tunnels[0].psk, tunnels[0].tunnelIkeConfig.psk);
    });

    it("keeps every pre-shared key secret: connection inputs, psks, resolved link and peer configs", async () => {
        let link!: SiteToSiteLink;
        const emulator = await emulate(() => {
            const hub = new VpnHub("hub", hubArgs());
            link = new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], peerPlatforms: ["strongswan"] });
        });
        const [connection] = emulator.ofType(TYPES.connection);
        assert.deepEqual(connection.secretInputPaths, ["tunnelOptionsSpecifications[0].tunnelIkeConfig.psk", "tunnelOptionsSpecifications[1].tunnelIkeConfig.psk"]);
        for (const output of [link.psks, link.resolved(), link.peerConfigs]) {
            assert.equal(await pulumi.isSecret(output as pulumi.Output<unknown>), true);
        }
        const configs = await valueOf(link.peerConfigs);
        assert.deepEqual(Object.keys(configs), ["strongswan"]);
        assert.match(configs.strongswan!, new RegExp(`secret = "${connection.inputs.tunnelOptionsSpecifications[0].tunnelIkeConfig.psk}"`));
        assert.match(configs.strongswan!, /remote_addrs = 198\.51\.100\.1$/m);
    });

    it("creates the connections and VPN routes of one gateway one after another", async () => {
        const emulator = await emulate(() => {
            const hub = new VpnHub("hub", hubArgs());
            for (const [i, name] of ["a", "b", "c"].entries()) {
                new SiteToSiteLink(name, { gateway: hub.reference(), peerPublicIp: `203.0.113.${30 + i}`, peerSubnets: [`192.168.${60 + i}.0/24`] });
            }
        });
        assert.equal(emulator.state.rejections.length, 0);
        // One queue per gateway: each connection, then its VPN gateway route, then the next link's connection.
        const queued = [...emulator.ofType(TYPES.connection), ...emulator.ofType(TYPES.vpnRoute)];
        const byName = new Map(queued.map((c) => [c.name, c]));
        const order = ["a-connection", "a-gw-route-192-168-60-0-24", "b-connection", "b-gw-route-192-168-61-0-24", "c-connection", "c-gw-route-192-168-62-0-24"];
        order.slice(1).forEach((name, i) => {
            assert.equal(byName.get(name)!.dependencies.filter((d) => d.endsWith(`::${order[i]}`)).length, 1, `${name} waits for ${order[i]}`);
        });
        assert.equal(byName.get("a-connection")!.dependencies.some((d) => d.includes("vpn/connection") || d.includes("vpn/routeEntry")), false);
    });

    it("builds a single-tunnel connection with ikeConfig, a caller-given secret PSK and a health check", async () => {
        const emulator = await emulate(() => {
            const hub = new VpnHub("legacy", hubArgs({ tunnelMode: "single", vswitches: [{ zoneId: "us-east-1a", cidr: "10.10.1.0/24" }] }));
            new SiteToSiteLink("dc", {
                gateway: hub.reference(),
                peerPublicIp: "203.0.113.20",
                peerSubnets: ["192.168.50.0/24"],
                psks: [pulumi.secret("Given-Key-0123456789abcdef")],
                healthCheck: { sourceIp: "10.10.1.10", destinationIp: "192.168.50.1" },
            });
            // A region that still sells single-tunnel gateways (Hangzhou sells only dual-tunnel ones).
        }, { config: { "alicloud:region": "us-east-1" } });
        assert.equal(emulator.state.rejections.length, 0);
        const [gateway] = emulator.ofType(TYPES.gateway);
        const [connection] = emulator.ofType(TYPES.connection);
        assert.equal(gateway.inputs.disasterRecoveryVswitchId, undefined);
        assert.equal(gateway.outputs.disasterRecoveryInternetIp, "");
        assert.equal(connection.inputs.tunnelOptionsSpecifications, undefined);
        assert.equal(connection.inputs.ikeConfig.psk, "Given-Key-0123456789abcdef");
        assert.deepEqual(connection.inputs.healthCheckConfig, { enable: true, sip: "10.10.1.10", dip: "192.168.50.1", interval: 3, retry: 3 });
        assert.deepEqual(connection.secretInputPaths, ["ikeConfig.psk"]);
        assert.equal(emulator.ofType("random:index/randomPassword:RandomPassword").length, 0);
    });

    it("forwards the provider to every child (region-coded ids)", async () => {
        const emulator = await emulate(() => {
            const tokyo = new (require("@pulumi/alicloud").Provider)("tokyo", { region: "ap-northeast-1" });
            const hub = new VpnHub("hub", hubArgs({ vswitches: [{ zoneId: "ap-northeast-1a", cidr: "10.10.1.0/24" }, { zoneId: "ap-northeast-1b", cidr: "10.10.2.0/24" }] }), { providers: { alicloud: tokyo } });
            new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"] }, { providers: { alicloud: tokyo } });
        });
        const regions = new Set(emulator.state.cloudResources().filter((r) => r.type.startsWith("alicloud:")).map((r) => r.region));
        assert.deepEqual([...regions], ["ap-northeast-1"]);
        assert.match(emulator.ofType(TYPES.gateway)[0].id, /^vpn-6we/);
    });

    // "hub": nothing at all may be registered; "link": the hub (the test's fixture) exists, the link adds nothing.
    const refusals: Array<[string, () => void, RegExp, "hub" | "link"]> = [
        ["bandwidth 15", () => new VpnHub("hub", hubArgs({ bandwidth: 15 })), /hub\.bandwidth = 15: .*Allowed: 5, 10, 20, 50, 100, 200, 500, 1000 \(Mbit\/s\)\. Fix: set hub\.bandwidth to the next specification up, e\.g\. 20\./, "hub"],
        ["a VPC block with host bits", () => new VpnHub("hub", hubArgs({ vpcCidr: "10.10.3.0/16" })), /hub\.vpcCidr = "10\.10\.3\.0\/16": .* Fix: write 10\.10\.0\.0\/16 instead\./, "hub"],
        ["vSwitch outside the VPC", () => new VpnHub("hub", hubArgs({ vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "10.11.1.0/24" }, { zoneId: "cn-hangzhou-i", cidr: "10.10.2.0/24" }] })), /hub\.vswitches\[0\]\.cidr = "10\.11\.1\.0\/24": the vSwitch block is not inside the VPC block 10\.10\.0\.0\/16/, "hub"],
        ["dual tunnel in one zone", () => new VpnHub("hub", hubArgs({ vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" }] })), /hub\.vswitches .*needs a vSwitch and a disaster-recovery vSwitch in two different zones.*tunnelMode: single/, "hub"],
        ["group2 without opt-in", () => {
            const hub = new VpnHub("hub", hubArgs());
            new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], profile: { ike: { dhGroup: "group2" } } });
        }, /dc\.profile\.ike\.dhGroup = "group2": group2 \(MODP-1024\) is weak and refused without an explicit opt-in\. Fix: set dc\.profile\.ike\.dhGroup to group14 on both ends/, "link"],
        ["VPC route outside the selectors (seed 004)", () => {
            const hub = new VpnHub("hub", hubArgs());
            new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["10.16.0.0/16"], vpcRouteDestinations: ["10.16.0.0/16", "10.64.3.0/24"] });
        }, /dc\.vpcRouteDestinations\[1\] = "10\.64\.3\.0\/24": .*do not cover it/, "link"],
        ["IKEv2 on an H3C ER", () => {
            const hub = new VpnHub("hub", hubArgs());
            new SiteToSiteLink("dc", { gateway: hub.reference(), peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], peerPlatforms: ["h3c-er"] });
        }, /peer platform h3c-er cannot be configured/, "link"],
    ];
    for (const [what, program, message, scope] of refusals) {
        it(`refuses ${what} before registering any cloud resource`, async () => {
            const { error, emulator } = await refusal(program);
            assert.match(error.message, message);
            const linkResources = [TYPES.customerGateway, TYPES.connection, TYPES.vpnRoute, TYPES.vpcRoute, "random:index/randomPassword:RandomPassword"];
            assert.equal(emulator.state.cloudResources().filter((r) => linkResources.includes(r.type)).length, 0);
            if (scope === "hub") {
                assert.equal(emulator.state.cloudResources().length, 0);
            }
        });
    }
});

import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ROOT, loadStackConfig } from "../../cli/plan";
import { AlibabaCloudEmulator, RecordedResource, TYPES } from "../../emulator";
import { checkTopology } from "../../checks";
import { checkHubAndSpoke, hubAndSpokeTopology } from "../../components/hubAndSpoke";
import { HubAndSpokeConfig, hubAndSpoke, hubAndSpokeArgs, syntheticHubAndSpoke } from "../../stacks/hubAndSpoke";
import { emulate, refusal } from "../helpers";

const sample = (): HubAndSpokeConfig =>
    JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.hub-and-spoke-dev.yaml"))["alicloud-vpn:hub-and-spoke"]);

function byName(emulator: AlibabaCloudEmulator, type: string): Map<string, RecordedResource> {
    return new Map(emulator.ofType(type).map((r) => [r.name, r]));
}

/** "gateway name: destination -> connection name" for every VPN gateway static route. */
function gatewayRoutes(emulator: AlibabaCloudEmulator): string[] {
    return emulator
        .ofType(TYPES.vpnRoute)
        .map((route) => {
            const gateway = emulator.state.findById(route.inputs.vpnGatewayId)!;
            const connection = emulator.state.findById(route.inputs.nextHop)!;
            return `${gateway.name}: ${route.inputs.routeDest} -> ${connection.name}`;
        })
        .sort();
}

/** "vpc name: destination -> gateway name" for every VPC route entry. */
function vpcRoutes(emulator: AlibabaCloudEmulator): string[] {
    return emulator
        .ofType(TYPES.vpcRoute)
        .map((route) => {
            const vpc = emulator.ofType(TYPES.vpc).find((v) => v.outputs.routeTableId === route.inputs.routeTableId)!;
            return `${vpc.name}: ${route.inputs.destinationCidrblock} -> ${route.inputs.nexthopType} ${emulator.state.findById(route.inputs.nexthopId)!.name}`;
        })
        .sort();
}

describe("HubAndSpoke: the three-region stack of seed 002 (Tokyo hub, Shanghai and Beijing spokes)", function () {
    let emulator: AlibabaCloudEmulator;

    before(async () => {
        emulator = await emulate(() => hubAndSpoke(sample()));
        assert.deepEqual(emulator.state.rejections, []);
    });

    it("gives every connection the local and remote subnets that make spoke-to-spoke traffic transit Tokyo", () => {
        const subnets = [...byName(emulator, TYPES.connection)].map(([name, c]) => `${name}: ${c.inputs.localSubnets} | ${c.inputs.remoteSubnets}`).sort();
        assert.deepEqual(subnets, [
            "beijing-to-tokyo-connection: 10.30.0.0/16 | 10.10.0.0/16,10.20.0.0/16",
            "shanghai-to-tokyo-connection: 10.20.0.0/16 | 10.10.0.0/16,10.30.0.0/16",
            "tokyo-to-beijing-connection: 10.10.0.0/16,10.20.0.0/16 | 10.30.0.0/16",
            "tokyo-to-shanghai-connection: 10.10.0.0/16,10.30.0.0/16 | 10.20.0.0/16",
        ]);
    });

    it("puts a static route on every gateway toward every other site, into the right connection", () => {
        assert.deepEqual(gatewayRoutes(emulator), [
            "beijing-gateway: 10.10.0.0/16 -> beijing-to-tokyo-connection",
            "beijing-gateway: 10.20.0.0/16 -> beijing-to-tokyo-connection",
            "shanghai-gateway: 10.10.0.0/16 -> shanghai-to-tokyo-connection",
            "shanghai-gateway: 10.30.0.0/16 -> shanghai-to-tokyo-connection",
            "tokyo-gateway: 10.20.0.0/16 -> tokyo-to-shanghai-connection",
            "tokyo-gateway: 10.30.0.0/16 -> tokyo-to-beijing-connection",
        ]);
        for (const route of emulator.ofType(TYPES.vpnRoute)) {
            assert.equal(route.inputs.weight, 100);
            assert.equal(route.inputs.publishVpc, false);
        }
    });

    it("routes every other site's block from each VPC to its own VPN gateway", () => {
        assert.deepEqual(vpcRoutes(emulator), [
            "beijing-vpc: 10.10.0.0/16 -> VpnGateway beijing-gateway",
            "beijing-vpc: 10.20.0.0/16 -> VpnGateway beijing-gateway",
            "shanghai-vpc: 10.10.0.0/16 -> VpnGateway shanghai-gateway",
            "shanghai-vpc: 10.30.0.0/16 -> VpnGateway shanghai-gateway",
            "tokyo-vpc: 10.20.0.0/16 -> VpnGateway tokyo-gateway",
            "tokyo-vpc: 10.30.0.0/16 -> VpnGateway tokyo-gateway",
        ]);
    });

    it("configures both ends of every tunnel with the same IKE/IPsec parameters and key, each pointing at the other", () => {
        const connections = byName(emulator, TYPES.connection);
        const gateways = byName(emulator, TYPES.gateway);
        const cgwIp = (id: string) => emulator.state.findById(id)!.inputs.ipAddress;
        for (const spoke of ["shanghai", "beijing"]) {
            const hubEnd = connections.get(`tokyo-to-${spoke}-connection`)!.inputs.tunnelOptionsSpecifications;
            const spokeEnd = connections.get(`${spoke}-to-tokyo-connection`)!.inputs.tunnelOptionsSpecifications;
            assert.deepEqual(hubEnd.map((t: any) => t.role), ["master", "slave"]);
            assert.deepEqual(spokeEnd.map((t: any) => t.role), ["master", "slave"]);
            const hubGateway = gateways.get("tokyo-gateway")!.outputs;
            const spokeGateway = gateways.get(`${spoke}-gateway`)!.outputs;
            [0, 1].forEach((i) => {
                const { psk: hubPsk, ...hubIke } = hubEnd[i].tunnelIkeConfig;
                const { psk: spokePsk, ...spokeIke } = spokeEnd[i].tunnelIkeConfig;
                assert.deepEqual(hubIke, spokeIke);
                assert.equal(hubIke.ikeVersion, "ikev2");
                assert.deepEqual(hubEnd[i].tunnelIpsecConfig, spokeEnd[i].tunnelIpsecConfig);
                assert.equal(hubPsk, spokePsk);
                assert.match(hubPsk, /^[A-Za-z0-9]{32}$/);
                assert.equal(hubEnd[i].enableDpd, spokeEnd[i].enableDpd);
                assert.equal(hubEnd[i].enableNatTraversal, spokeEnd[i].enableNatTraversal);
            });
            assert.notEqual(hubEnd[0].tunnelIkeConfig.psk, hubEnd[1].tunnelIkeConfig.psk, "each tunnel has its own key");
            // Master pairs with master, slave with slave.
            assert.equal(cgwIp(hubEnd[0].customerGatewayId), spokeGateway.internetIp);
            assert.equal(cgwIp(hubEnd[1].customerGatewayId), spokeGateway.disasterRecoveryInternetIp);
            assert.equal(cgwIp(spokeEnd[0].customerGatewayId), hubGateway.internetIp);
            assert.equal(cgwIp(spokeEnd[1].customerGatewayId), hubGateway.disasterRecoveryInternetIp);
        }
    });

    it("keeps the generated keys secret in every connection's inputs", () => {
        for (const connection of emulator.ofType(TYPES.connection)) {
            assert.ok(connection.secretInputPaths.includes("tunnelOptionsSpecifications[0].tunnelIkeConfig.psk"), connection.name);
            assert.ok(connection.secretInputPaths.includes("tunnelOptionsSpecifications[1].tunnelIkeConfig.psk"), connection.name);
        }
    });

    it("creates each site's resources in its own region, through one provider per region", () => {
        const providers = emulator.ofType(TYPES.provider).map((p) => `${p.name} ${p.inputs.region}`).sort();
        assert.deepEqual(providers, ["tokyo-ap-northeast-1", "tokyo-cn-beijing", "tokyo-cn-shanghai"].map((n) => `${n} ${n.slice(6)}`));
        const regionOf = (name: string) => [...emulator.state.resources].find((r) => r.name === name)!.region;
        assert.equal(regionOf("tokyo-gateway"), "ap-northeast-1");
        assert.equal(regionOf("tokyo-to-shanghai-cgw-1"), "ap-northeast-1");
        assert.equal(regionOf("shanghai-to-tokyo-connection"), "cn-shanghai");
        assert.equal(regionOf("beijing-to-tokyo-vpc-route-10-10-0-0-16"), "cn-beijing");
        assert.match(byName(emulator, TYPES.gateway).get("tokyo-gateway")!.id, /^vpn-6we/);
        assert.match(byName(emulator, TYPES.gateway).get("shanghai-gateway")!.id, /^vpn-uf6/);
        assert.match(byName(emulator, TYPES.gateway).get("beijing-gateway")!.id, /^vpn-2ze/);
    });

    it("creates the hub's connections one after another and the spokes' without waiting for each other", () => {
        const connections = byName(emulator, TYPES.connection);
        const waitsFor = (name: string) => emulator.state.transitiveDependencies(connections.get(name)!.urn);
        assert.ok(waitsFor("tokyo-to-beijing-connection").has(connections.get("tokyo-to-shanghai-connection")!.urn));
        const otherConnections = (name: string) =>
            [...waitsFor(name)].map((urn) => emulator.state.get(urn)!).filter((r) => r.type === TYPES.connection).map((r) => r.name);
        assert.deepEqual(otherConnections("shanghai-to-tokyo-connection"), []);
        assert.deepEqual(otherConnections("beijing-to-tokyo-connection"), []);
        const gateways = byName(emulator, TYPES.gateway);
        const gatewayDeps = (name: string) =>
            [...emulator.state.transitiveDependencies(gateways.get(name)!.urn)].map((urn) => emulator.state.get(urn)!).filter((r) => r.type === TYPES.gateway);
        assert.deepEqual(["tokyo-gateway", "shanghai-gateway", "beijing-gateway"].map(gatewayDeps).flat(), []);
    });

    it("removes exactly a spoke's resources when the spoke leaves the list, and updates the others in place", async () => {
        const withoutBeijing = sample();
        withoutBeijing.spokes = withoutBeijing.spokes.filter((s) => s.name !== "beijing");
        const after = await emulate(() => hubAndSpoke(withoutBeijing));
        const before = new Set(emulator.state.resources.map((r) => r.urn));
        const now = new Set(after.state.resources.map((r) => r.urn));
        assert.deepEqual([...now].filter((urn) => !before.has(urn)), [], "nothing is added");
        const removed = emulator.state.resources.filter((r) => !now.has(r.urn));
        const isBeijings = (r: RecordedResource) =>
            r.name.includes("beijing") ||
            // Routes toward Beijing's block on the other spokes go with it.
            r.inputs.routeDest === "10.30.0.0/16" ||
            r.inputs.destinationCidrblock === "10.30.0.0/16";
        assert.deepEqual(
            removed.filter((r) => !isBeijings(r)).map((r) => r.name),
            [],
        );
        assert.deepEqual(
            emulator.state.resources.filter((r) => isBeijings(r) && now.has(r.urn)).map((r) => r.name),
            [],
        );
        assert.deepEqual(removed.filter((r) => r.custom).map((r) => r.type).sort(), [
            "alicloud:vpc/network:Network",
            "alicloud:vpc/routeEntry:RouteEntry",
            "alicloud:vpc/routeEntry:RouteEntry",
            "alicloud:vpc/routeEntry:RouteEntry",
            "alicloud:vpc/routeEntry:RouteEntry",
            "alicloud:vpc/switch:Switch",
            "alicloud:vpc/switch:Switch",
            "alicloud:vpn/connection:Connection",
            "alicloud:vpn/connection:Connection",
            "alicloud:vpn/customerGateway:CustomerGateway",
            "alicloud:vpn/customerGateway:CustomerGateway",
            "alicloud:vpn/customerGateway:CustomerGateway",
            "alicloud:vpn/customerGateway:CustomerGateway",
            "alicloud:vpn/gateway:Gateway",
            "alicloud:vpn/routeEntry:RouteEntry",
            "alicloud:vpn/routeEntry:RouteEntry",
            "alicloud:vpn/routeEntry:RouteEntry",
            "alicloud:vpn/routeEntry:RouteEntry",
            "pulumi:providers:alicloud",
            "random:index/randomPassword:RandomPassword",
            "random:index/randomPassword:RandomPassword",
        ]);
        // Shanghai keeps its connection (same URN: an update, not a replacement) with Beijing gone from its selectors.
        const shanghai = byName(after, TYPES.connection).get("shanghai-to-tokyo-connection")!;
        assert.deepEqual(shanghai.inputs.remoteSubnets, ["10.10.0.0/16"]);
        assert.deepEqual(byName(after, TYPES.connection).get("tokyo-to-shanghai-connection")!.inputs.localSubnets, ["10.10.0.0/16"]);
    });
});

/**
 * What an update from `before` to `after` does outside the resources named after `spoke`: resources deleted,
 * created (routes are ForceNew: a changed destination is a delete and a create) and connections updated in place
 * (their selectors changed).
 */
function touchedBeyond(before: AlibabaCloudEmulator, after: AlibabaCloudEmulator, spoke: string) {
    // Alibaba's resources only: the removed spoke's region provider is not a cloud resource.
    const custom = (e: AlibabaCloudEmulator) =>
        new Map(e.state.resources.filter((r) => r.custom && r.type.startsWith("alicloud:") && !r.name.includes(spoke)).map((r) => [r.urn, r]));
    const [old, now] = [custom(before), custom(after)];
    const selectors = (r: RecordedResource) => JSON.stringify([r.inputs.localSubnets, r.inputs.remoteSubnets]);
    return {
        deleted: [...old.keys()].filter((urn) => !now.has(urn)).length,
        created: [...now.keys()].filter((urn) => !old.has(urn)).length,
        updated: [...now.values()].filter((r) => r.type === TYPES.connection && old.has(r.urn) && selectors(old.get(r.urn)!) !== selectors(r)).length,
    };
}

describe("HubAndSpoke route strategies: resources per spoke, and what removing the last spoke touches", function () {
    // As the plan CLI does: @pulumi/pulumi records a stack trace per promise (see cli/plan.ts).
    const frames = Error.stackTraceLimit;
    before(() => (Error.stackTraceLimit = 1));
    after(() => (Error.stackTraceLimit = frames));
    const withStrategy = (count: number, routeStrategy: "per-site" | "summary", plan: boolean): HubAndSpokeConfig => {
        const config = syntheticHubAndSpoke(count);
        config.routeStrategy = routeStrategy;
        if (!plan) {
            delete config.summaryCidrs;
        }
        return config;
    };
    const removal = async (routeStrategy: "per-site" | "summary", plan: boolean) => {
        const full = withStrategy(6, routeStrategy, plan);
        const before = await emulate(() => hubAndSpoke(full));
        const after = await emulate(() => hubAndSpoke({ ...full, spokes: full.spokes.slice(0, -1) }));
        assert.deepEqual([before.state.rejections, after.state.rejections], [[], []]);
        return touchedBeyond(before, after, "spoke-006");
    };

    it("per-site: a route pair to the removed spoke goes from each of the 5 others, and all 10 other connections change selectors", async () => {
        assert.deepEqual(await removal("per-site", false), { deleted: 10, created: 0, updated: 10 });
    });

    it("summary of the sites' blocks (no declared plan): the removed block leaves every summary, like per-site", async () => {
        // 10.0-10.6 without 10.k, then without 10.6 too: 10.6.0.0/16 drops out of every spoke's merge, the rest stays.
        assert.deepEqual(await removal("summary", false), { deleted: 10, created: 0, updated: 10 });
    });

    it("summary with a declared address plan (the default a 50-site team would choose): nothing beyond the spoke and the hub's pair toward it", async () => {
        assert.deepEqual(await removal("summary", true), { deleted: 0, created: 0, updated: 0 });
    });

    it("keeps the routes per spoke constant with the declared plan, and lets per-site grow with the spokes", async () => {
        const routesPerSpoke = async (count: number, routeStrategy: "per-site" | "summary") => {
            const config = withStrategy(count, routeStrategy, routeStrategy === "summary");
            config.quotas = { vpnRouteEntriesPerGateway: 100, ipsecConnectionsPerGateway: 100 };
            const emulator = await emulate(() => hubAndSpoke(config));
            assert.deepEqual(emulator.state.rejections, []);
            return emulator.ofType(TYPES.vpnRoute).length / count;
        };
        // Summary: 8 blocks on each spoke plus the hub's one toward it. Per-site: N on each spoke plus the hub's one.
        assert.deepEqual([await routesPerSpoke(3, "summary"), await routesPerSpoke(7, "summary")], [9, 9]);
        assert.deepEqual([await routesPerSpoke(3, "per-site"), await routesPerSpoke(7, "per-site")], [4, 8]);
    });
});

describe("HubAndSpoke: quotas checked before anything is created", function () {
    it("refuses 12 spokes on a hub with Alibaba's default of 10 IPsec connections, naming the quota and Quota Center", async () => {
        const config = syntheticHubAndSpoke(12);
        delete config.quotas;
        const { error, emulator } = await refusal(() => hubAndSpoke(config));
        assert.deepEqual(
            error.findings.map((f) => `${f.code} ${f.field} ${f.value}`),
            ["quota.exceeded alicloud-vpn:hub-and-spoke.hub 12"],
        );
        const [finding] = error.findings;
        assert.match(finding.message, /tokyo would need 12 IPsec-VPN connections per VPN gateway; the quota "IPsec-VPN connections per VPN gateway" allows 10 by default/);
        assert.match(finding.fix, /Quota Center \(https:\/\/quotas\.console\.aliyun\.com\)/);
        assert.match(finding.fix, /alicloud-vpn:hub-and-spoke\.quotas\.ipsecConnectionsPerGateway: 12/);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("refuses per-site routes past 20 destination routes per spoke gateway, and accepts them once the quota is declared raised", async () => {
        const config = syntheticHubAndSpoke(21);
        config.routeStrategy = "per-site";
        delete config.summaryCidrs;
        config.quotas = { ipsecConnectionsPerGateway: 21 };
        const { error } = await refusal(() => hubAndSpoke(config));
        const routes = error.findings.filter((f) => f.message.includes("destination-based (static) route entries per VPN gateway"));
        // Every spoke routes the hub and the 20 other spokes: 21 routes, one past the default 20; the hub routes 21 too.
        assert.equal(routes.length, 22);
        assert.ok(routes.every((f) => f.value === 21));
        config.quotas = { ...config.quotas, vpnRouteEntriesPerGateway: 21 };
        assert.deepEqual(checkHubAndSpoke(hubAndSpokeArgs(config), "alicloud-vpn:hub-and-spoke").findings, []);
    });
});

describe("HubAndSpoke: checks before anything is created", function () {
    const refusedConfig = (config: HubAndSpokeConfig) => refusal(() => hubAndSpoke(config));

    it("refuses overlapping site blocks, naming both sites, and registers nothing", async () => {
        const config = sample();
        config.spokes[1].vpcCidr = "10.20.128.0/17";
        config.spokes[1].vswitches = [
            { name: "beijing-h", zoneId: "cn-beijing-h", cidr: "10.20.129.0/24" },
            { name: "beijing-i", zoneId: "cn-beijing-i", cidr: "10.20.130.0/24" },
        ];
        const { error, emulator } = await refusedConfig(config);
        const finding = error.findings.find((f) => f.code === "hubspoke.sites-overlap")!;
        assert.equal(finding.field, "alicloud-vpn:hub-and-spoke.spokes[1].vpcCidr");
        assert.match(finding.message, /overlaps alicloud-vpn:hub-and-spoke\.spokes\[0\]\.vpcCidr \(10\.20\.0\.0\/16\) of shanghai/);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("refuses IKEv1 once, at the profile's field: the spokes' connections carry several blocks", async () => {
        const config = sample();
        config.profile = { ike: { version: "ikev1" } };
        const { error, emulator } = await refusedConfig(config);
        assert.deepEqual(
            error.findings.map((f) => `${f.code} ${f.field}`),
            ["link.ikev1-multiple-subnets alicloud-vpn:hub-and-spoke.profile.ike.version"],
        );
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("refuses a zone of another region and mixed tunnel modes", async () => {
        const config = sample();
        config.spokes[0].vswitches[1].zoneId = "cn-beijing-i";
        config.spokes[1].tunnelMode = "single";
        const { error, emulator } = await refusedConfig(config);
        const codes = error.findings.map((f) => `${f.code} ${f.field}`);
        assert.ok(codes.includes("hubspoke.zone-not-in-region alicloud-vpn:hub-and-spoke.spokes[0].vswitches[1].zoneId"), codes.join("\n"));
        assert.ok(codes.includes("hubspoke.mixed-tunnel-modes alicloud-vpn:hub-and-spoke.spokes"), codes.join("\n"));
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("refuses spokes whose blocks do not summarise into 10 selectors, and accepts them with selectors: any", async () => {
        const scattered = syntheticHubAndSpoke(12);
        // No declared address plan: the summary is the merge of the sites' blocks.
        delete scattered.summaryCidrs;
        // Every other /16: no two sites are adjacent, so nothing merges.
        scattered.spokes.forEach((spoke, i) => {
            const octet = 2 * (i + 1);
            spoke.vpcCidr = `10.${octet}.0.0/16`;
            spoke.vswitches.forEach((v, j) => (v.cidr = `10.${octet}.${j + 1}.0/24`));
        });
        const { error, emulator } = await refusedConfig(scattered);
        const finding = error.findings.find((f) => f.code === "hubspoke.too-many-selectors")!;
        assert.equal(finding.field, "alicloud-vpn:hub-and-spoke.spokes[0]");
        assert.match(finding.message, /summarise to 12 blocks; Alibaba takes at most 10/);
        assert.match(finding.fix, /selectors: any/);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);

        const routed = await emulate(() => hubAndSpoke({ ...scattered, selectors: "any" }));
        assert.deepEqual(routed.state.rejections, []);
        const spokeEnd = routed.ofType(TYPES.connection).find((c) => c.name === "spoke-001-to-tokyo-connection")!;
        assert.deepEqual([spokeEnd.inputs.localSubnets, spokeEnd.inputs.remoteSubnets], [["0.0.0.0/0"], ["0.0.0.0/0"]]);
        // Destination routing still routes per site, never to 0.0.0.0/0.
        assert.equal(routed.ofType(TYPES.vpnRoute).filter((r) => r.inputs.nextHop === spokeEnd.id).length, 12);
    });
});

describe("HubAndSpoke: the whole-topology pass sees the composition's network", function () {
    const path = "alicloud-vpn:hub-and-spoke";

    it("passes the computed network clean, and catches a transit route taken out of it", () => {
        const args = hubAndSpokeArgs(sample());
        const { plan, findings } = checkHubAndSpoke(args, path);
        assert.deepEqual(findings, []);
        const topology = hubAndSpokeTopology(args, plan, path);
        assert.deepEqual(checkTopology(topology, { elements: false }), []);
        // Without Shanghai's route toward Beijing, spoke-to-spoke traffic has nowhere to go (seed 002: "Static Routeの設定も忘れずに").
        topology.gatewayRoutes = topology.gatewayRoutes.filter((r) => !(r.site === "shanghai" && r.destination === "10.30.0.0/16"));
        const codes = checkTopology(topology, { elements: false }).map((f) => `${f.severity} ${f.code} ${f.site}`);
        assert.ok(codes.some((c) => c.startsWith("error transit.missing-route")), codes.join("\n"));
    });

    it("accepts summary routes over the declared plan, refuses them beyond it, and refuses a route into the VPC's own block", () => {
        const config = syntheticHubAndSpoke(3);
        const args = hubAndSpokeArgs(config);
        const { plan, findings } = checkHubAndSpoke(args, path);
        assert.deepEqual(findings, []);
        const topology = hubAndSpokeTopology(args, plan, path);
        assert.deepEqual(checkTopology(topology, { elements: false }), []);
        // The same routes without the declared plan: 10.4.0.0/14 and wider are nobody's, the hub has no route for them.
        const undeclared = { ...topology, transits: topology.transits!.map((t) => ({ ...t, summary: undefined })) };
        const beyond = checkTopology(undeclared, { elements: false }).filter((f) => f.code === "transit.summary-beyond-hub");
        assert.deepEqual(
            beyond.filter((f) => f.site === "spoke-001").map((f) => `${f.value}: ${f.message.split(" of it")[0].split("but ")[1]}`),
            ["10.4.0.0/14: 10.4.0.0/14", "10.8.0.0/13: 10.8.0.0/13", "10.16.0.0/12: 10.16.0.0/12", "10.32.0.0/11: 10.32.0.0/11", "10.64.0.0/10: 10.64.0.0/10", "10.128.0.0/9: 10.128.0.0/9"],
        );
        assert.ok(beyond.every((f) => f.severity === "error"));
        // A VPC route covering the spoke's own block (10.0.0.0/8 on spoke-001, 10.1.0.0/16) is refused for every strategy.
        const own = { ...topology, vpcRoutes: [...topology.vpcRoutes, { site: "spoke-001", destination: "10.0.0.0/8", field: `${path}.spokes[0]`, nextHop: { kind: "vpnGateway" as const } }] };
        const overlapping = checkTopology(own, { elements: false }).filter((f) => f.code === "route.overlaps-own-vpc");
        assert.deepEqual(overlapping.map((f) => `${f.site} ${f.value}`), ["spoke-001 10.0.0.0/8"]);
        assert.match(overlapping[0].fix, /route only blocks outside 10\.1\.0\.0\/16, e\.g\. 10\.0\.0\.0\/16, 10\.2\.0\.0\/15, 10\.4\.0\.0\/14, 10\.8\.0\.0\/13, \.\.\./);
    });

    it("warns, naming the key, when a spoke's VPC is Docker's default bridge (seed 004, case 2)", async () => {
        const config = sample();
        config.spokes[1].vpcCidr = "172.17.0.0/16";
        config.spokes[1].vswitches = [
            { name: "beijing-h", zoneId: "cn-beijing-h", cidr: "172.17.1.0/24" },
            { name: "beijing-i", zoneId: "cn-beijing-i", cidr: "172.17.2.0/24" },
        ];
        let findings: readonly { code: string; field?: string; severity: string }[] = [];
        const emulator = await emulate(() => {
            findings = hubAndSpoke(config).findings;
        });
        assert.deepEqual(emulator.state.rejections, []);
        const docker = findings.filter((f) => f.code === "topology.docker-bridge");
        assert.ok(docker.length > 0);
        assert.ok(docker.every((f) => f.severity === "warning"));
        assert.ok(docker.some((f) => f.field === "alicloud-vpn:hub-and-spoke.spokes[1].vpcCidr"), JSON.stringify(docker));
    });
});

describe("HubAndSpoke: warnings", function () {
    it("logs each warning once, not once per site and connection end", async () => {
        const config = sample();
        config.profile = { ike: { version: "ikev2", integrity: "sha1" } };
        const logged: string[] = [];
        const warn = pulumi.log.warn;
        (pulumi.log as { warn: typeof warn }).warn = async (message: string) => {
            logged.push(message);
        };
        let findings: readonly { code: string; field?: string }[] = [];
        try {
            await emulate(() => {
                findings = hubAndSpoke(config).findings;
            });
        } finally {
            (pulumi.log as { warn: typeof warn }).warn = warn;
        }
        const sha1 = logged.filter((m) => m.includes("profile.ike.integrity"));
        assert.equal(sha1.length, 1, logged.join("\n"));
        assert.match(sha1[0], /^warning \[tokyo-to-shanghai\] alicloud-vpn:hub-and-spoke\.profile\.ike\.integrity = "sha1": SHA1 is legacy/);
        assert.deepEqual(findings.filter((f) => f.field === "alicloud-vpn:hub-and-spoke.profile.ike.integrity").length, 1);
    });
});

describe("HubAndSpoke at scale: 50 spokes plan offline", function () {
    this.timeout(300_000);
    let emulator: AlibabaCloudEmulator;
    const frames = Error.stackTraceLimit;

    before(async () => {
        // As the plan CLI does: @pulumi/pulumi records a stack trace per promise (see cli/plan.ts).
        Error.stackTraceLimit = 1;
        emulator = await emulate(() => hubAndSpoke(syntheticHubAndSpoke(50)));
        Error.stackTraceLimit = frames;
    });

    it("creates 51 gateways and 100 connections without a refusal, every selector list within Alibaba's 10", () => {
        assert.deepEqual(emulator.state.rejections, []);
        assert.equal(emulator.ofType(TYPES.gateway).length, 51);
        assert.equal(emulator.ofType(TYPES.connection).length, 100);
        assert.equal(emulator.ofType(TYPES.provider).length, 7);
        for (const connection of emulator.ofType(TYPES.connection)) {
            assert.ok(connection.inputs.localSubnets.length <= 10 && connection.inputs.remoteSubnets.length <= 10, connection.name);
        }
        // Each spoke routes 10.0.0.0/8 minus its own /16 (8 blocks) to the hub; the hub routes each spoke's block.
        assert.equal(emulator.ofType(TYPES.vpnRoute).length, 50 * 8 + 50);
        assert.equal(emulator.ofType(TYPES.vpcRoute).length, 50 * 8 + 50);
        const hubGateway = emulator.ofType(TYPES.gateway).find((g) => g.name === "tokyo-gateway")!;
        assert.equal(emulator.ofType(TYPES.vpnRoute).filter((r) => r.inputs.vpnGatewayId === hubGateway.id).length, 50);
    });

    it("chains the hub's 50 connections and leaves every spoke connection free of the others", () => {
        const hubGateway = emulator.ofType(TYPES.gateway).find((g) => g.name === "tokyo-gateway")!;
        const connections = emulator.ofType(TYPES.connection);
        const onHub = connections.filter((c) => c.inputs.vpnGatewayId === hubGateway.id);
        assert.equal(onHub.length, 50);
        const chained = onHub.map((c) => [...emulator.state.transitiveDependencies(c.urn)].filter((urn) => onHub.some((o) => o.urn === urn)).length).sort((a, b) => a - b);
        assert.deepEqual(chained, Array.from({ length: 50 }, (_, i) => i));
        const connectionUrns = new Set(connections.map((c) => c.urn));
        for (const spokeEnd of connections.filter((c) => c.inputs.vpnGatewayId !== hubGateway.id)) {
            assert.deepEqual([...emulator.state.transitiveDependencies(spokeEnd.urn)].filter((urn) => connectionUrns.has(urn)), [], spokeEnd.name);
        }
    });
});

describe("HubAndSpoke: findings name the keys the user wrote", () => {
    it("a too-long profile.remoteId is reported once, as profile.remoteId, although the spoke end sends it as its localId", () => {
        const args = hubAndSpokeArgs(sample());
        args.profile = { remoteId: "x".repeat(101) };
        const { findings } = checkHubAndSpoke(args, "alicloud-vpn:hub-and-spoke");
        const ids = findings.filter((f) => /Id$/.test(f.field));
        assert.deepEqual(ids.map((f) => `${f.severity} ${f.field}`), ["error alicloud-vpn:hub-and-spoke.profile.remoteId"]);
        assert.doesNotMatch(ids[0].fix, /localId|~/);
    });

    it("a block derived from a site's vpcCidr names that site's key, not a derived list", () => {
        const args = hubAndSpokeArgs(sample());
        args.profile = { ike: { version: "ikev1" } };
        const { findings } = checkHubAndSpoke(args, "alicloud-vpn:hub-and-spoke");
        // IKEv1 with several selectors: refused on the profile key, the derived lists never named.
        assert.ok(findings.some((f) => f.code === "link.ikev1-multiple-subnets" && f.field === "alicloud-vpn:hub-and-spoke.profile.ike.version"));
        assert.ok(findings.every((f) => !f.field.includes("~") && !/\.peerSubnets\[/.test(f.field)), findings.map((f) => f.field).join("\n"));
    });
});

describe("HubAndSpoke over transit routers (transport: transit-router)", function () {
    const frames = Error.stackTraceLimit;
    let emulator: AlibabaCloudEmulator;
    before(async () => {
        Error.stackTraceLimit = 1;
        const config = syntheticHubAndSpoke(3);
        config.transport = "transit-router";
        emulator = await emulate(() => hubAndSpoke(config));
        Error.stackTraceLimit = frames;
    });

    it("creates one CEN instance, a router per region, every pair of regions peered, and no VPN gateway", () => {
        assert.deepEqual(emulator.state.rejections, []);
        assert.equal(emulator.ofType(TYPES.cen).length, 1);
        assert.deepEqual(emulator.ofType(TYPES.transitRouter).map((r) => r.region).sort(), ["ap-northeast-1", "cn-beijing", "cn-hangzhou", "cn-shanghai"]);
        assert.equal(emulator.ofType(TYPES.peerAttachment).length, 6);
        // Each router starts at most 2 of the 6 inter-region connections, not the hub's all 3.
        const started = new Map<string, number>();
        emulator.ofType(TYPES.peerAttachment).forEach((p) => started.set(p.region!, (started.get(p.region!) ?? 0) + 1));
        assert.ok([...started.values()].every((n) => n <= 2), JSON.stringify([...started]));
        assert.deepEqual([TYPES.gateway, TYPES.connection, TYPES.vpnRoute, TYPES.customerGateway].map((t) => emulator.ofType(t).length), [0, 0, 0, 0]);
    });

    it("attaches every VPC to its region's router in two zones and routes the summary minus its own block to the attachment", () => {
        const attachments = emulator.ofType(TYPES.vpcAttachment);
        assert.equal(attachments.length, 4);
        for (const attachment of attachments) {
            const vpc = emulator.state.findById(attachment.inputs.vpcId)!;
            const router = emulator.ofType(TYPES.transitRouter).find((r) => r.outputs.transitRouterId === attachment.inputs.transitRouterId)!;
            assert.equal(router.region, vpc.region);
            assert.equal(new Set(attachment.inputs.zoneMappings.map((z: any) => z.zoneId)).size, 2);
            const routes = emulator.ofType(TYPES.vpcRoute).filter((r) => r.inputs.routeTableId === vpc.outputs.routeTableId);
            assert.equal(routes.length, 8, vpc.name);
            assert.ok(routes.every((r) => r.inputs.nexthopType === "Attachment" && r.inputs.nexthopId === attachment.outputs.transitRouterAttachmentId));
        }
        const spoke2 = emulator.ofType(TYPES.vpc).find((v) => v.name === "spoke-002-vpc")!;
        assert.deepEqual(
            emulator.ofType(TYPES.vpcRoute).filter((r) => r.inputs.routeTableId === spoke2.outputs.routeTableId).map((r) => r.inputs.destinationCidrblock),
            ["10.0.0.0/15", "10.3.0.0/16", "10.4.0.0/14", "10.8.0.0/13", "10.16.0.0/12", "10.32.0.0/11", "10.64.0.0/10", "10.128.0.0/9"],
        );
    });

    it("associates and propagates every attachment in its router's table, inter-region connections on both routers", () => {
        const tables = new Map(emulator.ofType(TYPES.trRouteTable).map((t) => [t.outputs.transitRouterRouteTableId, t.inputs.transitRouterId]));
        for (const type of [TYPES.trAssociation, TYPES.trPropagation]) {
            const wired = emulator.ofType(type);
            assert.equal(wired.length, 4 + 2 * 6);
            for (const attachment of [...emulator.ofType(TYPES.vpcAttachment), ...emulator.ofType(TYPES.peerAttachment)]) {
                const routers = wired.filter((w) => w.inputs.transitRouterAttachmentId === attachment.outputs.transitRouterAttachmentId).map((w) => tables.get(w.inputs.transitRouterRouteTableId));
                const expected = [attachment.inputs.transitRouterId, attachment.inputs.peerTransitRouterId].filter(Boolean);
                assert.deepEqual(routers.sort(), expected.sort(), attachment.name);
            }
        }
    });

    it("refuses what the CEN API refuses: a VPC of another region, a table of another router, a route to another VPC's attachment", async () => {
        const alicloud = await import("@pulumi/alicloud");
        const refused = await emulate(() => {
            const tokyo = new alicloud.Provider("tokyo", { region: "ap-northeast-1" });
            const shanghai = new alicloud.Provider("shanghai", { region: "cn-shanghai" });
            const cen = new alicloud.cen.Instance("cen", {}, { provider: tokyo });
            const trTokyo = new alicloud.cen.TransitRouter("tr-tokyo", { cenId: cen.id }, { provider: tokyo });
            const trShanghai = new alicloud.cen.TransitRouter("tr-shanghai", { cenId: cen.id }, { provider: shanghai });
            const tableShanghai = new alicloud.cen.TransitRouterRouteTable("table-shanghai", { transitRouterId: trShanghai.transitRouterId }, { provider: shanghai });
            const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.1.0.0/16" }, { provider: shanghai });
            const other = new alicloud.vpc.Network("other", { cidrBlock: "10.2.0.0/16" }, { provider: shanghai });
            const vsw = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "cn-shanghai-e", cidrBlock: "10.1.1.0/24" }, { provider: shanghai });
            new alicloud.cen.TransitRouterVpcAttachment("wrong-region", { transitRouterId: trTokyo.transitRouterId, vpcId: vpc.id, zoneMappings: [{ zoneId: "cn-shanghai-e", vswitchId: vsw.id }] }, { provider: tokyo });
            const good = new alicloud.cen.TransitRouterVpcAttachment("good", { transitRouterId: trShanghai.transitRouterId, vpcId: vpc.id, zoneMappings: [{ zoneId: "cn-shanghai-e", vswitchId: vsw.id }] }, { provider: shanghai });
            const tableTokyo = new alicloud.cen.TransitRouterRouteTable("table-tokyo", { transitRouterId: trTokyo.transitRouterId }, { provider: tokyo });
            new alicloud.cen.TransitRouterRouteTableAssociation("cross", { transitRouterAttachmentId: good.transitRouterAttachmentId, transitRouterRouteTableId: tableTokyo.transitRouterRouteTableId }, { provider: tokyo });
            new alicloud.cen.TransitRouterRouteTableAssociation("right", { transitRouterAttachmentId: good.transitRouterAttachmentId, transitRouterRouteTableId: tableShanghai.transitRouterRouteTableId }, { provider: shanghai });
            new alicloud.vpc.RouteEntry("elsewhere", { routeTableId: other.routeTableId, destinationCidrblock: "10.0.0.0/16", nexthopType: "Attachment", nexthopId: good.transitRouterAttachmentId }, { provider: shanghai });
            new alicloud.cen.TransitRouter("second-tokyo", { cenId: cen.id }, { provider: tokyo });
        });
        assert.deepEqual(refused.state.rejections.map((r) => `${r.name}: ${r.code}`).sort(), [
            "cross: InvalidParam.TransitRouterMismatch",
            "elsewhere: InvalidNextHop.NotFound",
            "second-tokyo: Forbidden.TransitRouterExist",
            // Sent to Tokyo's endpoint, the request cannot see a Shanghai VPC.
            "wrong-region: InvalidResourceId.NotFound",
        ]);
        assert.ok(refused.ofType(TYPES.trAssociation).some((a) => a.name === "right"));
    });

    it("takes sites whose blocks do not summarise into 10 selectors (no IPsec), and still checks the route table quota", () => {
        const scattered = syntheticHubAndSpoke(12);
        delete scattered.summaryCidrs;
        scattered.spokes.forEach((spoke, i) => {
            spoke.vpcCidr = `10.${2 * (i + 1)}.0.0/16`;
            spoke.vswitches.forEach((v, j) => (v.cidr = `10.${2 * (i + 1)}.${j + 1}.0/24`));
        });
        const path = "alicloud-vpn:hub-and-spoke";
        assert.ok(checkHubAndSpoke(hubAndSpokeArgs(scattered), path).findings.some((f) => f.code === "hubspoke.too-many-selectors"));
        assert.deepEqual(checkHubAndSpoke(hubAndSpokeArgs({ ...scattered, transport: "transit-router" }), path).findings, []);
        const withProfile = checkHubAndSpoke({ ...hubAndSpokeArgs({ ...scattered, transport: "transit-router" }), profile: { ike: { version: "ikev2" } } }, path);
        assert.deepEqual(
            withProfile.findings.map((f) => `${f.severity} ${f.code} ${f.field}`),
            ["warning hubspoke.ignored-for-transit-router alicloud-vpn:hub-and-spoke.profile"],
        );
        const tight = hubAndSpokeArgs({ ...scattered, transport: "transit-router", quotas: { vpcRouteEntriesPerTable: 11 } });
        // Every VPC routes the 12 other sites' blocks (nothing merges): one past the declared 11.
        assert.deepEqual(
            checkHubAndSpoke(tight, path).findings.map((f) => `${f.code} ${f.site} ${f.value}`),
            Array.from({ length: 13 }, (_, i) => `quota.exceeded ${i === 0 ? "tokyo" : `spoke-${String(i).padStart(3, "0")}`} 12`),
        );
    });
});

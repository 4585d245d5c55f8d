import * as assert from "node:assert/strict";
import { VpnSite, VpnSiteArgs, planSite } from "../../components/vpnSite";
import { TYPES } from "../../emulator";
import { emulate, refusal, valueOf } from "../helpers";
import { hubArgs } from "../fixtures/hubs";

const site = (overrides: Partial<VpnSiteArgs> = {}): VpnSiteArgs => ({
    ...hubArgs(),
    links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"] }],
    ...overrides,
});

describe("VpnSite: a gateway with all its links, planned and checked as a whole", () => {
    it("creates the hub and every link from one plan, the gateway's connections and routes one after another", async () => {
        let vpnSite!: VpnSite;
        const emulator = await emulate(() => {
            vpnSite = new VpnSite("hub", site({ links: [
                { name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"] },
                { name: "branch", peerPublicIp: "203.0.113.21", peerSubnets: ["192.168.60.0/24"], peerPlatforms: ["strongswan"] },
            ] }));
        });
        assert.deepEqual(emulator.state.rejections, []);
        assert.deepEqual(emulator.ofType("alicloud-vpn:index:VpnSite").map((r) => r.name), ["hub"]);
        const connections = emulator.ofType(TYPES.connection);
        assert.deepEqual(connections.map((c) => c.name), ["dc-connection", "branch-connection"]);
        // branch's connection waits for dc's last gateway route (the gateway's one queue).
        assert.ok(connections[1].dependencies.some((d) => d.endsWith("::dc-gw-route-192-168-50-0-24")), connections[1].dependencies.join("\n"));
        const ids = await valueOf(vpnSite.connectionIds);
        assert.deepEqual(ids, { dc: connections[0].id, branch: connections[1].id });
        const configs = await valueOf(vpnSite.peerConfigs);
        assert.deepEqual(Object.keys(configs.branch), ["strongswan"]);
        assert.deepEqual(await valueOf(vpnSite.gatewayIps), [emulator.ofType(TYPES.gateway)[0].outputs.internetIp, emulator.ofType(TYPES.gateway)[0].outputs.disasterRecoveryInternetIp]);
    });

    it("registers nothing at all, not even its component, when one link is bad (a 101-character key)", async () => {
        const { error, emulator } = await refusal(() => new VpnSite("hub", site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], psks: ["k".repeat(101)] }] })));
        assert.match(error.message, /error \[dc\] hub\.links\[0\]\.psks\[0\] = "\[secret\]": Alibaba Cloud rejects this pre-shared key/);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("runs seed 004's check on the documented path: a VPC route outside the selectors is refused with a covering fix", async () => {
        const { error, emulator } = await refusal(() =>
            new VpnSite("hub", site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], vpcRouteDestinations: ["192.168.50.0/24", "192.168.51.0/24"] }] })),
        );
        assert.match(error.message, /hub\.links\[0\]\.vpcRouteDestinations\[1\] = "192\.168\.51\.0\/24": the VPC routes 192\.168\.51\.0\/24 to the VPN gateway, but connection dc's remote subnets \(192\.168\.50\.0\/24\) do not cover it/);
        assert.equal(emulator.state.cloudResources().length, 0);
    });

    it("warns once about Docker's default bridge on the documented path, and still builds", async () => {
        const { findings } = planSite("hub", site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["172.17.0.0/16"] }] }));
        const docker = findings.filter((f) => f.code === "topology.docker-bridge");
        assert.equal(docker.length, 1);
        assert.equal(docker[0].severity, "warning");
        assert.equal(docker[0].field, "hub.links[0].peerSubnets[0]");
    });

    it("names keys as the user's own config writes them (keyPaths)", () => {
        const { findings } = planSite("hub", {
            ...site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], vpcRouteDestinations: ["10.99.0.0/24"], configPath: "cfg.office" }] }),
            keyPaths: { "cfg.office.vpcRouteDestinations[0]": "cfg.office.lan" },
        });
        const route = findings.find((f) => f.code === "route.outside-remote-subnets")!;
        assert.equal(route.field, "cfg.office.lan");
        assert.doesNotMatch(route.message + route.fix, /vpcRouteDestinations\[0\]/);
    });

    it("refuses two links with one name before anything exists", async () => {
        const { error } = await refusal(() => new VpnSite("hub", site({ links: [
            { name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"] },
            { name: "dc", peerPublicIp: "203.0.113.21", peerSubnets: ["192.168.60.0/24"] },
        ] })));
        assert.match(error.message, /error hub\.links\[1\]\.name = "dc": links\[0\] already has this name.* Fix: give hub\.links\[1\]\.name a name of its own, e.g\. dc-2\./);
    });

    it("alerts: a CloudMonitor event rule on the connection's negotiation and health-check failures, to the named contact group", async () => {
        const emulator = await emulate(() => new VpnSite("hub", site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], alerts: { contactGroup: "netops" } }] })));
        assert.deepEqual(emulator.state.rejections, []);
        const [rule] = emulator.ofType("alicloud:cms/eventRule:EventRule");
        const [connection] = emulator.ofType(TYPES.connection);
        assert.equal(rule.id, "hub-dc-ipsec");
        assert.deepEqual(rule.inputs.eventPattern.nameLists, ["IpsecPhase1NegoFailed", "IpsecPhase2NegoFailed", "IpsecHealthCheckFailed"]);
        assert.equal(rule.inputs.eventPattern.product, "VPN");
        assert.equal(rule.inputs.eventPattern.sqlFilter, connection.id);
        assert.deepEqual(rule.inputs.contactParameters, [{ contactParametersId: "1", contactGroupName: "netops", level: "3" }]);
        assert.equal(rule.inputs.silenceTime, 600);
    });

    it("alerts: refuses an empty contact group before anything exists", async () => {
        const { error, emulator } = await refusal(() => new VpnSite("hub", site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], alerts: { contactGroup: " " } }] })));
        assert.match(error.message, /error \[dc\] hub\.links\[0\]\.alerts\.contactGroup = " ": the alerts need the name of a CloudMonitor alert contact group/);
        assert.equal(emulator.state.cloudResources().length, 0);
    });
});

describe("VpnSite: health checks", () => {
    it("refuses a health check on a dual-tunnel link (the API takes none), instead of dropping it silently", async () => {
        const { error, emulator } = await refusal(() =>
            new VpnSite("hub", site({ links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], healthCheck: { sourceIp: "10.10.1.10", destinationIp: "192.168.50.1" } }] })),
        );
        assert.match(error.message, /error \[dc\] hub\.links\[0\]\.healthCheck = .*a dual-tunnel IPsec connection takes no health check.* Fix: remove hub\.links\[0\]\.healthCheck; for a notice when a tunnel fails set hub\.links\[0\]\.alerts/);
        assert.equal(emulator.state.cloudResources().length, 0);
    });

    it("sends it on a single-tunnel link", async () => {
        const emulator = await emulate(() =>
            // A region that still sells single-tunnel gateways (Hangzhou sells only dual-tunnel ones).
            new VpnSite("legacy", site({
                tunnelMode: "single",
                vswitches: [{ zoneId: "us-east-1a", cidr: "10.10.1.0/24" }],
                links: [{ name: "dc", peerPublicIp: "203.0.113.20", peerSubnets: ["192.168.50.0/24"], healthCheck: { sourceIp: "10.10.1.10", destinationIp: "192.168.50.1" } }],
            })),
            { config: { "alicloud:region": "us-east-1" } },
        );
        const [connection] = emulator.ofType(TYPES.connection);
        assert.deepEqual(connection.inputs.healthCheckConfig, { enable: true, sip: "10.10.1.10", dip: "192.168.50.1", interval: 3, retry: 3 });
    });
});

describe("VpnSite: billing", () => {
    it("warns that a Subscription gateway outlives `pulumi destroy`", () => {
        const { findings } = planSite("hub", site({ paymentType: "Subscription", period: 1 }));
        const warning = findings.find((f) => f.code === "hub.subscription-not-destroyed")!;
        assert.equal(warning.severity, "warning");
        assert.equal(warning.field, "hub.paymentType");
        assert.match(warning.message, /the provider never deletes a Subscription gateway/);
    });
});

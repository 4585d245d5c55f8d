// What Python, Go, .NET, Java and YAML callers get: the schema Pulumi's component analyzer infers from the
// TypeScript types (committed as tests/golden/schema.json and compared), and every component constructed through
// the provider's construct path, as `pulumi package add` runs it, on the emulator.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import * as YAML from "yaml";
import * as pkg from "../../index";
import { TYPES } from "../../emulator";
import { emulate } from "../helpers";

const ROOT = path.resolve(__dirname, "../..");
const GOLDEN = path.join(ROOT, "tests/golden/schema.json");
const components = Object.values(pkg).filter((v): v is any => typeof v === "function" && v.prototype instanceof pulumi.ComponentResource);
const provider = () => new ComponentProvider({ dirname: ROOT, name: "alicloud-vpn", components } as any);

/**
 * Constructs `type` through the provider with the inputs a YAML program would send (`inputs` may first declare other
 * resources in the same run); returns the emulator's record, the component's output state and any error.
 */
async function construct(type: string, name: string, inputs: Record<string, unknown> | (() => Promise<Record<string, unknown>>)) {
    const prov = provider();
    let error: Error | undefined;
    let state: Record<string, unknown> | undefined;
    const emulator = await emulate(async () => {
        try {
            const resolved = typeof inputs === "function" ? await inputs() : inputs;
            state = (await prov.construct(name, type, resolved as any, {})).state as Record<string, unknown>;
        } catch (err) {
            error = err as Error;
        }
    });
    return { emulator, error, state };
}

describe("the component package schema and construct path", function () {
    this.timeout(180000);
    let schema: any;

    before(async () => {
        schema = JSON.parse(await provider().getSchema());
    });

    it("matches the committed schema (UPDATE_GOLDEN=1 rewrites it)", () => {
        const text = JSON.stringify(schema, null, 2) + "\n";
        if (process.env.UPDATE_GOLDEN) {
            fs.writeFileSync(GOLDEN, text);
        }
        assert.equal(text, fs.readFileSync(GOLDEN, "utf8"));
    });

    it("lists every public component with typed inputs and outputs", () => {
        assert.deepEqual(Object.keys(schema.resources).sort(), [
            "alicloud-vpn:index:CloudLink",
            "alicloud-vpn:index:HubAndSpoke",
            "alicloud-vpn:index:OpenVpnMesh",
            "alicloud-vpn:index:SiteToSiteLink",
            "alicloud-vpn:index:VpnHub",
            "alicloud-vpn:index:VpnSite",
        ]);
        for (const [token, resource] of Object.entries<any>(schema.resources)) {
            assert.equal(resource.isComponent, true, token);
            assert.ok(Object.keys(resource.inputProperties).length > 0 && Object.keys(resource.properties).length > 0, token);
        }
        const site = schema.resources["alicloud-vpn:index:VpnSite"];
        assert.deepEqual(site.requiredInputs.sort(), ["bandwidth", "links", "vpcCidr", "vswitches"]);
        assert.deepEqual(site.inputProperties.links.items, { $ref: "#/types/alicloud-vpn:index:VpnSiteLinkArgs", plain: true });
        assert.deepEqual([site.properties.connectionIds.type, site.properties.connectionIds.additionalProperties], ["object", { type: "string" }]);
        // Choices are enums a Python or Go caller can name.
        assert.deepEqual(schema.types["alicloud-vpn:index:IkeVersion"].enum.map((e: any) => e.value), ["ikev1", "ikev2"]);
        assert.deepEqual(schema.types["alicloud-vpn:index:PeerPlatform"].enum.map((e: any) => e.value), ["strongswan", "libreswan", "h3c-comware", "h3c-er", "cisco-ios", "huawei-vrp"]);
        assert.deepEqual(schema.types["alicloud-vpn:index:TunnelMode"].enum.map((e: any) => e.value), ["dual", "single"]);
        assert.deepEqual(schema.types["alicloud-vpn:index:RouteStrategy"].enum.map((e: any) => e.value), ["per-site", "summary"]);
        assert.deepEqual(schema.types["alicloud-vpn:index:Transport"].enum.map((e: any) => e.value), ["vpn-gateway", "transit-router"]);
        const hubAndSpoke = schema.resources["alicloud-vpn:index:HubAndSpoke"].inputProperties;
        assert.deepEqual(Object.keys(schema.types["alicloud-vpn:index:QuotaLimits"].properties).sort(), [
            "ipsecConnectionsPerGateway",
            "vpcRouteEntriesPerTable",
            "vpnRouteEntriesPerGateway",
        ]);
        assert.deepEqual([hubAndSpoke.summaryCidrs.type, hubAndSpoke.summaryCidrs.items], ["array", { type: "string", plain: true }]);
    });

    it("constructs the YAML example's VpnSite through the provider and registers its resources", async () => {
        const program = YAML.parse(fs.readFileSync(path.join(ROOT, "examples/yaml/Pulumi.yaml"), "utf8"));
        const { type, properties } = program.resources.site;
        const { emulator, error, state } = await construct(type, "site", properties);
        assert.equal(error, undefined);
        assert.deepEqual(emulator.state.rejections, []);
        const [connection] = emulator.ofType(TYPES.connection);
        assert.deepEqual(connection.inputs.remoteSubnets, ["192.168.10.0/24", "192.168.11.0/24"]);
        assert.equal(emulator.ofType(TYPES.vpcRoute).length, 2);
        assert.deepEqual(Object.keys(state!).sort(), Object.keys(schema.resources["alicloud-vpn:index:VpnSite"].properties).sort());
    });

    it("reports a bad link to a YAML caller in the same words, and registers nothing", async () => {
        const program = YAML.parse(fs.readFileSync(path.join(ROOT, "examples/yaml/Pulumi.yaml"), "utf8"));
        const properties = { ...program.resources.site.properties };
        properties.links = [{ ...properties.links[0], peerSubnets: ["192.168.10.1/24"] }];
        const { emulator, error } = await construct("alicloud-vpn:index:VpnSite", "site", properties);
        assert.match(error?.message ?? "", /error \[office\] site\.links\[0\]\.peerSubnets\[0\] = "192\.168\.10\.1\/24": the address has host bits set beyond the prefix.* Fix: write 192\.168\.10\.0\/24 instead of 192\.168\.10\.1\/24\./);
        assert.deepEqual(emulator.state.resources.filter((r) => r.type !== "pulumi:pulumi:Stack"), []);
    });

    it("constructs VpnHub, then a SiteToSiteLink given the hub's outputs (another language's way)", async () => {
        const link = await construct("alicloud-vpn:index:SiteToSiteLink", "dc", async () => {
            const hub = await provider().construct("hub", "alicloud-vpn:index:VpnHub", {
                vpcCidr: "10.10.0.0/16",
                vswitches: [
                    { zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" },
                    { zoneId: "cn-hangzhou-i", cidr: "10.10.2.0/24" },
                ],
                bandwidth: 10,
            } as any, {});
            const out = hub.state as Record<string, pulumi.Output<string>>;
            return {
                gateway: { name: "hub", vpcCidr: "10.10.0.0/16", vpnGatewayId: out.vpnGatewayId, routeTableId: out.routeTableId, internetIp: out.internetIp, disasterRecoveryInternetIp: out.disasterRecoveryInternetIp },
                peerPublicIp: "203.0.113.20",
                peerSubnets: ["192.168.50.0/24"],
            };
        });
        assert.equal(link.error, undefined);
        assert.deepEqual(link.emulator.state.rejections, []);
        const [gateway] = link.emulator.ofType(TYPES.gateway);
        const [connection] = link.emulator.ofType(TYPES.connection);
        assert.equal(connection.inputs.vpnGatewayId, gateway.id);
        assert.deepEqual(connection.inputs.tunnelOptionsSpecifications.map((t: any) => t.role), ["master", "slave"]);
    });

    it("constructs HubAndSpoke and OpenVpnMesh through the provider", async () => {
        const site = (name: string, region: string, octet: number, zones: string[]) => ({
            name,
            region,
            vpcCidr: `10.${octet}.0.0/16`,
            vswitches: zones.map((zoneId, i) => ({ zoneId, cidr: `10.${octet}.${i + 1}.0/24` })),
            bandwidth: 10,
        });
        const hs = await construct("alicloud-vpn:index:HubAndSpoke", "tokyo", {
            hub: site("tokyo", "ap-northeast-1", 10, ["ap-northeast-1a", "ap-northeast-1b"]),
            spokes: [site("shanghai", "cn-shanghai", 20, ["cn-shanghai-e", "cn-shanghai-f"])],
        });
        assert.equal(hs.error, undefined);
        assert.deepEqual(hs.emulator.ofType(TYPES.gateway).map((g) => g.region).sort(), ["ap-northeast-1", "cn-shanghai"]);
        const mesh = await construct("alicloud-vpn:index:OpenVpnMesh", "mesh", async () => {
            const alicloud = await import("@pulumi/alicloud");
            const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "172.31.0.0/16" });
            const vswitch = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "cn-hangzhou-i", cidrBlock: "172.31.16.0/20" });
            return {
                vpcCidr: "172.31.0.0/16",
                vpcId: vpc.id,
                vswitchId: vswitch.id,
                routeTableId: vpc.routeTableId,
                imageId: "debian_12_11_x64_20G_alibase_20250825.vhd",
                instanceType: "ecs.e-c1m2.large",
                clients: [{ name: "huawei-es", publicIp: "203.0.113.21", lans: ["192.168.0.0/24"] }],
            };
        });
        assert.equal(mesh.error, undefined);
        assert.deepEqual(mesh.emulator.state.rejections, []);
        assert.equal(mesh.emulator.ofType("alicloud:ecs/instance:Instance").length, 1);
    });

    it("constructs CloudLink to AWS through the provider (seed 001 from YAML): both clouds' resources", async () => {
        assert.deepEqual(schema.resources["alicloud-vpn:index:CloudLink"].requiredInputs, ["alibaba"]);
        const link = await construct("alicloud-vpn:index:CloudLink", "bj-sg", {
            alibaba: {
                region: "cn-beijing",
                vpcCidr: "172.16.0.0/16",
                vswitches: [{ zoneId: "cn-beijing-h", cidr: "172.16.1.0/24" }, { zoneId: "cn-beijing-i", cidr: "172.16.2.0/24" }],
                bandwidth: 10,
            },
            aws: { region: "ap-southeast-1", vpcId: "vpc-0a1b2c3d4e5f67890", vpcCidrs: ["10.100.0.0/16"] },
        });
        assert.equal(link.error, undefined);
        assert.deepEqual(link.emulator.state.rejections, []);
        assert.equal(link.emulator.ofType("aws:ec2/vpnConnection:VpnConnection").length, 2);
        assert.equal(link.emulator.ofType(TYPES.connection).length, 2);
        assert.equal(link.emulator.ofType(TYPES.gateway)[0].region, "cn-beijing");
    });

    it("constructs CloudLink to Azure and to Google Cloud through the provider: their blocks are typed inputs, BGP on both ends", async () => {
        const inputs = schema.resources["alicloud-vpn:index:CloudLink"].inputProperties;
        assert.deepEqual([inputs.azure.$ref, inputs.gcp.$ref], ["#/types/alicloud-vpn:index:CloudLinkAzureArgs", "#/types/alicloud-vpn:index:CloudLinkGcpArgs"]);
        assert.deepEqual(schema.types["alicloud-vpn:index:CloudLinkGcpArgs"].required.sort(), ["network", "region", "vpcCidrs"]);
        const alibaba = (region: string, zones: string[]) => ({
            region,
            vpcCidr: "172.30.0.0/16",
            vswitches: zones.map((zoneId, i) => ({ zoneId, cidr: `172.30.${i + 1}.0/24` })),
            bandwidth: 10,
        });
        const azure = await construct("alicloud-vpn:index:CloudLink", "sg-az", {
            alibaba: alibaba("ap-southeast-1", ["ap-southeast-1a", "ap-southeast-1b"]),
            azure: {
                location: "southeastasia",
                resourceGroupName: "rg-net",
                gatewaySubnetId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/GatewaySubnet",
                vnetCidrs: ["10.60.0.0/16"],
            },
        });
        assert.equal(azure.error, undefined);
        assert.deepEqual(azure.emulator.state.rejections, []);
        assert.equal(azure.emulator.ofType("azure-native:network:VirtualNetworkGatewayConnection").length, 2);
        const [azureConnection] = azure.emulator.ofType(TYPES.connection);
        assert.equal(azureConnection.inputs.enableTunnelsBgp, true);
        const gcp = await construct("alicloud-vpn:index:CloudLink", "hk-gcp", {
            alibaba: alibaba("cn-hongkong", ["cn-hongkong-b", "cn-hongkong-c"]),
            gcp: { region: "asia-east2", network: "vpc-hk", vpcCidrs: ["10.70.0.0/20"] },
        });
        assert.equal(gcp.error, undefined);
        assert.deepEqual(gcp.emulator.state.rejections, []);
        assert.equal(gcp.emulator.ofType("gcp:compute/routerPeer:RouterPeer").length, 2);
    });
});

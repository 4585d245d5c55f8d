// The Alibaba/Azure end of a cloud link: the planner's defaults and checks, CloudLink on the emulator (every Azure
// resource's recorded inputs, the Alibaba BGP connection wired to the Azure gateway), refusals before anything is
// registered, and the Azure emulator's own refusals on raw resources.
import * as assert from "node:assert/strict";
import { CloudLink, CloudLinkArgs } from "../../components/cloudLink";
import { AZURE_TYPES, TYPES } from "../../emulator";
import { azureReservedAsn } from "../../model/clouds/azure";
import { planAzureCloudLink } from "../../model/clouds/azureLink";
import { AZURE, checkCloudIntersection, cloudDefaultProfile } from "../../model/clouds/intersection";
import { TopologyError, formatFinding } from "../../model/findings";
import { emulate, valueOf } from "../helpers";

const SUB = "00000000-0000-0000-0000-000000000000";
const SUBNET = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-sea/subnets/GatewaySubnet`;

function linkArgs(overrides: Partial<CloudLinkArgs> = {}): CloudLinkArgs {
    return {
        alibaba: {
            region: "ap-southeast-1",
            vpcCidr: "172.20.0.0/16",
            vswitches: [
                { zoneId: "ap-southeast-1a", cidr: "172.20.1.0/24" },
                { zoneId: "ap-southeast-1b", cidr: "172.20.2.0/24" },
            ],
            bandwidth: 10,
        },
        azure: { location: "southeastasia", resourceGroupName: "rg-net", gatewaySubnetId: SUBNET, vnetCidrs: ["10.60.0.0/16"] },
        ...overrides,
    };
}

function withAzure(azure: Partial<NonNullable<CloudLinkArgs["azure"]>>, rest: Partial<CloudLinkArgs> = {}): CloudLinkArgs {
    return linkArgs({ azure: { ...linkArgs().azure!, ...azure }, ...rest });
}

/** The planner's error lines for these args. */
function errorLines(args: CloudLinkArgs): string[] {
    return planAzureCloudLink("sg-az", { ...args, azure: args.azure! })
        .findings.filter((f) => f.severity === "error")
        .map(formatFinding);
}

/** Runs a CloudLink that must be refused; returns the error lines and what the emulator recorded. */
async function refused(args: CloudLinkArgs): Promise<{ lines: string[]; recorded: number }> {
    let error: unknown;
    const emulator = await emulate(() => {
        try {
            new CloudLink("sg-az", args);
        } catch (err) {
            error = err;
        }
    });
    assert.ok(error instanceof TopologyError, `expected a TopologyError, got ${String(error)}`);
    const recorded = emulator.state.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    return { lines: (error as TopologyError).findings.filter((f) => f.severity === "error").map(formatFinding), recorded };
}


/** The one ipsecPolicies entry of the default profile, in Azure's names (IKEv2 aes256/sha256/group14, PFS2048, 3600 s). */
const DEFAULT_POLICY = {
    ikeEncryption: "AES256",
    ikeIntegrity: "SHA256",
    dhGroup: "DHGroup14",
    ipsecEncryption: "AES256",
    ipsecIntegrity: "SHA256",
    pfsGroup: "PFS2048",
    saLifeTimeSeconds: 3600,
    saDataSizeKilobytes: 102400000,
};
describe("Alibaba <-> Azure plan", () => {
    it("defaults: the strongest common profile as one ipsecPolicies entry, VpnGw1AZ, AS 65515, the first two APIPA /30s", () => {
        const { plan, findings } = planAzureCloudLink("sg-az", { alibaba: linkArgs().alibaba, azure: linkArgs().azure! });
        assert.deepEqual(findings, []);
        assert.deepEqual(plan!.profile.ike, cloudDefaultProfile(AZURE).ike);
        assert.equal(plan!.profile.ike.lifetimeSeconds, 28800);
        assert.deepEqual(checkCloudIntersection(AZURE, plan!.profile, "p"), []);
        assert.deepEqual(plan!.ipsecPolicy, DEFAULT_POLICY);
        assert.equal(plan!.connectionProtocol, "IKEv2");
        assert.equal(plan!.sku, "VpnGw1AZ");
        assert.equal(plan!.asn, 65515);
        assert.equal(plan!.alibabaAsn, 45104);
        assert.equal(
            plan!.ipConfigurationId,
            `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/sg-az-vgw/ipConfigurations/default`,
        );
        assert.deepEqual(plan!.bgpTunnels, [
            { role: "master", tunnelCidr: "169.254.21.0/30", azureBgpIp: "169.254.21.1", alibabaBgpIp: "169.254.21.2" },
            { role: "slave", tunnelCidr: "169.254.21.4/30", azureBgpIp: "169.254.21.5", alibabaBgpIp: "169.254.21.6" },
        ]);
        // The Alibaba end: one route-based BGP connection, both tunnels on one customer gateway.
        const [link] = plan!.site.links;
        assert.equal(plan!.site.links.length, 1);
        assert.deepEqual(link.tunnelCustomerGateway, [0, 0]);
        assert.deepEqual(link.selectors, { alibaba: ["0.0.0.0/0"], peer: ["0.0.0.0/0"] });
        assert.equal(link.bgp!.peerAsn, 65515);
        assert.deepEqual(
            link.bgp!.tunnels.map((t) => `${t.role} ${t.tunnelCidr} ${t.localBgpIp}<->${t.peerBgpIp}`),
            ["master 169.254.21.0/30 169.254.21.2<->169.254.21.1", "slave 169.254.21.4/30 169.254.21.6<->169.254.21.5"],
        );
        assert.deepEqual(link.bgp!.peerAnnounces, ["10.60.0.0/16"]);
    });

    it("IKEv1 profiles become connectionProtocol IKEv1; one key becomes both tunnels' key", () => {
        const { plan } = planAzureCloudLink("sg-az", {
            alibaba: linkArgs().alibaba,
            azure: linkArgs().azure!,
            profile: { ike: { version: "ikev1" } },
            psks: ["Kq8vLr2nWx5tZp7mHc3jFd9s"],
        });
        assert.equal(plan!.connectionProtocol, "IKEv1");
        assert.deepEqual(plan!.psks, ["Kq8vLr2nWx5tZp7mHc3jFd9s", "Kq8vLr2nWx5tZp7mHc3jFd9s"]);
    });

    it("Azure's reserved ASNs: its own (65515 allowed on the Azure side only) and IANA's", () => {
        assert.equal(azureReservedAsn(65515, "azure"), undefined);
        assert.match(azureReservedAsn(65515, "peer")!, /^Azure reserves 65515/);
        assert.match(azureReservedAsn(12076, "azure")!, /^Azure reserves 12076/);
        assert.match(azureReservedAsn(65518, "azure")!, /^Azure reserves 65518/);
        assert.match(azureReservedAsn(23456, "azure")!, /^23456 is reserved by IANA/);
        assert.match(azureReservedAsn(64500, "azure")!, /reserved by IANA/);
        assert.equal(azureReservedAsn(45104, "peer"), undefined, "Alibaba's ASN is accepted on a local network gateway");
        assert.equal(azureReservedAsn(65010, "azure"), undefined);
    });

    describe("each bad input refused with the user's key, the value and a fix", () => {
        it("an Alibaba region id as the location: the same-city Azure region is suggested", () => {
            assert.deepEqual(errorLines(withAzure({ location: "ap-southeast-1" })), [
                'error [sg-az] sg-az.azure.location = "ap-southeast-1": Azure has no public region of this name (https://learn.microsoft.com/en-us/azure/reliability/regions-list); ' +
                    "it looks like an Alibaba Cloud region id. Fix: set sg-az.azure.location to southeastasia, the Azure region in the same city, or another Azure location name.",
            ]);
            assert.match(errorLines(withAzure({ location: "Southeast Asia" }))[0], /Fix: set sg-az\.azure\.location to an Azure location name, e\.g\. southeastasia/);
        });

        it("a resource group name Azure refuses", () => {
            const [line, ...rest] = errorLines(withAzure({ resourceGroupName: "rg/network." }));
            assert.equal(rest.length, 0);
            assert.match(line, /^error \[sg-az\] sg-az\.azure\.resourceGroupName = "rg\/network\.": not an Azure resource group name: 1-90 letters/);
            assert.equal(errorLines(withAzure({ resourceGroupName: "x".repeat(91) })).length, 1);
            assert.deepEqual(errorLines(withAzure({ resourceGroupName: "rg_(net).prod-1" })), []);
        });

        it("a gateway subnet that is not named GatewaySubnet, or not a subnet id", () => {
            const [line] = errorLines(withAzure({ gatewaySubnetId: SUBNET.replace("GatewaySubnet", "default") }));
            assert.match(line, /sg-az\.azure\.gatewaySubnetId = ".*\/subnets\/default": the subnet is named default; a VPN gateway goes in the virtual network's subnet named exactly GatewaySubnet/);
            assert.match(line, /Fix: create a subnet named GatewaySubnet \(a \/27 or larger\) in vnet-sea/);
            assert.match(errorLines(withAzure({ gatewaySubnetId: "vnet-sea/GatewaySubnet" }))[0], /: not a subnet resource id/);
        });

        it("VNet blocks: bad syntax, and an overlap with the Alibaba VPC", () => {
            assert.match(errorLines(withAzure({ vnetCidrs: ["10.60.0.0/33"] }))[0], /^error \[sg-az\] sg-az\.azure\.vnetCidrs\[0\] = "10\.60\.0\.0\/33": not an IPv4 CIDR block/);
            const [overlap, ...rest] = errorLines(withAzure({ vnetCidrs: ["10.60.0.0/16", "172.20.128.0/17"] }));
            assert.equal(rest.length, 0);
            assert.match(overlap, /sg-az\.azure\.vnetCidrs\[1\] = "172\.20\.128\.0\/17": 172\.20\.128\.0\/17 overlaps the Alibaba side's 172\.20\.0\.0\/16/);
        });

        it("the Basic SKU (no BGP, no custom policy) and an unknown SKU", () => {
            const [basic] = errorLines(withAzure({ sku: "Basic" }));
            assert.equal(
                basic,
                'error [sg-az] sg-az.azure.sku = "Basic": the Basic SKU supports neither BGP nor custom IPsec/IKE policies (https://learn.microsoft.com/en-us/azure/vpn-gateway/about-gateway-skus). ' +
                    "Allowed: VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ, VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ. " +
                    "Fix: set sg-az.azure.sku to VpnGw1AZ (zone-redundant, the default) or another of VpnGw1, VpnGw2, VpnGw3, VpnGw4, VpnGw5, VpnGw1AZ, VpnGw2AZ, VpnGw3AZ, VpnGw4AZ, VpnGw5AZ.",
            );
            assert.match(errorLines(withAzure({ sku: "VpnGw9" }))[0], /"VpnGw9": not a VPN gateway SKU/);
            assert.deepEqual(errorLines(withAzure({ sku: "VpnGw2" })), []);
        });

        it("a reserved ASN, and Alibaba's own ASN, on the Azure side", () => {
            assert.deepEqual(errorLines(withAzure({ asn: 65517 })), [
                "error [sg-az] sg-az.azure.asn = 65517: Azure reserves 65517 (8074, 8075, 12076, 65515 and 65517-65520 are Azure's own, https://learn.microsoft.com/en-us/azure/vpn-gateway/vpn-gateway-vpn-faq#bgp). " +
                    "Fix: set sg-az.azure.asn to 65515 (Azure's default) or a private ASN such as 65010.",
            ]);
            assert.match(errorLines(withAzure({ asn: 23456 }))[0], /sg-az\.azure\.asn = 23456: 23456 is reserved by IANA and Azure refuses it/);
            assert.match(errorLines(withAzure({ asn: 45104 }))[0], /sg-az\.azure\.asn = 45104: 45104 is Alibaba's ASN/);
            assert.deepEqual(errorLines(withAzure({ asn: 65010 })), []);
        });

        it("BGP /30s outside Azure's APIPA range, overlapping each other, not /30, or not two", () => {
            const [outside, ...rest] = errorLines(withAzure({ bgpTunnelCidrs: ["169.254.10.0/30", "169.254.21.4/30"] }));
            assert.equal(rest.length, 0);
            assert.equal(
                outside,
                'error [sg-az] sg-az.azure.bgpTunnelCidrs[0] = "169.254.10.0/30": Azure\'s custom BGP addresses for VPN gateways must lie in the APIPA range 169.254.21.0-169.254.22.255 ' +
                    "(https://learn.microsoft.com/en-us/azure/vpn-gateway/bgp-howto). Allowed: a /30 inside 169.254.21.0-169.254.22.255. " +
                    "Fix: choose a /30 inside 169.254.21.0-169.254.22.255 for sg-az.azure.bgpTunnelCidrs[0], e.g. 169.254.21.0/30.",
            );
            assert.match(
                errorLines(withAzure({ bgpTunnelCidrs: ["169.254.22.0/30", "169.254.22.0/30"] }))[0],
                /sg-az\.azure\.bgpTunnelCidrs\[1\] = "169\.254\.22\.0\/30": sg-az\.azure\.bgpTunnelCidrs\[0\] already uses it; each tunnel needs its own \/30/,
            );
            assert.match(errorLines(withAzure({ bgpTunnelCidrs: ["169.254.21.0/29", "169.254.22.0/30"] }))[0], /bgpTunnelCidrs\[0\] = "169\.254\.21\.0\/29": a tunnel's BGP block is a \/30/);
            assert.match(errorLines(withAzure({ bgpTunnelCidrs: ["169.254.21.0/30"] }))[0], /sg-az\.azure\.bgpTunnelCidrs = \["169\.254\.21\.0\/30"\]: two \/30s are needed/);
            assert.deepEqual(errorLines(withAzure({ bgpTunnelCidrs: ["169.254.22.248/30", "169.254.22.252/30"] })), []);
        });

        it("a shared key Azure refuses (too long, a space) and one only Alibaba refuses, value never shown", () => {
            const [long] = errorLines(linkArgs({ psks: ["a".repeat(129)] }));
            assert.equal(
                long,
                'error [sg-az] sg-az.psks[0] = "[secret]": Azure takes shared keys of at most 128 characters (this one has 129; https://learn.microsoft.com/en-us/rest/api/network-gateway/virtual-network-gateway-connections/set-shared-key). ' +
                    "Allowed: 1-128 printable ASCII characters without spaces. Fix: set sg-az.psks[0] to 16-100 letters and digits, or leave sg-az.psks out for random keys.",
            );
            assert.match(errorLines(linkArgs({ psks: ["Kq8vLr2n Wx5tZp7m"] }))[0], /sg-az\.psks\[0\] = "\[secret\]": Azure takes a shared key of printable ASCII characters/);
            // 101-128 characters: Azure takes it, Alibaba (1-100) does not.
            assert.match(errorLines(linkArgs({ psks: ["b".repeat(110)] }))[0], /sg-az\.psks\[0\] = "\[secret\]": Alibaba Cloud rejects this pre-shared key/);
            assert.match(errorLines(linkArgs({ psks: ["a", "b", "c"] }))[0], /sg-az\.psks = "3 keys": give one key for both tunnels or one per tunnel/);
        });

        it("a profile outside the intersection (an IKE lifetime other than 28800 s, sha512 in phase 2)", () => {
            const lines = errorLines(linkArgs({ profile: { ike: { lifetimeSeconds: 86400 }, ipsec: { integrity: "sha512" } } }));
            assert.deepEqual(
                lines.map((l) => l.split(":")[0]),
                ['error [sg-az] sg-az.profile.ipsec.integrity = "sha512"', "error [sg-az] sg-az.profile.ike.lifetimeSeconds = 86400"],
            );
        });
    });

    describe("CloudLink refuses bad input before anything is registered", () => {
        for (const [what, args] of [
            ["location", withAzure({ location: "cn-hongkong" })],
            ["asn", withAzure({ asn: 8075 })],
            ["bgp /30", withAzure({ bgpTunnelCidrs: ["169.254.21.0/30", "169.254.23.0/30"] })],
            ["psk", linkArgs({ psks: ["c".repeat(130)] })],
            ["sku", withAzure({ sku: "Basic" })],
        ] as Array<[string, CloudLinkArgs]>) {
            it(`bad ${what}: TopologyError, 0 resources`, async () => {
                const { lines, recorded } = await refused(args);
                assert.equal(recorded, 0);
                assert.equal(lines.length, 1);
                assert.match(lines[0], /^error \[sg-az\] sg-az\.(azure|psks)/);
            });
        }
    });
});

describe("CloudLink to Azure on the emulator", () => {
    it("records every Azure resource's inputs; the Alibaba BGP connection's tunnels end on the Azure address with the same keys", async () => {
        let link!: CloudLink;
        const emulator = await emulate(() => {
            link = new CloudLink("sg-az", linkArgs({ psks: ["Kq8vLr2nWx5tZp7mHc3jFd9s", "Zt4pQm8wRx2nLk6vHb9cJf3s"] }));
        });
        assert.deepEqual(emulator.state.rejections, []);
        const arm = (type: string, name: string) => `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/${type}/${name}`;

        const [pip] = emulator.ofType(AZURE_TYPES.publicIpAddress);
        assert.equal(pip.id, arm("publicIPAddresses", "sg-az-vgw-ip"));
        assert.deepEqual([pip.inputs.sku, pip.inputs.publicIPAllocationMethod, pip.inputs.location], [{ name: "Standard", tier: "Regional" }, "Static", "southeastasia"]);
        assert.equal(pip.outputs.ipAddress, "203.0.113.1");

        const [vgw] = emulator.ofType(AZURE_TYPES.virtualNetworkGateway);
        assert.equal(vgw.id, arm("virtualNetworkGateways", "sg-az-vgw"));
        assert.deepEqual(
            [vgw.inputs.gatewayType, vgw.inputs.vpnType, vgw.inputs.activeActive, vgw.inputs.enableBgp, vgw.inputs.sku],
            ["Vpn", "RouteBased", false, true, { name: "VpnGw1AZ", tier: "VpnGw1AZ" }],
        );
        assert.deepEqual(vgw.inputs.bgpSettings, {
            asn: 65515,
            bgpPeeringAddresses: [{ ipconfigurationId: `${vgw.id}/ipConfigurations/default`, customBgpIpAddresses: ["169.254.21.1", "169.254.21.5"] }],
        });
        assert.equal(vgw.inputs.ipConfigurations[0].subnet.id, SUBNET);
        assert.equal(vgw.inputs.ipConfigurations[0].publicIPAddress.id, pip.id);
        assert.deepEqual(vgw.outputs.bgpSettings.bgpPeeringAddresses[0].tunnelIpAddresses, ["203.0.113.1"]);

        const [gateway] = emulator.ofType(TYPES.gateway);
        const lngs = emulator.ofType(AZURE_TYPES.localNetworkGateway);
        const lngFor = (ip: string) => lngs.find((l) => l.inputs.gatewayIpAddress === ip)!;
        const master = lngFor(gateway.outputs.internetIp);
        const slave = lngFor(gateway.outputs.disasterRecoveryInternetIp);
        assert.ok(master && slave && master !== slave);
        assert.equal(master.id, arm("localNetworkGateways", "sg-az-alibaba-master"));
        assert.deepEqual(master.inputs.bgpSettings, { asn: 45104, bgpPeeringAddress: "169.254.21.2" });
        assert.deepEqual(slave.inputs.bgpSettings, { asn: 45104, bgpPeeringAddress: "169.254.21.6" });
        assert.deepEqual(master.inputs.localNetworkAddressSpace, { addressPrefixes: ["169.254.21.2/32"] });
        assert.deepEqual(slave.inputs.localNetworkAddressSpace, { addressPrefixes: ["169.254.21.6/32"] });

        const conns = emulator.ofType(AZURE_TYPES.connection);
        assert.equal(conns.length, 2);
        const connFor = (lng: { id: string }) => conns.find((c) => c.inputs.localNetworkGateway2.id === lng.id)!;
        const [cm, cs] = [connFor(master), connFor(slave)];
        for (const c of [cm, cs]) {
            assert.equal(c.inputs.virtualNetworkGateway1.id, vgw.id);
            assert.deepEqual(
                [c.inputs.connectionType, c.inputs.connectionProtocol, c.inputs.enableBgp, c.inputs.usePolicyBasedTrafficSelectors],
                ["IPsec", "IKEv2", true, false],
            );
            assert.deepEqual(c.inputs.ipsecPolicies, [DEFAULT_POLICY]);
            assert.ok(c.secretInputPaths.includes("sharedKey"));
        }
        assert.deepEqual(cm.inputs.gatewayCustomBgpIpAddresses, [{ ipConfigurationId: `${vgw.id}/ipConfigurations/default`, customBgpIpAddress: "169.254.21.1" }]);
        assert.deepEqual(cs.inputs.gatewayCustomBgpIpAddresses, [{ ipConfigurationId: `${vgw.id}/ipConfigurations/default`, customBgpIpAddress: "169.254.21.5" }]);
        assert.equal(cm.inputs.sharedKey, "Kq8vLr2nWx5tZp7mHc3jFd9s");
        assert.equal(cs.inputs.sharedKey, "Zt4pQm8wRx2nLk6vHb9cJf3s");

        // The Alibaba end: one customer gateway at the Azure address with Azure's ASN, one BGP connection, both tunnels to it.
        const cgws = emulator.ofType(TYPES.customerGateway);
        assert.equal(cgws.length, 1);
        assert.deepEqual([cgws[0].inputs.ipAddress, cgws[0].inputs.asn], ["203.0.113.1", "65515"]);
        const [conn] = emulator.ofType(TYPES.connection);
        assert.equal(emulator.ofType(TYPES.connection).length, 1);
        assert.equal(conn.inputs.enableTunnelsBgp, true);
        assert.deepEqual([conn.inputs.localSubnets, conn.inputs.remoteSubnets], [["0.0.0.0/0"], ["0.0.0.0/0"]]);
        const tunnels = conn.inputs.tunnelOptionsSpecifications as any[];
        assert.deepEqual(
            tunnels.map((t) => [t.role, t.customerGatewayId, t.tunnelIkeConfig.psk, t.tunnelBgpConfig.tunnelCidr, t.tunnelBgpConfig.localBgpIp, t.tunnelBgpConfig.localAsn]),
            [
                ["master", cgws[0].id, "Kq8vLr2nWx5tZp7mHc3jFd9s", "169.254.21.0/30", "169.254.21.2", "45104"],
                ["slave", cgws[0].id, "Zt4pQm8wRx2nLk6vHb9cJf3s", "169.254.21.4/30", "169.254.21.6", "45104"],
            ],
        );
        assert.deepEqual(
            tunnels.map((t) => [t.tunnelIkeConfig.ikeVersion, t.tunnelIkeConfig.ikeEncAlg, t.tunnelIkeConfig.ikeLifetime, t.tunnelIpsecConfig.ipsecAuthAlg, t.tunnelIpsecConfig.ipsecPfs]),
            [
                ["ikev2", "aes256", 28800, "sha256", "group14"],
                ["ikev2", "aes256", 28800, "sha256", "group14"],
            ],
        );
        // BGP: no static routes; the gateway propagates what it learns.
        assert.equal(emulator.ofType(TYPES.vpnRoute).length, 0);
        assert.equal(gateway.inputs.autoPropagate, true);

        assert.equal(await valueOf(link.peerCloud), "azure");
        assert.deepEqual(await valueOf(link.peerTunnelAddresses), ["203.0.113.1"]);
        assert.equal(await valueOf(link.peerGatewayId), vgw.id);
        assert.deepEqual(await valueOf(link.peerConnectionIds), [cm.id, cs.id]);
    });
});

describe("the Azure emulator's own refusals (raw resources)", () => {
    it("refuses what Azure documents: Basic with BGP, custom BGP outside APIPA, a subnet not named GatewaySubnet, two ipsecPolicies, a QM lifetime under 300 s, bad enums", async () => {
        const network = await import("@pulumi/azure-native/network");
        const rg = { resourceGroupName: "rg-net", location: "southeastasia" };
        const gwId = (name: string) => `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/${name}/ipConfigurations/default`;
        const policy = {
            ikeEncryption: "AES256",
            ikeIntegrity: "SHA256",
            dhGroup: "DHGroup14",
            ipsecEncryption: "AES256",
            ipsecIntegrity: "SHA256",
            pfsGroup: "PFS2048",
            saLifeTimeSeconds: 3600,
            saDataSizeKilobytes: 102400000,
        };
        const emulator = await emulate(() => {
            const pip = new network.PublicIPAddress("pip", { ...rg, sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
            const gateway = (name: string, extra: Record<string, unknown>) =>
                new network.VirtualNetworkGateway(name, {
                    ...rg,
                    virtualNetworkGatewayName: name,
                    gatewayType: "Vpn",
                    vpnType: "RouteBased",
                    sku: { name: "VpnGw1", tier: "VpnGw1" },
                    ipConfigurations: [{ name: "default", subnet: { id: SUBNET }, publicIPAddress: { id: pip.id } }],
                    ...extra,
                });
            gateway("basic-bgp", { sku: { name: "Basic", tier: "Basic" }, enableBgp: true });
            gateway("outside-apipa", { enableBgp: true, bgpSettings: { asn: 65515, bgpPeeringAddresses: [{ ipconfigurationId: gwId("outside-apipa"), customBgpIpAddresses: ["169.254.20.1"] }] } });
            gateway("wrong-subnet", { ipConfigurations: [{ name: "default", subnet: { id: SUBNET.replace("GatewaySubnet", "apps") }, publicIPAddress: { id: pip.id } }] });
            gateway("reserved-asn", { enableBgp: true, bgpSettings: { asn: 12076 } });
            const good = gateway("good", { enableBgp: true, bgpSettings: { asn: 65515, bgpPeeringAddresses: [{ ipconfigurationId: gwId("good"), customBgpIpAddresses: ["169.254.21.1"] }] } });
            const lng = new network.LocalNetworkGateway("lng", { ...rg, gatewayIpAddress: "198.51.100.1", bgpSettings: { asn: 45104, bgpPeeringAddress: "169.254.21.2" } });
            new network.LocalNetworkGateway("lng-azure-asn", { ...rg, gatewayIpAddress: "198.51.100.2", bgpSettings: { asn: 65515, bgpPeeringAddress: "169.254.21.6" } });
            const conn = (name: string, extra: Record<string, unknown>) =>
                new network.VirtualNetworkGatewayConnection(name, {
                    ...rg,
                    connectionType: "IPsec",
                    connectionProtocol: "IKEv2",
                    virtualNetworkGateway1: { id: good.id },
                    localNetworkGateway2: { id: lng.id },
                    sharedKey: "Kq8vLr2nWx5tZp7mHc3jFd9s",
                    ...extra,
                } as any);
            conn("two-policies", { ipsecPolicies: [policy, policy] });
            conn("short-qm", { ipsecPolicies: [{ ...policy, saLifeTimeSeconds: 120 }] });
            conn("bad-enum", { ipsecPolicies: [{ ...policy, ipsecIntegrity: "SHA512" }] });
            conn("bad-protocol", { connectionProtocol: "IKEv3" });
            conn("foreign-bgp-ip", { enableBgp: true, gatewayCustomBgpIpAddresses: [{ ipConfigurationId: gwId("good"), customBgpIpAddress: "169.254.21.9" }] });
            conn("long-key", { sharedKey: "k".repeat(129) });
            conn("ok", { enableBgp: true, ipsecPolicies: [policy], gatewayCustomBgpIpAddresses: [{ ipConfigurationId: gwId("good"), customBgpIpAddress: "169.254.21.1" }] });
            new network.PublicIPAddress("nowhere", { resourceGroupName: "rg-net", location: "cn-beijing" });
        });
        const byName = Object.fromEntries(emulator.state.rejections.map((r) => [r.name, `${r.code}: ${r.message}`]));
        assert.deepEqual(Object.keys(byName).sort(), [
            "bad-enum",
            "bad-protocol",
            "basic-bgp",
            "foreign-bgp-ip",
            "lng-azure-asn",
            "long-key",
            "nowhere",
            "outside-apipa",
            "reserved-asn",
            "short-qm",
            "two-policies",
            "wrong-subnet",
        ]);
        assert.match(byName["basic-bgp"], /^BgpNotSupportedOnBasicSku: BGP is not supported on a Basic SKU virtual network gateway/);
        assert.equal(byName["outside-apipa"], "InvalidCustomBgpIpAddress: Custom BGP IP address 169.254.20.1 is not in the Azure APIPA range 169.254.21.0 - 169.254.22.255.");
        assert.match(byName["wrong-subnet"], /^GatewaySubnet: Subnet '.*\/subnets\/apps' is not valid for a virtual network gateway: the subnet must be named GatewaySubnet\.$/);
        assert.match(byName["reserved-asn"], /^InvalidBgpAsn: ASN 12076 is reserved/);
        assert.match(byName["lng-azure-asn"], /^InvalidBgpAsn: ASN 65515 is reserved by Azure or IANA and cannot be used for an on-premises BGP peer\.$/);
        assert.match(byName["two-policies"], /^InvalidIpsecPolicies: Only one IPsec\/IKE policy combination/);
        assert.equal(byName["short-qm"], "InvalidIpsecPolicySaLifeTime: saLifeTimeSeconds 120 is invalid: the QM SA lifetime is at least 300 seconds.");
        assert.match(byName["bad-enum"], /ipsecPolicies\[0\]\.ipsecIntegrity 'SHA512' is not one of MD5, SHA1, SHA256, GCMAES128, GCMAES192, GCMAES256/);
        assert.match(byName["bad-protocol"], /connectionProtocol 'IKEv3' is not one of IKEv2, IKEv1/);
        assert.match(byName["foreign-bgp-ip"], /^InvalidCustomBgpIpAddress: Custom BGP IP address 169\.254\.21\.9 is not one of the gateway's custom BGP addresses/);
        assert.equal(byName["long-key"], "InvalidSharedKey: The shared key must be 1 to 128 printable ASCII characters.");
        assert.match(byName.nowhere, /^LocationNotAvailableForResourceType: The provided location 'cn-beijing' is not available/);
        const [ok] = emulator.state.resources.filter((r) => r.name === "ok");
        assert.match(ok.id, /\/providers\/Microsoft\.Network\/connections\/ok$/);
    });
});

// BGP end to end on the emulator: VpnSite creates a BGP link (enableTunnelsBgp, tunnelBgpConfig per tunnel, the
// customer gateway's ASN, the gateway's route propagation, no static routes) and renders the peer's BGP; bad BGP
// input is refused before anything is registered; the emulator refuses what Alibaba's API refuses (emulator/bgp.ts).
import * as assert from "node:assert/strict";
import * as alicloud from "@pulumi/alicloud";
import { VpnSite, VpnSiteArgs } from "../../components/vpnSite";
import { TYPES } from "../../emulator";
import { hubArgs } from "../fixtures/hubs";
import { emulate, refusal, valueOf } from "../helpers";

const bgpLink = {
    name: "office",
    peerPublicIp: "203.0.113.20",
    peerSubnets: ["192.168.10.0/24", "192.168.20.0/24"],
    routingMode: "destination" as const,
    routing: "bgp" as const,
    peerAsn: 65010,
    bgp: { tunnels: [{ tunnelCidr: "169.254.21.0/30" }, { tunnelCidr: "169.254.22.0/30" }] },
};
const site = (links: VpnSiteArgs["links"]): VpnSiteArgs => ({ ...hubArgs(), links });

describe("BGP links on the emulator (VpnSite, emulator/bgp.ts)", () => {
    it("creates the connection with BGP on both tunnels, the customer gateway's ASN and route propagation, and no static routes", async () => {
        let vpnSite!: VpnSite;
        const emulator = await emulate(() => {
            vpnSite = new VpnSite("hub", site([bgpLink]));
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [connection] = emulator.ofType(TYPES.connection);
        assert.equal(connection.inputs.enableTunnelsBgp, true);
        assert.deepEqual(
            connection.inputs.tunnelOptionsSpecifications.map((t: { role: string; tunnelBgpConfig: unknown }) => [t.role, t.tunnelBgpConfig]),
            [
                ["master", { localAsn: "45104", tunnelCidr: "169.254.21.0/30", localBgpIp: "169.254.21.1" }],
                ["slave", { localAsn: "45104", tunnelCidr: "169.254.22.0/30", localBgpIp: "169.254.22.1" }],
            ],
        );
        assert.deepEqual(connection.inputs.localSubnets, ["0.0.0.0/0"]);
        assert.deepEqual(emulator.ofType(TYPES.customerGateway).map((c) => c.inputs.asn), ["65010"]);
        assert.equal(emulator.ofType(TYPES.gateway)[0].inputs.autoPropagate, true);
        assert.deepEqual(emulator.ofType(TYPES.vpnRoute), []);
        assert.deepEqual(emulator.ofType(TYPES.vpcRoute), []);
        const configs = (await valueOf(vpnSite.peerConfigs)).office;
        assert.deepEqual(Object.keys(configs).sort(), ["cisco-ios", "frr", "h3c-comware", "huawei-vrp", "strongswan"]);
        assert.match(configs.frr, /^ neighbor 169\.254\.21\.1 remote-as 45104$/m);
        assert.match(configs["cisco-ios"], /^ neighbor 169\.254\.22\.1 remote-as 45104$/m);
        assert.match(configs["huawei-vrp"], /^bgp 65010$/m);
    });

    it("keeps static links unchanged beside a BGP link: its routes, no autoPropagate without BGP", async () => {
        const emulator = await emulate(() => new VpnSite("hub", site([{ name: "dc", peerPublicIp: "203.0.113.30", peerSubnets: ["192.168.50.0/24"] }])));
        assert.deepEqual(emulator.state.rejections, []);
        assert.equal(emulator.ofType(TYPES.gateway)[0].inputs.autoPropagate, undefined);
        assert.equal(emulator.ofType(TYPES.connection)[0].inputs.enableTunnelsBgp, undefined);
        assert.equal(emulator.ofType(TYPES.vpcRoute).length, 1);
    });

    it("refuses overlapping /30s and a reserved ASN before creation, with keys and fixes, registering nothing", async () => {
        const { error, emulator } = await refusal(() =>
            new VpnSite("hub", site([bgpLink, { ...bgpLink, name: "branch", peerPublicIp: "203.0.113.21", peerSubnets: ["192.168.30.0/24"], peerAsn: 64500 }])),
        );
        assert.match(error.message, /hub\.links\[1\]\.bgp\.tunnels\[0\]\.tunnelCidr = "169\.254\.21\.0\/30": hub\.links\[0\]\.bgp\.tunnels\[0\]\.tunnelCidr on the same VPN gateway already uses/);
        assert.match(error.message, /hub\.links\[1\]\.peerAsn = 64500: 64496-64511 and 65536-65551 are reserved for documentation \(RFC 5398\)\. Fix: set hub\.links\[1\]\.peerAsn to a private ASN/);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    describe("the emulator refuses what CreateVpnConnection and CreateCustomerGateway refuse", () => {
        function dualGateway(asn?: string) {
            const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "10.0.0.0/16" });
            const a = new alicloud.vpc.Switch("a", { vpcId: vpc.id, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
            const b = new alicloud.vpc.Switch("b", { vpcId: vpc.id, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24" });
            const gateway = new alicloud.vpn.Gateway("gw", { vpcId: vpc.id, vswitchId: a.id, disasterRecoveryVswitchId: b.id, bandwidth: 10 });
            const cgw = new alicloud.vpn.CustomerGateway("cgw", { ipAddress: "203.0.113.10", asn });
            return { gateway, cgw };
        }
        const tunnel = (role: string, cgw: alicloud.vpn.CustomerGateway, bgp?: { tunnelCidr: string; localBgpIp?: string }) => ({
            role,
            customerGatewayId: cgw.id,
            tunnelIkeConfig: { psk: "k".repeat(16), ikeVersion: "ikev2", ikeEncAlg: "aes256", ikeAuthAlg: "sha256", ikePfs: "group14" },
            tunnelIpsecConfig: { ipsecEncAlg: "aes256", ipsecAuthAlg: "sha256", ipsecPfs: "group14" },
            ...(bgp ? { tunnelBgpConfig: { localAsn: "45104", ...bgp } } : {}),
        });
        const cases: Array<[string, string, string, RegExp, (cgwAsn?: string) => void]> = [
            ["a tunnel block wider than /30", "c", "IllegalParam.TunnelCidr", /30-bit mask within 169\.254\.0\.0\/16/, () => {
                const { gateway, cgw } = dualGateway("65010");
                new alicloud.vpn.Connection("c", { vpnGatewayId: gateway.id, localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"], enableTunnelsBgp: true,
                    tunnelOptionsSpecifications: [tunnel("master", cgw, { tunnelCidr: "169.254.21.0/29" }), tunnel("slave", cgw, { tunnelCidr: "169.254.22.0/30" })] });
            }],
            ["a local BGP address outside the /30", "c", "IllegalParam.LocalBgpIp", /LocalBgpIp \(169\.254\.9\.1\) must be an address within TunnelCidr 169\.254\.21\.0\/30/, () => {
                const { gateway, cgw } = dualGateway("65010");
                new alicloud.vpn.Connection("c", { vpnGatewayId: gateway.id, localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"], enableTunnelsBgp: true,
                    tunnelOptionsSpecifications: [tunnel("master", cgw, { tunnelCidr: "169.254.21.0/30", localBgpIp: "169.254.9.1" }), tunnel("slave", cgw, { tunnelCidr: "169.254.22.0/30" })] });
            }],
            ["the same /30 on two connections of one gateway", "d", "IllegalParam.TunnelCidr", /already used by connection c/, () => {
                const { gateway, cgw } = dualGateway("65010");
                const args = (a: string, b: string) => ({ vpnGatewayId: gateway.id, localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"], enableTunnelsBgp: true,
                    tunnelOptionsSpecifications: [tunnel("master", cgw, { tunnelCidr: a }), tunnel("slave", cgw, { tunnelCidr: b })] });
                const c = new alicloud.vpn.Connection("c", args("169.254.21.0/30", "169.254.22.0/30"));
                new alicloud.vpn.Connection("d", args("169.254.23.0/30", "169.254.22.0/30"), { dependsOn: [c] });
            }],
            ["BGP toward a customer gateway without an ASN", "c", "IllegalParam.Asn", /has no ASN/, () => {
                const { gateway, cgw } = dualGateway(undefined);
                new alicloud.vpn.Connection("c", { vpnGatewayId: gateway.id, localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"], enableTunnelsBgp: true,
                    tunnelOptionsSpecifications: [tunnel("master", cgw, { tunnelCidr: "169.254.21.0/30" }), tunnel("slave", cgw, { tunnelCidr: "169.254.22.0/30" })] });
            }],
            ["enableTunnelsBgp without a tunnel's BGP config", "c", "MissingParam.TunnelBgpConfig", /every TunnelOptionsSpecification needs a TunnelBgpConfig/, () => {
                const { gateway, cgw } = dualGateway("65010");
                new alicloud.vpn.Connection("c", { vpnGatewayId: gateway.id, localSubnets: ["0.0.0.0/0"], remoteSubnets: ["0.0.0.0/0"], enableTunnelsBgp: true,
                    tunnelOptionsSpecifications: [tunnel("master", cgw, { tunnelCidr: "169.254.21.0/30" }), tunnel("slave", cgw)] });
            }],
            ["Alibaba's ASN on a customer gateway", "cgw", "IllegalParam.Asn", /45104\) is reserved/, () => {
                dualGateway("45104");
            }],
        ];
        for (const [what, name, code, message, program] of cases) {
            it(`refuses ${what} (${code})`, async () => {
                const emulator = await emulate(() => program());
                assert.deepEqual(emulator.state.rejections.map((r) => [r.name, r.code]), [[name, code]]);
                assert.match(emulator.state.rejections[0].message, message);
            });
        }
    });
});

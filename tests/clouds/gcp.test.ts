// The Alibaba/Google Cloud intersection, the Google Cloud end's checks and CloudLink on the emulator: HA VPN wiring
// (master on interface 0, slave on interface 1), BGP addresses on both ends, refusals before anything is registered,
// and the emulator's own refusals of what Google Cloud would not accept.
import * as assert from "node:assert/strict";
import { CloudLink, CloudLinkArgs } from "../../components/cloudLink";
import { GCP_TYPES, GcpApiError, TYPES } from "../../emulator";
import { validateGcp } from "../../emulator/gcp";
import { GCP_DEFAULT_BGP_TUNNEL_CIDRS, planGcpCloudLink } from "../../model/clouds/gcpLink";
import { GCP, checkCloudIntersection, cloudDefaultProfile, commonLifetime, commonValues } from "../../model/clouds/intersection";
import { TopologyError, errorsOf, formatFinding } from "../../model/findings";
import { emulate, valueOf } from "../helpers";

function linkArgs(overrides: Partial<CloudLinkArgs> = {}, gcp: Partial<NonNullable<CloudLinkArgs["gcp"]>> = {}): CloudLinkArgs {
    return {
        alibaba: {
            region: "cn-hongkong",
            vpcCidr: "172.24.0.0/16",
            vswitches: [
                { zoneId: "cn-hongkong-b", cidr: "172.24.1.0/24" },
                { zoneId: "cn-hongkong-c", cidr: "172.24.2.0/24" },
            ],
            bandwidth: 10,
        },
        gcp: { region: "asia-east2", network: "vpc-hk", project: "example-project", vpcCidrs: ["10.70.0.0/20"], ...gcp },
        ...overrides,
    };
}

function plan(args: CloudLinkArgs) {
    return planGcpCloudLink("hk-gcp", { ...args, gcp: args.gcp! });
}

/** The error findings of a plan, as "field: message | fix". */
function errors(args: CloudLinkArgs): Array<{ field: string; message: string; fix: string }> {
    return errorsOf(plan(args).findings).map((f) => ({ field: f.field!, message: f.message, fix: f.fix! }));
}

async function refused(args: CloudLinkArgs): Promise<{ lines: string[]; recorded: number }> {
    let error: unknown;
    const emulator = await emulate(() => {
        try {
            new CloudLink("hk-gcp", args);
        } catch (err) {
            error = err;
        }
    });
    assert.ok(error instanceof TopologyError, `expected a TopologyError, got ${String(error)}`);
    const recorded = emulator.state.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    return { lines: (error as TopologyError).findings.filter((f) => f.severity === "error").map(formatFinding), recorded };
}

describe("Alibaba <-> Google Cloud intersection", () => {
    it("keeps GCP's current tables: PFS required, no MD5/SHA-384 in phase 2, 3DES in phase 1 only, fixed lifetimes", () => {
        assert.deepEqual(commonValues(GCP, "ike.encryption"), ["aes256", "aes192", "aes", "3des"]);
        assert.deepEqual(commonValues(GCP, "ipsec.encryption"), ["aes256", "aes192", "aes"]);
        assert.deepEqual(commonValues(GCP, "ike.integrity"), ["sha256", "sha384", "sha512", "sha1", "md5"]);
        assert.deepEqual(commonValues(GCP, "ipsec.integrity"), ["sha256", "sha512", "sha1"]);
        assert.deepEqual(commonValues(GCP, "ike.dhGroup"), ["group14", "group5", "group2"]);
        assert.deepEqual(commonValues(GCP, "ipsec.pfs"), ["group14", "group5", "group2"]);
        assert.deepEqual(commonLifetime(GCP, 1), { min: 36000, max: 36000 });
        assert.deepEqual(commonLifetime(GCP, 2), { min: 10800, max: 10800 });
    });

    it("defaults to the strongest both accept, with GCP's fixed lifetimes", () => {
        const p = cloudDefaultProfile(GCP);
        assert.deepEqual(p.ike, { version: "ikev2", mode: "main", encryption: "aes256", integrity: "sha256", dhGroup: "group14", lifetimeSeconds: 36000 });
        assert.deepEqual(p.ipsec, { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 10800 });
        assert.deepEqual(checkCloudIntersection(GCP, p, "x.profile"), []);
    });

    it("refuses no PFS, phase 2 md5 and group1 with both clouds' values", () => {
        const p = cloudDefaultProfile(GCP);
        const found = checkCloudIntersection(GCP, { ...p, ike: { ...p.ike, dhGroup: "group1" }, ipsec: { ...p.ipsec, pfs: "disabled", integrity: "md5" } }, "l.profile");
        assert.deepEqual(
            found.map((f) => [f.field, f.value, f.fix]),
            [
                ["l.profile.ike.dhGroup", "group1", "set l.profile.ike.dhGroup to group14, the strongest value both Alibaba Cloud and Google Cloud accept."],
                ["l.profile.ipsec.integrity", "md5", "set l.profile.ipsec.integrity to sha256, the strongest value both Alibaba Cloud and Google Cloud accept."],
                ["l.profile.ipsec.pfs", "disabled", "set l.profile.ipsec.pfs to group14, the strongest value both Alibaba Cloud and Google Cloud accept."],
            ],
        );
    });
});

describe("Google Cloud end planner", () => {
    it("plans HA VPN: master on interface 0, slave on interface 1, GCP's first /30 address, Alibaba's second", () => {
        const { plan: p, findings } = plan(linkArgs());
        assert.deepEqual(errorsOf(findings), []);
        assert.ok(p);
        assert.equal(p.asn, 65010);
        assert.equal(p.alibabaAsn, 45104);
        assert.equal(p.ikeVersion, 2);
        assert.deepEqual(p.bgpTunnels, [
            { role: "master", interface: 0, tunnelCidr: "169.254.40.0/30", gcpBgpIp: "169.254.40.1", alibabaBgpIp: "169.254.40.2" },
            { role: "slave", interface: 1, tunnelCidr: "169.254.40.4/30", gcpBgpIp: "169.254.40.5", alibabaBgpIp: "169.254.40.6" },
        ]);
        assert.deepEqual(p.cipherSuite, {
            phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-14"] },
            phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] },
        });
        const [link] = p.site.links;
        assert.equal(p.site.links.length, 1);
        assert.deepEqual(link.bgp?.tunnels.map((t) => [t.role, t.tunnelCidr, t.localBgpIp, t.peerBgpIp]), [
            ["master", "169.254.40.0/30", "169.254.40.2", "169.254.40.1"],
            ["slave", "169.254.40.4/30", "169.254.40.6", "169.254.40.5"],
        ]);
        assert.equal(link.bgp?.peerAsn, 65010);
        assert.deepEqual(link.bgp?.peerAnnounces, ["10.70.0.0/20"]);
        assert.deepEqual(GCP_DEFAULT_BGP_TUNNEL_CIDRS, ["169.254.40.0/30", "169.254.40.4/30"]);
    });

    it("suggests the same-city Google Cloud region for an Alibaba region id", () => {
        assert.deepEqual(errors(linkArgs({}, { region: "cn-hongkong" })), [
            {
                field: "hk-gcp.gcp.region",
                message: "Google Cloud has no region of this name (https://cloud.google.com/compute/docs/regions-zones); it looks like an Alibaba Cloud region id.",
                fix: "set hk-gcp.gcp.region to asia-east2, the Google Cloud region in the same city, or another Google Cloud region id.",
            },
        ]);
        assert.match(errors(linkArgs({}, { region: "ap-southeast-1" }))[0].fix, /^set hk-gcp\.gcp\.region to asia-southeast1,/);
    });

    it("refuses a bad network, project, overlapping VPC block and reserved or public ASNs", () => {
        const fields = (gcp: Partial<NonNullable<CloudLinkArgs["gcp"]>>) => errors(linkArgs({}, gcp)).map((e) => e.field);
        assert.deepEqual(fields({ network: "VPC_HK" }), ["hk-gcp.gcp.network"]);
        assert.deepEqual(fields({ network: "projects/example-project/global/networks/vpc-hk" }), []);
        assert.deepEqual(fields({ project: "Example Project" }), ["hk-gcp.gcp.project"]);
        assert.deepEqual(fields({ vpcCidrs: ["172.24.8.0/24"] }), ["hk-gcp.gcp.vpcCidrs[0]"]);
        const asn16550 = errors(linkArgs({}, { asn: 16550 }));
        assert.equal(asn16550[0].field, "hk-gcp.gcp.asn");
        assert.match(asn16550[0].message, /RFC 6996 private ASN.*16550 is for Partner Interconnect only/);
        assert.deepEqual(fields({ asn: 45104 }), ["hk-gcp.gcp.asn"]);
        assert.deepEqual(fields({ asn: 4200000000 }), []);
    });

    it("refuses BGP blocks that are not two distinct /30s of 169.254.0.0/16", () => {
        const e = errors(linkArgs({}, { bgpTunnelCidrs: ["169.254.40.0/29", "10.0.0.0/30"] }));
        assert.deepEqual(e.map((x) => x.field), ["hk-gcp.gcp.bgpTunnelCidrs[0]", "hk-gcp.gcp.bgpTunnelCidrs[1]"]);
        assert.match(e[0].message, /RFC3927 link-local IP space/);
        assert.equal(e[0].fix, "set hk-gcp.gcp.bgpTunnelCidrs[0] to a free /30 such as 169.254.40.0/30.");
        assert.deepEqual(errors(linkArgs({}, { bgpTunnelCidrs: ["169.254.50.0/30", "169.254.50.0/30"] })).map((x) => x.field), ["hk-gcp.gcp.bgpTunnelCidrs[1]"]);
        assert.deepEqual(errors(linkArgs({}, { bgpTunnelCidrs: ["169.254.50.0/30"] })).map((x) => x.field), ["hk-gcp.gcp.bgpTunnelCidrs"]);
        const hostBits = errors(linkArgs({}, { bgpTunnelCidrs: ["169.254.50.0/30", "169.254.50.6/30"] }));
        assert.deepEqual(
            hostBits.map((x) => `${x.field}: ${x.message} Fix: ${x.fix}`),
            ["hk-gcp.gcp.bgpTunnelCidrs[1]: a /30 is written by its network address; this one has host bits set. Fix: set hk-gcp.gcp.bgpTunnelCidrs[1] to 169.254.50.4/30."],
        );
    });

    it("refuses a shared secret GCP refuses (non-printable) and one Alibaba refuses, by the user's index", () => {
        const gcpRefused = errors(linkArgs({ psks: ["GoodKey1234567890abcdef", "tab\there1234567890abc"] }));
        assert.deepEqual(gcpRefused.map((e) => e.field), ["hk-gcp.psks[1]"]);
        assert.match(gcpRefused[0].message, /printable ASCII characters only, "\[ -~\]\+"/);
        const alibabaRefused = plan(linkArgs({ psks: ["GoodKey1234567890abcdef", "with space 1234567890ab"] })).findings.filter((f) => f.severity === "error");
        assert.deepEqual(alibabaRefused.map((f) => f.field), ["hk-gcp.psks[1]"]);
    });

    it("refuses IKEv1 (GCP's single weak IKEv1 suite) and a lifetime other than GCP's", () => {
        assert.deepEqual(errors(linkArgs({ profile: { ike: { version: "ikev1" } } })).map((e) => e.field), ["hk-gcp.profile.ike.version"]);
        const life = errors(linkArgs({ profile: { ike: { lifetimeSeconds: 86400 } } }));
        assert.deepEqual(life, [
            {
                field: "hk-gcp.profile.ike.lifetimeSeconds",
                message: "Google Cloud's phase 1 lifetime is fixed at 36000 seconds (https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers); the Alibaba end must use the same.",
                fix: "set hk-gcp.profile.ike.lifetimeSeconds to 36000.",
            },
        ]);
    });

    it("registers nothing when the Google Cloud end is refused", async () => {
        const { lines, recorded } = await refused(linkArgs({}, { region: "cn-hongkong", asn: 16550 }));
        assert.equal(recorded, 0);
        assert.equal(lines.length, 2);
        assert.match(lines[0], /hk-gcp\.gcp\.region = "cn-hongkong"/);
        assert.match(lines[1], /hk-gcp\.gcp\.asn = 16550/);
    });
});

describe("CloudLink to Google Cloud on the emulator", () => {
    it("records every GCP resource with the plan's values and wires Alibaba's master/slave to interfaces 0/1", async () => {
        let link!: CloudLink;
        const emulator = await emulate(() => {
            link = new CloudLink("hk-gcp", linkArgs());
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [gateway] = emulator.ofType(TYPES.gateway);
        const [ha] = emulator.ofType(GCP_TYPES.haVpnGateway);
        assert.equal(ha.id, "projects/example-project/regions/asia-east2/vpnGateways/hk-gcp-ha-vpn");
        assert.equal(ha.outputs.selfLink, "https://www.googleapis.com/compute/v1/projects/example-project/regions/asia-east2/vpnGateways/hk-gcp-ha-vpn");
        assert.equal(ha.inputs.network, "vpc-hk");
        const [if0, if1] = ha.outputs.vpnInterfaces.map((v: { ipAddress: string }) => v.ipAddress);
        assert.match(if0, /^203\.0\.113\.(6[5-9]|[7-9]\d|1[01]\d|12[0-7])$/);

        const [ext] = emulator.ofType(GCP_TYPES.externalVpnGateway);
        assert.equal(ext.inputs.redundancyType, "TWO_IPS_REDUNDANCY");
        assert.deepEqual(ext.inputs.interfaces, [
            { id: 0, ipAddress: gateway.outputs.internetIp },
            { id: 1, ipAddress: gateway.outputs.disasterRecoveryInternetIp },
        ]);
        const [router] = emulator.ofType(GCP_TYPES.router);
        assert.deepEqual(router.inputs.bgp, { asn: 65010, advertiseMode: "CUSTOM", advertisedIpRanges: [{ range: "10.70.0.0/20" }] });

        const tunnels = emulator.ofType(GCP_TYPES.vpnTunnel);
        assert.deepEqual(
            tunnels.map((t) => [t.inputs.vpnGateway, t.inputs.vpnGatewayInterface, t.inputs.peerExternalGateway, t.inputs.peerExternalGatewayInterface, t.inputs.router, t.inputs.ikeVersion]),
            [0, 1].map((i) => [ha.id, i, ext.id, i, router.id, 2]),
        );
        for (const t of tunnels) {
            assert.deepEqual(t.inputs.cipherSuite.phase2, { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-14"] });
            assert.ok(t.secretInputPaths.includes("sharedSecret"));
        }
        assert.deepEqual(emulator.ofType(GCP_TYPES.routerInterface).map((r) => [r.inputs.router, r.inputs.ipRange, r.inputs.vpnTunnel]), [
            ["hk-gcp-router", "169.254.40.1/30", "hk-gcp-tunnel-0"],
            ["hk-gcp-router", "169.254.40.5/30", "hk-gcp-tunnel-1"],
        ]);
        assert.deepEqual(
            emulator.ofType(GCP_TYPES.routerPeer).map((r) => [r.inputs.interface, r.inputs.ipAddress, r.inputs.peerIpAddress, r.inputs.peerAsn, r.inputs.advertisedRoutePriority]),
            [
                ["hk-gcp-if-0", "169.254.40.1", "169.254.40.2", 45104, 100],
                ["hk-gcp-if-1", "169.254.40.5", "169.254.40.6", 45104, 200],
            ],
        );

        // The one Alibaba BGP connection: master -> interface 0's address, slave -> interface 1's, keys and BGP to match.
        const aliCgws = new Map(emulator.ofType(TYPES.customerGateway).map((c) => [c.id, c.inputs]));
        const [conn, ...more] = emulator.ofType(TYPES.connection);
        assert.equal(more.length, 0);
        assert.equal(conn.inputs.enableTunnelsBgp, true);
        assert.deepEqual(conn.inputs.remoteSubnets, ["0.0.0.0/0"]);
        const [master, slave] = conn.inputs.tunnelOptionsSpecifications;
        assert.deepEqual([master.role, slave.role], ["master", "slave"]);
        assert.equal(aliCgws.get(master.customerGatewayId)!.ipAddress, if0);
        assert.equal(aliCgws.get(slave.customerGatewayId)!.ipAddress, if1);
        assert.equal(aliCgws.get(master.customerGatewayId)!.asn, "65010");
        assert.equal(master.tunnelIkeConfig.psk, tunnels[0].inputs.sharedSecret);
        assert.equal(slave.tunnelIkeConfig.psk, tunnels[1].inputs.sharedSecret);
        assert.notEqual(tunnels[0].inputs.sharedSecret, tunnels[1].inputs.sharedSecret);
        assert.deepEqual(master.tunnelBgpConfig, { localAsn: "45104", localBgpIp: "169.254.40.2", tunnelCidr: "169.254.40.0/30" });
        assert.deepEqual(slave.tunnelBgpConfig, { localAsn: "45104", localBgpIp: "169.254.40.6", tunnelCidr: "169.254.40.4/30" });
        assert.equal(master.tunnelIkeConfig.ikeLifetime, 36000);
        assert.equal(slave.tunnelIpsecConfig.ipsecLifetime, 10800);
        assert.deepEqual(await valueOf(link.peerTunnelAddresses), [if0, if1]);
        assert.equal(await valueOf(link.peerGatewayId), ha.outputs.selfLink);
    });

    it("the emulator refuses what Google Cloud would: no router, interface 2, one external interface, unknown cipher, non-link-local range, own ASN", async () => {
        const emulator = await emulate(() => new CloudLink("hk-gcp", linkArgs()));
        const state = emulator.state;
        const [tunnel] = emulator.ofType(GCP_TYPES.vpnTunnel);
        const [ext] = emulator.ofType(GCP_TYPES.externalVpnGateway);
        const [router] = emulator.ofType(GCP_TYPES.router);
        const [iface] = emulator.ofType(GCP_TYPES.routerInterface);
        const [peer] = emulator.ofType(GCP_TYPES.routerPeer);
        const attempt = (type: string, inputs: Record<string, any>, region = "asia-east2") => {
            try {
                validateGcp({ type, name: "x", urn: "urn:x", region, inputs }, state);
                return "accepted";
            } catch (err) {
                assert.ok(err instanceof GcpApiError, String(err));
                return `${err.code}: ${err.apiMessage}`;
            }
        };
        assert.equal(attempt(GCP_TYPES.vpnTunnel, { ...tunnel.inputs, name: "t2" }), "accepted");
        assert.equal(attempt(GCP_TYPES.vpnTunnel, { ...tunnel.inputs, router: undefined }), "invalid: An HA VPN tunnel needs a Cloud Router ('router'): HA VPN supports dynamic routing (BGP) only.");
        assert.match(attempt(GCP_TYPES.vpnTunnel, { ...tunnel.inputs, vpnGatewayInterface: 2 }), /^invalid: Invalid value for field 'vpnGatewayInterface': '2'/);
        assert.match(
            attempt(GCP_TYPES.vpnTunnel, { ...tunnel.inputs, cipherSuite: { ...tunnel.inputs.cipherSuite, phase2: { ...tunnel.inputs.cipherSuite.phase2, encryptions: ["3DES-CBC"] } } }),
            /^invalid: Invalid value for field 'cipherSuite\.phase2\.encryptions': '3DES-CBC'/,
        );
        assert.match(attempt(GCP_TYPES.vpnTunnel, { ...tunnel.inputs, cipherSuite: { phase1: { dhs: ["Group-1"] } } }), /'cipherSuite\.phase1\.dhs': 'Group-1'/);
        assert.match(attempt(GCP_TYPES.externalVpnGateway, { ...ext.inputs, interfaces: [ext.inputs.interfaces[0]] }), /TWO_IPS_REDUNDANCY must have exactly 2 interfaces \(got 1\)/);
        assert.match(attempt(GCP_TYPES.router, { ...router.inputs, bgp: { asn: 16550 } }), /'bgp\.asn': '16550'\. Must be an RFC6996 private ASN/);
        assert.match(attempt(GCP_TYPES.routerInterface, { ...iface.inputs, name: "y", ipRange: "10.0.0.1/30" }), /'ipRange': '10\.0\.0\.1\/30'.*RFC3927 link-local/);
        assert.match(attempt(GCP_TYPES.routerPeer, { ...peer.inputs, peerAsn: 65010 }), /'peerAsn': '65010'\. The peer ASN must differ from the router's ASN 65010/);
        assert.match(attempt(GCP_TYPES.haVpnGateway, { network: "vpc-hk" }, "cn-hongkong"), /Unknown region/);
        assert.match(attempt(GCP_TYPES.vpnTunnel, { ...tunnel.inputs, peerExternalGatewayInterface: 2 }), /'peerExternalGatewayInterface': '2'\. hk-gcp-alibaba has interfaces 0 to 1/);
        assert.match(attempt(GCP_TYPES.routerInterface, { ...iface.inputs, name: "z", ipRange: "169.254.60.1/29" }), /'ipRange': '169\.254\.60\.1\/29'/);
        assert.match(attempt(GCP_TYPES.routerInterface, { ...iface.inputs, name: "z" }), /overlaps interface hk-gcp-if-0/);
    });
});

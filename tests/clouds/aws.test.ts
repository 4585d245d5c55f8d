// The Alibaba/AWS intersection, the AWS end's checks and CloudLink on the emulator: wiring, ids, outputs,
// refusals before anything is registered.
import * as assert from "node:assert/strict";
import { CloudLink, CloudLinkArgs } from "../../components/cloudLink";
import { requireOptional } from "../../components/optional";
import { AWS_TYPES, TYPES } from "../../emulator";
import { awsWiring, defaultInsideCidrs, planAwsCloudLink } from "../../model/clouds/awsLink";
import { AWS, checkCloudIntersection, cloudDefaultProfile, commonLifetime, commonValues } from "../../model/clouds/intersection";
import { TopologyError, formatFinding } from "../../model/findings";
import { DEFAULT_PROFILE, IpsecProfile } from "../../model/profile";
import { emulate, valueOf } from "../helpers";

function linkArgs(overrides: Partial<CloudLinkArgs> = {}): CloudLinkArgs {
    return {
        alibaba: {
            region: "cn-beijing",
            vpcCidr: "172.16.0.0/16",
            vswitches: [
                { zoneId: "cn-beijing-h", cidr: "172.16.1.0/24" },
                { zoneId: "cn-beijing-i", cidr: "172.16.2.0/24" },
            ],
            bandwidth: 10,
        },
        aws: {
            region: "ap-southeast-1",
            vpcId: "vpc-0a1b2c3d4e5f67890",
            vpcCidrs: ["10.100.0.0/16"],
            routeTableIds: ["rtb-0123456789abcdef0"],
        },
        ...overrides,
    };
}

/** Runs a CloudLink that must be refused; returns the error lines and what the emulator recorded. */
async function refused(args: CloudLinkArgs): Promise<{ lines: string[]; recorded: number }> {
    let error: unknown;
    const emulator = await emulate(() => {
        try {
            new CloudLink("bj-sg", args);
        } catch (err) {
            error = err;
        }
    });
    assert.ok(error instanceof TopologyError, `expected a TopologyError, got ${String(error)}`);
    const recorded = emulator.state.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length;
    return { lines: (error as TopologyError).findings.filter((f) => f.severity === "error").map(formatFinding), recorded };
}

describe("Alibaba <-> AWS intersection", () => {
    it("keeps only the values both clouds name, strongest first", () => {
        assert.deepEqual(commonValues(AWS, "ike.encryption"), ["aes256", "aes"]);
        assert.deepEqual(commonValues(AWS, "ike.integrity"), ["sha256", "sha384", "sha512", "sha1"]);
        assert.deepEqual(commonValues(AWS, "ike.dhGroup"), ["group14", "group2"]);
        assert.deepEqual(commonValues(AWS, "ipsec.pfs"), ["group14", "group5", "group2"]);
        assert.deepEqual(commonValues(AWS, "ike.mode"), ["main"]);
        assert.deepEqual(commonLifetime(AWS, 1), { min: 900, max: 28800 });
        assert.deepEqual(commonLifetime(AWS, 2), { min: 900, max: 3600 });
    });

    it("defaults a cloud link to the strongest profile both accept", () => {
        const p = cloudDefaultProfile(AWS);
        assert.deepEqual(p.ike, {
            version: "ikev2",
            mode: "main",
            encryption: "aes256",
            integrity: "sha256",
            dhGroup: "group14",
            lifetimeSeconds: 28800,
        });
        assert.deepEqual(p.ipsec, { encryption: "aes256", integrity: "sha256", pfs: "group14", lifetimeSeconds: 3600 });
        assert.deepEqual(checkCloudIntersection(AWS, p, "x.profile"), []);
    });

    it("refuses the library's own Alibaba default (86400 s phase 1) for AWS, with both ranges and the fix", () => {
        const [f, ...rest] = checkCloudIntersection(AWS, DEFAULT_PROFILE, "link.profile");
        assert.equal(rest.length, 0);
        assert.equal(f.field, "link.profile.ike.lifetimeSeconds");
        assert.equal(f.value, 86400);
        assert.equal(f.allowed, "Alibaba Cloud: 0-86400 s; AWS: 900-28800 s; both: 900-28800 s");
        assert.equal(f.fix, "set link.profile.ike.lifetimeSeconds to 28800, the longest lifetime both Alibaba Cloud and AWS accept.");
    });

    it("refuses algorithms only Alibaba has, naming both clouds' values and the strongest common one", () => {
        const profile: IpsecProfile = {
            ...cloudDefaultProfile(AWS),
            ike: { ...cloudDefaultProfile(AWS).ike, encryption: "aes192", mode: "aggressive", version: "ikev1" },
            ipsec: { ...cloudDefaultProfile(AWS).ipsec, pfs: "disabled", integrity: "md5", lifetimeSeconds: 600 },
        };
        const byField = Object.fromEntries(checkCloudIntersection(AWS, profile, "p").map((f) => [f.field, f]));
        assert.deepEqual(Object.keys(byField).sort(), [
            "p.ike.encryption",
            "p.ike.mode",
            "p.ipsec.integrity",
            "p.ipsec.lifetimeSeconds",
            "p.ipsec.pfs",
        ]);
        assert.equal(
            byField["p.ike.encryption"].allowed,
            "Alibaba Cloud: aes, aes192, aes256, des, 3des; AWS: aes, aes256; both: aes256, aes",
        );
        assert.equal(
            byField["p.ike.encryption"].fix,
            "set p.ike.encryption to aes256, the strongest value both Alibaba Cloud and AWS accept.",
        );
        assert.equal(byField["p.ipsec.pfs"].fix, "set p.ipsec.pfs to group14, the strongest value both Alibaba Cloud and AWS accept.");
        assert.equal(
            byField["p.ipsec.integrity"].fix,
            "set p.ipsec.integrity to sha256, the strongest value both Alibaba Cloud and AWS accept.",
        );
        assert.equal(
            byField["p.ipsec.lifetimeSeconds"].fix,
            "set p.ipsec.lifetimeSeconds to 900, the shortest lifetime both Alibaba Cloud and AWS accept.",
        );
        assert.match(byField["p.ike.encryption"].message, /API_VpnTunnelOptionsSpecification\.html/);
    });

    it("wires each Alibaba address to the AWS connection built for it", () => {
        assert.deepEqual(
            awsWiring().map((w) => `${w.alibabaConnection}:${w.role}->${w.awsConnection}${w.awsTunnel}#${w.index}`),
            ["0:master->A1#0", "0:slave->B1#2", "1:master->A2#1", "1:slave->B2#3"],
        );
    });

    it("picks free inside /30s around the reserved ones and those in use", () => {
        assert.deepEqual(defaultInsideCidrs([]), ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"]);
        assert.deepEqual(defaultInsideCidrs(["169.254.10.0/29"], 2), ["169.254.10.8/30", "169.254.10.12/30"]);
    });

    it("the plan carries the AWS tunnel options in AWS's spelling", () => {
        const { plan, findings } = planAwsCloudLink("bj-sg", { alibaba: linkArgs().alibaba, aws: linkArgs().aws! });
        assert.deepEqual(findings, []);
        assert.deepEqual(plan!.tunnelOptions, {
            ikeVersions: ["ikev2"],
            phase1EncryptionAlgorithms: ["AES256"],
            phase1IntegrityAlgorithms: ["SHA2-256"],
            phase1DhGroupNumbers: [14],
            phase1LifetimeSeconds: 28800,
            phase2EncryptionAlgorithms: ["AES256"],
            phase2IntegrityAlgorithms: ["SHA2-256"],
            phase2DhGroupNumbers: [14],
            phase2LifetimeSeconds: 3600,
        });
    });

    it("names the optional package when it is missing", () => {
        assert.throws(
            () => requireOptional("@pulumi/not-installed-cloud", "^1", 'CloudLink "x" to NotACloud'),
            /CloudLink "x" to NotACloud needs the package @pulumi\/not-installed-cloud, an optional peer dependency .* Fix: run `npm install @pulumi\/not-installed-cloud@\^1`/,
        );
    });
});

describe("CloudLink to AWS on the emulator", () => {
    it("builds both ends: AWS customer gateway per Alibaba address, tunnels wired to the connection of their own address", async () => {
        let link!: CloudLink;
        const emulator = await emulate(() => {
            link = new CloudLink("bj-sg", linkArgs());
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [gateway] = emulator.ofType(TYPES.gateway);
        assert.equal(gateway.region, "cn-beijing");
        assert.match(gateway.id, /^vpn-2ze/);
        const [vgw] = emulator.ofType(AWS_TYPES.vpnGateway);
        assert.match(vgw.id, /^vgw-0[0-9a-f]{16}$/);
        assert.equal(vgw.region, "ap-southeast-1");
        assert.equal(vgw.inputs.vpcId, "vpc-0a1b2c3d4e5f67890");

        const awsCgws = emulator.ofType(AWS_TYPES.customerGateway);
        const cgwFor = (ip: string) => awsCgws.find((c) => c.inputs.ipAddress === ip)!;
        const cgwA = cgwFor(gateway.outputs.internetIp);
        const cgwB = cgwFor(gateway.outputs.disasterRecoveryInternetIp);
        assert.ok(cgwA && cgwB && cgwA !== cgwB);
        assert.match(cgwA.id, /^cgw-0[0-9a-f]{16}$/);

        const conns = emulator.ofType(AWS_TYPES.vpnConnection);
        assert.equal(conns.length, 2);
        const connA = conns.find((c) => c.inputs.customerGatewayId === cgwA.id)!;
        const connB = conns.find((c) => c.inputs.customerGatewayId === cgwB.id)!;
        assert.match(connA.id, /^vpn-0[0-9a-f]{16}$/);
        for (const conn of [connA, connB]) {
            assert.equal(conn.inputs.vpnGatewayId, vgw.id);
            assert.equal(conn.inputs.staticRoutesOnly, true);
            assert.deepEqual(conn.inputs.tunnel1Phase1EncryptionAlgorithms, ["AES256"]);
            assert.deepEqual(conn.inputs.tunnel2Phase2DhGroupNumbers, [14]);
            assert.equal(conn.inputs.tunnel1Phase1LifetimeSeconds, 28800);
            assert.equal(conn.inputs.tunnel2Phase2LifetimeSeconds, 3600);
            assert.match(conn.outputs.tunnel1Address, /^203\.0\.113\.\d+$/);
            assert.ok(conn.secretInputPaths.includes("tunnel1PresharedKey"));
        }
        assert.deepEqual(
            [
                connA.inputs.tunnel1InsideCidr,
                connA.inputs.tunnel2InsideCidr,
                connB.inputs.tunnel1InsideCidr,
                connB.inputs.tunnel2InsideCidr,
            ],
            ["169.254.10.0/30", "169.254.10.4/30", "169.254.10.8/30", "169.254.10.12/30"],
        );
        assert.equal(connA.outputs.tunnel1VgwInsideAddress, "169.254.10.1");
        assert.equal(connA.outputs.tunnel1CgwInsideAddress, "169.254.10.2");

        // Alibaba connection k: master tunnel -> A's tunnel k, slave tunnel -> B's tunnel k, same keys on both ends.
        const aliCgws = new Map(emulator.ofType(TYPES.customerGateway).map((c) => [c.id, c.inputs.ipAddress]));
        const aliConns = emulator.ofType(TYPES.connection).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            aliConns.map((c) => c.name),
            ["bj-sg-aws-1-connection", "bj-sg-aws-2-connection"],
        );
        aliConns.forEach((conn, k) => {
            const n = k + 1;
            const [master, slave] = conn.inputs.tunnelOptionsSpecifications;
            assert.equal(master.role, "master");
            assert.equal(aliCgws.get(master.customerGatewayId), connA.outputs[`tunnel${n}Address`]);
            assert.equal(aliCgws.get(slave.customerGatewayId), connB.outputs[`tunnel${n}Address`]);
            assert.equal(master.tunnelIkeConfig.psk, connA.inputs[`tunnel${n}PresharedKey`]);
            assert.equal(slave.tunnelIkeConfig.psk, connB.inputs[`tunnel${n}PresharedKey`]);
            assert.equal(master.tunnelIkeConfig.ikeLifetime, 28800);
            assert.equal(slave.tunnelIpsecConfig.ipsecPfs, "group14");
            assert.deepEqual(conn.inputs.remoteSubnets, ["10.100.0.0/16"]);
        });
        const keys = await valueOf(link.psks);
        assert.equal(new Set(keys).size, 4);
        keys.forEach((k) => assert.match(k, /^[A-Za-z1-9][A-Za-z0-9]{31}$/));

        // Routes: AWS sends 172.16.0.0/16 into both connections; Alibaba prefers connection 1 (100) over 2 (0).
        assert.deepEqual(
            emulator
                .ofType(AWS_TYPES.vpnConnectionRoute)
                .map((r) => [r.inputs.vpnConnectionId, r.inputs.destinationCidrBlock])
                .sort(),
            [
                [connA.id, "172.16.0.0/16"],
                [connB.id, "172.16.0.0/16"],
            ].sort(),
        );
        assert.deepEqual(
            emulator.ofType(TYPES.vpnRoute).map((r) => [r.inputs.nextHop, r.inputs.weight]),
            [
                [aliConns[0].id, 100],
                [aliConns[1].id, 0],
            ],
        );
        assert.deepEqual(
            emulator.ofType(TYPES.vpcRoute).map((r) => r.inputs.destinationCidrblock),
            ["10.100.0.0/16"],
        );
        assert.deepEqual(
            emulator.ofType(AWS_TYPES.routePropagation).map((r) => r.id),
            [`${vgw.id}_rtb-0123456789abcdef0`],
        );
        assert.deepEqual(await valueOf(link.peerTunnelAddresses), [
            connA.outputs.tunnel1Address,
            connA.outputs.tunnel2Address,
            connB.outputs.tunnel1Address,
            connB.outputs.tunnel2Address,
        ]);
    });

    it("takes four given keys in AWS's order (A1, A2, B1, B2) and warns once about a short one, by its own index", async () => {
        const keys = ["Key_A1.aaaaaaaaaaaaaaaa", "Key_A2.bbbbbbbbbbbbbbbb", "KeyB1short", "Key_B2.dddddddddddddddd"];
        let link!: CloudLink;
        const emulator = await emulate(() => {
            link = new CloudLink("bj-sg", linkArgs({ psks: keys }));
        });
        assert.deepEqual(emulator.state.rejections, []);
        assert.deepEqual(
            link.details().findings.map((f) => `${f.severity} ${f.code} ${f.field}`),
            ["warning link.short-psk bj-sg.psks[2]"],
        );
        const conns = emulator.ofType(AWS_TYPES.vpnConnection).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            conns.flatMap((c) => [c.inputs.tunnel1PresharedKey, c.inputs.tunnel2PresharedKey]),
            keys,
        );
        const aliConns = emulator.ofType(TYPES.connection).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(
            aliConns.map((c) => c.inputs.tunnelOptionsSpecifications.map((t: any) => t.tunnelIkeConfig.psk)),
            [
                [keys[0], keys[2]],
                [keys[1], keys[3]],
            ],
        );
    });

    it("attaches to a transit gateway with its route table instead of a virtual private gateway", async () => {
        const emulator = await emulate(() => {
            new CloudLink(
                "bj-sg",
                linkArgs({
                    aws: {
                        region: "ap-southeast-1",
                        transitGatewayId: "tgw-0123456789abcdef0",
                        transitGatewayRouteTableId: "tgw-rtb-0123456789abcdef0",
                        vpcCidrs: ["10.100.0.0/16"],
                    },
                }),
            );
        });
        assert.deepEqual(emulator.state.rejections, []);
        assert.equal(emulator.ofType(AWS_TYPES.vpnGateway).length, 0);
        const conns = emulator.ofType(AWS_TYPES.vpnConnection);
        assert.deepEqual(
            conns.map((c) => c.inputs.transitGatewayId),
            ["tgw-0123456789abcdef0", "tgw-0123456789abcdef0"],
        );
        const [route] = emulator.ofType(AWS_TYPES.transitGatewayRoute);
        assert.equal(route.inputs.destinationCidrBlock, "172.16.0.0/16");
        assert.match(route.inputs.transitGatewayAttachmentId, /^tgw-attach-0[0-9a-f]{16}$/);
    });

    describe("bad input: refused before creation, nothing registered", () => {
        it("a region AWS does not have (an Alibaba region id)", async () => {
            const { lines, recorded } = await refused(linkArgs({ aws: { ...linkArgs().aws!, region: "cn-beijing" } }));
            assert.equal(recorded, 0);
            assert.deepEqual(lines, [
                'error [bj-sg] bj-sg.aws.region = "cn-beijing": AWS has no region of this name (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html); ' +
                    "it looks like an Alibaba Cloud region id. Fix: set bj-sg.aws.region to cn-north-1, the AWS region in the same place, or another AWS region id.",
            ]);
        });

        it("an inside CIDR clash (twice in the list, and with a connection already on the gateway)", async () => {
            const { lines, recorded } = await refused(
                linkArgs({
                    aws: {
                        ...linkArgs().aws!,
                        insideCidrs: ["169.254.20.0/30", "169.254.20.4/30", "169.254.20.0/30", "169.254.30.0/30"],
                        insideCidrsInUse: ["169.254.30.0/30"],
                    },
                }),
            );
            assert.equal(recorded, 0);
            assert.equal(lines.length, 2);
            assert.match(
                lines[0],
                /^error \[bj-sg\] bj-sg\.aws\.insideCidrs\[2\] = "169\.254\.20\.0\/30": bj-sg\.aws\.insideCidrs\[0\] already uses it; inside CIDRs must be unique/,
            );
            assert.match(lines[0], /Fix: set bj-sg\.aws\.insideCidrs\[2\] to a free \/30 such as 169\.254\.10\.0\/30\.$/);
            assert.match(
                lines[1],
                /bj-sg\.aws\.insideCidrs\[3\] = "169\.254\.30\.0\/30": another VPN connection on the gateway uses 169\.254\.30\.0\/30/,
            );
        });

        it("a reserved inside CIDR", async () => {
            const { lines, recorded } = await refused(
                linkArgs({
                    aws: {
                        ...linkArgs().aws!,
                        insideCidrs: ["169.254.169.252/30", "169.254.20.4/30", "169.254.20.8/30", "169.254.20.12/30"],
                    },
                }),
            );
            assert.equal(recorded, 0);
            assert.equal(lines.length, 1);
            assert.match(lines[0], /bj-sg\.aws\.insideCidrs\[0\] = "169\.254\.169\.252\/30": AWS reserves 169\.254\.169\.252\/30/);
        });

        it("a pre-shared key AWS refuses (Alibaba would take it), value never shown", async () => {
            const { lines, recorded } = await refused(linkArgs({ psks: ["0penSesame-2026!"] }));
            assert.equal(recorded, 0);
            assert.equal(lines.length, 1);
            assert.equal(
                lines[0],
                'error [bj-sg] bj-sg.psks[0] = "[secret]": AWS takes only letters, digits, periods and underscores in a pre-shared key (this one has "-!") ' +
                    "(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpnTunnelOptionsSpecification.html). Allowed: 8-64 characters of A-Z a-z 0-9 . _, not starting with 0. " +
                    "Fix: set bj-sg.psks[0] to 8-64 letters, digits, periods or underscores not starting with 0, or leave bj-sg.psks out for random keys.",
            );
            const starts0 = await refused(linkArgs({ psks: ["0penSesame2026xyz"] }));
            assert.match(starts0.lines[0], /AWS refuses a pre-shared key that starts with 0/);
            assert.equal(starts0.recorded, 0);
        });

        it("a profile outside the intersection", async () => {
            const { lines, recorded } = await refused(
                linkArgs({ profile: { ike: { lifetimeSeconds: 86400, encryption: "aes192" }, ipsec: { pfs: "disabled" } } }),
            );
            assert.equal(recorded, 0);
            assert.deepEqual(
                lines.map((l) => l.split(":")[0]),
                [
                    'error [bj-sg] bj-sg.profile.ike.encryption = "aes192"',
                    'error [bj-sg] bj-sg.profile.ipsec.pfs = "disabled"',
                    "error [bj-sg] bj-sg.profile.ike.lifetimeSeconds = 86400",
                ],
            );
            assert.match(
                lines[2],
                /Fix: set bj-sg\.profile\.ike\.lifetimeSeconds to 28800, the longest lifetime both Alibaba Cloud and AWS accept\.$/,
            );
        });

        it("an Alibaba mistake is still found (the site planner runs on the Alibaba end)", async () => {
            const { lines, recorded } = await refused(linkArgs({ alibaba: { ...linkArgs().alibaba, bandwidth: 15 } }));
            assert.equal(recorded, 0);
            assert.match(lines[0], /^error \[bj-sg\] bj-sg\.alibaba\.bandwidth = 15:/);
        });
    });
});

describe("the AWS emulator's own refusals (raw resources)", () => {
    it("refuses a key AWS refuses, a reserved inside CIDR and a lifetime out of range, with AWS's words", async () => {
        const aws = await import("@pulumi/aws");
        const emulator = await emulate(() => {
            const vgw = new aws.ec2.VpnGateway("vgw", { vpcId: "vpc-0a1b2c3d4e5f67890", region: "ap-southeast-1" });
            const cgw = new aws.ec2.CustomerGateway("cgw", {
                ipAddress: "198.51.100.7",
                bgpAsn: "65000",
                type: "ipsec.1",
                region: "ap-southeast-1",
            });
            const base = {
                customerGatewayId: cgw.id,
                vpnGatewayId: vgw.id,
                type: "ipsec.1",
                staticRoutesOnly: true,
                region: "ap-southeast-1",
            };
            new aws.ec2.VpnConnection("bad-key", { ...base, tunnel1PresharedKey: "0abcdefgh" });
            new aws.ec2.VpnConnection("reserved", { ...base, tunnel1InsideCidr: "169.254.5.0/30" });
            new aws.ec2.VpnConnection("lifetime", { ...base, tunnel2Phase1LifetimeSeconds: 86400 });
            new aws.ec2.VpnGateway("nowhere", { region: "cn-beijing" });
        });
        const byName = Object.fromEntries(emulator.state.rejections.map((r) => [r.name, `${r.code}: ${r.message}`]));
        assert.match(
            byName["bad-key"],
            /^InvalidParameterValue: Invalid value for Tunnel1PresharedKey\. .*cannot start with zero \(0\)\.$/,
        );
        assert.equal(byName.reserved, "InvalidParameterValue: Tunnel1InsideCidr 169.254.5.0/30 is reserved and cannot be used.");
        assert.equal(
            byName.lifetime,
            "InvalidParameterValue: Value (86400) for parameter Tunnel2Phase1LifetimeSeconds is invalid. Constraints: a value between 900 and 28800.",
        );
        assert.equal(byName.nowhere, "InvalidRegion: invalid AWS Region: cn-beijing");
    });

    it("refuses an inside CIDR another connection on the gateway uses", async () => {
        const aws = await import("@pulumi/aws");
        const emulator = await emulate(() => {
            const vgw = new aws.ec2.VpnGateway("vgw", { vpcId: "vpc-0a1b2c3d4e5f67890", region: "ap-southeast-1" });
            const cgws = [7, 8].map(
                (n) =>
                    new aws.ec2.CustomerGateway(`cgw-${n}`, {
                        ipAddress: `198.51.100.${n}`,
                        bgpAsn: "65000",
                        type: "ipsec.1",
                        region: "ap-southeast-1",
                    }),
            );
            const first = new aws.ec2.VpnConnection("first", {
                customerGatewayId: cgws[0].id,
                vpnGatewayId: vgw.id,
                type: "ipsec.1",
                region: "ap-southeast-1",
                tunnel1InsideCidr: "169.254.44.0/30",
            });
            new aws.ec2.VpnConnection(
                "second",
                {
                    customerGatewayId: cgws[1].id,
                    vpnGatewayId: vgw.id,
                    type: "ipsec.1",
                    region: "ap-southeast-1",
                    tunnel2InsideCidr: "169.254.44.0/30",
                },
                { dependsOn: [first] },
            );
        });
        assert.equal(emulator.state.rejections.length, 1);
        assert.match(
            emulator.state.rejections[0].message,
            /^The tunnel inside CIDR 169\.254\.44\.0\/30 is already in use by vpn-0[0-9a-f]{16} on vgw-0[0-9a-f]{16}\.$/,
        );
    });
});

describe("CloudLink without the optional @pulumi/aws", () => {
    it("names the package to install and registers nothing", async () => {
        // Make `require("@pulumi/aws")` fail as it does where the package is not installed.
        const Module = require("node:module");
        // Module._load, not _resolveFilename: an earlier require of the package is cached per requiring file.
        const original = Module._load;
        Module._load = function (request: string, ...rest: unknown[]) {
            if (request === "@pulumi/aws") {
                const err: NodeJS.ErrnoException = new Error("Cannot find module '@pulumi/aws'");
                err.code = "MODULE_NOT_FOUND";
                throw err;
            }
            return original.call(this, request, ...rest);
        };
        let error: unknown;
        try {
            const emulator = await emulate(() => {
                try {
                    new CloudLink("bj-sg", linkArgs());
                } catch (err) {
                    error = err;
                }
            });
            assert.equal(emulator.state.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").length, 0);
        } finally {
            Module._load = original;
        }
        assert.equal(
            (error as Error)?.message,
            'CloudLink "bj-sg" to AWS needs the package @pulumi/aws, an optional peer dependency of alicloud-vpn that is not installed. ' +
                "Fix: run `npm install @pulumi/aws@^7` in your Pulumi project (nothing was created).",
        );
    });
});

import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, planScenario } from "../cli/plan";
import { AlibabaCloudEmulator, TYPES } from "../emulator";
import { TopologyError, formatFinding } from "../model/findings";

const SAMPLE = path.join(ROOT, "Pulumi.openvpn-mesh-dev.yaml");

describe("offline plan of the OpenVPN mesh stack (seed 003)", function () {
    let report: Awaited<ReturnType<typeof planScenario>>;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-mesh-"));

    before(async () => {
        report = await planScenario("openvpn-mesh", { outDir });
    });

    // The written configs hold keys: leave nothing behind in the shared temporary directory.
    after(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it("creates the seed's Alibaba resources: VPC, vSwitch, security group with 4 rules, instance, 4 routes, key delivery", () => {
        const count = (type: string) => report.resources.filter((r) => r.type === type).length;
        assert.deepEqual(
            [TYPES.vpc, TYPES.vswitch, TYPES.securityGroup, TYPES.securityGroupRule, TYPES.instance, TYPES.vpcRoute, TYPES.oosSecretParameter, TYPES.ramRole, TYPES.ramPolicy, TYPES.ramRolePolicyAttachment, TYPES.ramRoleAttachment, TYPES.command, TYPES.ecsInvocation].map(count),
            [1, 1, 1, 4, 1, 4, 2, 1, 1, 1, 1, 1, 1],
        );
        assert.deepEqual([TYPES.privateKey, TYPES.selfSignedCert, TYPES.certRequest, TYPES.locallySignedCert, TYPES.randomBytes].map(count), [4, 1, 3, 3, 1]);
        const instance = report.resources.find((r) => r.type === TYPES.instance)!;
        assert.equal(instance.inputs.imageId, "debian_12_11_x64_20G_alibase_20250825.vhd");
        assert.equal(instance.outputs.privateIp, "172.31.24.222");
        assert.equal(report.findings.length, 0);
    });

    it("writes the server config, ccd files, client bundles and user data with mode 600", () => {
        assert.deepEqual(Object.keys(report.peerConfigs).sort(), [
            "ccd/huawei-es",
            "ccd/tencent-web",
            "cncfstack-reconfigure.sh",
            "cncfstack-server.conf",
            "cncfstack-user-data.sh",
            "huawei-es-setup.sh",
            "huawei-es.ovpn",
            "tencent-web-setup.sh",
            "tencent-web.ovpn",
        ]);
        for (const file of Object.keys(report.peerConfigs)) {
            assert.equal(fs.statSync(path.join(outDir, file)).mode & 0o777, 0o600, file);
            assert.equal(fs.readFileSync(path.join(outDir, file), "utf8"), report.peerConfigs[file]);
        }
        const instance = report.resources.find((r) => r.type === TYPES.instance)!;
        assert.match(report.peerConfigs["huawei-es.ovpn"], new RegExp(`^remote ${instance.outputs.publicIp.replace(/\./g, "\\.")} 1194$`, "m"));
        assert.match(report.peerConfigs["cncfstack-server.conf"], /^push "route 172\.31\.0\.0 255\.255\.0\.0"$/m);
        assert.equal(report.peerConfigs["ccd/tencent-web"], "# tencent-web: networks behind this client\niroute 172.25.16.0 255.255.240.0\n");
        assert.equal(report.peerConfigs["cncfstack-user-data.sh"], instance.inputs.userData);
        const command = report.resources.find((r) => r.type === TYPES.command)!;
        assert.equal(Buffer.from(command.inputs.commandContent, "base64").toString("utf8"), report.peerConfigs["cncfstack-reconfigure.sh"]);
    });

    it("shows no private key in the tree or the outputs", () => {
        assert.equal(report.outputs.clientBundles, "[secret]");
        assert.match(report.tree, /secretParameterName=openvpn-mesh\/cncfstack\/server-key value=\[secret\]/);
        assert.doesNotMatch(report.tree + JSON.stringify(report.outputs), /PRIVATE KEY|Static key/);
    });

    it("refuses overlapping LANs from the YAML with the key path and creates nothing", async () => {
        const file = path.join(outDir, "Pulumi.openvpn-mesh-bad.yaml");
        fs.writeFileSync(file, fs.readFileSync(SAMPLE, "utf8").replace("- 172.25.16.0/20", "- 192.168.12.0/23"));
        const emulator = new AlibabaCloudEmulator();
        await assert.rejects(planScenario("openvpn-mesh", { stackFile: file, write: false, emulator }), (err: unknown) => {
            assert.ok(err instanceof TopologyError);
            assert.match(err.message, /alicloud-vpn:openvpn-mesh\.clients\[1\]\.lans\[0\] = "192\.168\.12\.0\/23": overlaps alicloud-vpn:openvpn-mesh\.clients\[0\]\.lans\[1\] \(192\.168\.12\.0\/24\)/);
            return true;
        });
        assert.equal(emulator.state.cloudResources().length, 0);
    });

    // Issue 12: each of these reached the emulator (a refusal, and before that a crash of the plan); now the
    // topology pass refuses it before anything is registered, naming the key.
    for (const [what, from, to, expected] of [
        [
            "a vSwitch outside the VPC",
            "cidr: 172.31.16.0/20",
            "cidr: 172.30.16.0/20",
            [
                'error [cncfstack] alicloud-vpn:openvpn-mesh.vswitch.cidr = "172.30.16.0/20": the vSwitch block is not inside the VPC block 172.31.0.0/16; CreateVSwitch refuses it. Fix: choose alicloud-vpn:openvpn-mesh.vswitch.cidr inside 172.31.0.0/16 (e.g. 172.31.0.0/20), or widen alicloud-vpn:openvpn-mesh.vpcCidr.',
                // The sample's fixed server address stays in the old vSwitch: a second, real problem.
                `error [cncfstack] alicloud-vpn:openvpn-mesh.server.privateIp = "172.31.24.222": the server's private IP must be an address of its vSwitch 172.30.16.0/20. Fix: choose alicloud-vpn:openvpn-mesh.server.privateIp inside 172.30.16.0/20, e.g. 172.30.16.10, or leave it unset to let Alibaba pick one.`,
            ],
        ],
        [
            "a client LAN over Alibaba's service addresses in 100.64.0.0/10",
            "- 192.168.12.0/24",
            "- 100.100.50.0/24",
            [
                'error [cncfstack] alicloud-vpn:openvpn-mesh.clients[0].lans[1] = "100.100.50.0/24": the mesh routes each LAN from the VPC to the server: a VPC route to 100.100.50.0/24 would send the VPC\'s traffic to Alibaba\'s own services (100.100.0.0/16: DNS 100.100.2.136, metadata 100.100.100.200) away from them. Fix: renumber that LAN out of 100.64.0.0/10, or leave it out of alicloud-vpn:openvpn-mesh.clients[0].lans[1].',
            ],
        ],
        [
            "a VPC block inside 100.64.0.0/10",
            /172\.31\./g,
            "100.96.",
            [
                'error [cncfstack] alicloud-vpn:openvpn-mesh.vpcCidr = "100.96.0.0/16": the VPC block overlaps 100.64.0.0/10, which Alibaba reserves; CreateVpc refuses it. Fix: choose alicloud-vpn:openvpn-mesh.vpcCidr in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. 172.31.0.0/16.',
            ],
        ],
    ] as const) {
        it(`refuses ${what} before anything is registered`, async () => {
            const file = path.join(outDir, "Pulumi.openvpn-mesh-placement.yaml");
            const text = fs.readFileSync(SAMPLE, "utf8");
            const edited = text.replace(from, to);
            assert.notEqual(edited, text);
            fs.writeFileSync(file, edited);
            const emulator = new AlibabaCloudEmulator();
            await assert.rejects(planScenario("openvpn-mesh", { stackFile: file, write: false, emulator }), (err: unknown) => {
                assert.ok(err instanceof TopologyError);
                assert.deepEqual(
                    err.findings.filter((f) => f.severity === "error").map(formatFinding),
                    expected,
                );
                return true;
            });
            assert.equal(emulator.state.cloudResources().length, 0);
            assert.equal(emulator.state.rejections.length, 0);
        });
    }

    it("reports the legacy switch as two warnings when the YAML asks for it", async () => {
        const file = path.join(outDir, "Pulumi.openvpn-mesh-legacy.yaml");
        fs.writeFileSync(file, fs.readFileSync(SAMPLE, "utf8").replace("    keyDelivery: oos-secret-parameter", '    keyDelivery: oos-secret-parameter\n    legacyCompat:\n      reason: "hand-built CentOS 7 clients from the seed"'));
        const legacy = await planScenario("openvpn-mesh", { stackFile: file, write: false });
        assert.deepEqual(legacy.findings.map((f) => `${f.severity} ${f.code} ${f.field}`), [
            "warning mesh.legacy-cipher alicloud-vpn:openvpn-mesh.legacyCompat",
            "warning mesh.legacy-compression alicloud-vpn:openvpn-mesh.legacyCompat",
        ]);
        assert.match(legacy.peerConfigs["cncfstack-server.conf"], /^data-ciphers-fallback AES-256-CBC$/m);
    });
});

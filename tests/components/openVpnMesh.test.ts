import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { OpenVpnMesh, OpenVpnMeshArgs, openVpnMeshTopology } from "../../components/openVpnMesh";
import { AlibabaCloudEmulator, RecordedResource, TYPES } from "../../emulator";
import * as path from "node:path";
import { checkTopology } from "../../checks";
import { ROOT, loadStackConfig } from "../../cli/plan";
import { OpenvpnMeshConfig, openvpnMesh, openvpnMeshSchema } from "../../stacks/openvpnMesh";
import * as fs from "node:fs";
import { configDigest, renderCcd } from "../../renderers/openvpn";
import { emulate, refusal, runReconfigure, scratchServerRoot, valueOf } from "../helpers";

const clients = [
    { name: "huawei-es", cloud: "huawei" as const, publicIp: "203.0.113.21", lans: ["192.168.0.0/24", "192.168.12.0/24"] },
    { name: "tencent-web", cloud: "tencent" as const, publicIp: "203.0.113.22", lans: ["172.25.16.0/20"] },
];

/** A VPC and vSwitch, then the mesh in them. */
function network(overrides: Partial<OpenVpnMeshArgs> = {}): { mesh: OpenVpnMesh } {
    const vpc = new alicloud.vpc.Network("vpc", { cidrBlock: "172.31.0.0/16" });
    const vswitch = new alicloud.vpc.Switch("vsw", { vpcId: vpc.id, zoneId: "cn-hangzhou-i", cidrBlock: "172.31.16.0/20" });
    const mesh = new OpenVpnMesh("cncf", {
        vpcCidr: "172.31.0.0/16",
        vpcId: vpc.id,
        vswitchId: vswitch.id,
        routeTableId: vpc.routeTableId,
        imageId: "debian_12_11_x64_20G_alibase_20250825.vhd",
        instanceType: "ecs.e-c1m2.large",
        privateIp: "172.31.24.222",
        clients,
        extraIngress: [{ protocol: "tcp", portRange: "22/22", cidr: "203.0.113.0/28", description: "ops" }],
        ...overrides,
    });
    return { mesh };
}

function x509Text(pem: string): string {
    return execFileSync("openssl", ["x509", "-noout", "-text"], { input: pem }).toString();
}

describe("OpenVpnMesh on the emulator", () => {
    let emulator: AlibabaCloudEmulator;
    let mesh: OpenVpnMesh;

    before(async () => {
        emulator = await emulate(() => {
            mesh = network().mesh;
        });
    });

    it("is accepted by (emulated) Alibaba Cloud and registers every child under the component", () => {
        assert.deepEqual(emulator.state.rejections, []);
        const component = emulator.ofType("alicloud-vpn:index:OpenVpnMesh")[0];
        const children = emulator.state.children(component.urn).map((r) => r.type);
        for (const type of [TYPES.instance, TYPES.securityGroup, TYPES.securityGroupRule, TYPES.vpcRoute, TYPES.oosSecretParameter, TYPES.ramRole, TYPES.ramRoleAttachment, TYPES.privateKey, TYPES.randomBytes]) {
            assert.ok(children.includes(type), `${type} is not a child of the component`);
        }
    });

    it("opens only the OpenVPN port to each named peer, plus forwarding from the VPC and the requested rule", () => {
        const [group] = emulator.ofType(TYPES.securityGroup);
        const [vpc] = emulator.ofType(TYPES.vpc);
        assert.equal(group.inputs.vpcId, vpc.id);
        assert.match(group.id, /^sg-bp1[0-9a-z]{21}$/);
        // Keyed by resource name: rules waiting on the same group id may register in any order.
        const rules = Object.fromEntries(emulator.ofType(TYPES.securityGroupRule).map((r) => [r.name, [r.inputs.securityGroupId === group.id, r.inputs.type, r.inputs.ipProtocol, r.inputs.portRange, r.inputs.cidrIp, r.inputs.nicType, r.inputs.policy]]));
        assert.deepEqual(rules, {
            "cncf-sg-openvpn-huawei-es": [true, "ingress", "udp", "1194/1194", "203.0.113.21/32", "intranet", "accept"],
            "cncf-sg-openvpn-tencent-web": [true, "ingress", "udp", "1194/1194", "203.0.113.22/32", "intranet", "accept"],
            "cncf-sg-forward-172-31-0-0-16": [true, "ingress", "all", "-1/-1", "172.31.0.0/16", "intranet", "accept"],
            "cncf-sg-extra-0": [true, "ingress", "tcp", "22/22", "203.0.113.0/28", "intranet", "accept"],
        });
    });

    it("creates the instance in the vSwitch with its security group, a public IP and the user data", async () => {
        const [instance] = emulator.ofType(TYPES.instance);
        const [vswitch] = emulator.ofType(TYPES.vswitch);
        const [group] = emulator.ofType(TYPES.securityGroup);
        assert.match(instance.id, /^i-bp1[0-9a-z]{21}$/);
        assert.equal(instance.inputs.vswitchId, vswitch.id);
        assert.deepEqual(instance.inputs.securityGroups, [group.id]);
        assert.equal(instance.inputs.imageId, "debian_12_11_x64_20G_alibase_20250825.vhd");
        assert.equal(instance.outputs.privateIp, "172.31.24.222");
        assert.equal(instance.outputs.publicIp, await valueOf(mesh.publicIp));
        assert.match(instance.outputs.publicIp, /^198\.51\.100\.\d+$/);
        assert.equal(instance.inputs.userData, await valueOf(mesh.userData));
        assert.match(instance.inputs.userData, /^systemctl enable --now openvpn-server@cncf$/m);
    });

    it("routes every client LAN and the tunnel pool to the instance", () => {
        const [instance] = emulator.ofType(TYPES.instance);
        const [vpc] = emulator.ofType(TYPES.vpc);
        const routes = Object.fromEntries(emulator.ofType(TYPES.vpcRoute).map((r) => [r.inputs.destinationCidrblock, [r.inputs.routeTableId, r.inputs.nexthopType, r.inputs.nexthopId]]));
        const toInstance = [vpc.outputs.routeTableId, "Instance", instance.id];
        assert.deepEqual(routes, { "192.168.0.0/24": toInstance, "192.168.12.0/24": toInstance, "172.25.16.0/20": toInstance, "10.8.0.0/24": toInstance });
    });

    it("issues ECDSA P-256 certificates whose key usages satisfy remote-cert-tls (server_auth / client_auth)", () => {
        const keys = emulator.ofType(TYPES.privateKey);
        assert.deepEqual(keys.map((k) => [k.name, k.inputs.algorithm, k.inputs.ecdsaCurve]), [
            ["cncf-ca-key", "ECDSA", "P256"],
            ["cncf-server-key", "ECDSA", "P256"],
            ["cncf-client-huawei-es-key", "ECDSA", "P256"],
            ["cncf-client-tencent-web-key", "ECDSA", "P256"],
        ]);
        const byName = new Map<string, RecordedResource>([...emulator.ofType(TYPES.locallySignedCert), ...emulator.ofType(TYPES.selfSignedCert)].map((c) => [c.name, c]));
        const ca = x509Text(byName.get("cncf-ca")!.outputs.certPem);
        assert.match(ca, /CA:TRUE/);
        assert.match(ca, /Certificate Sign, CRL Sign/);
        const server = x509Text(byName.get("cncf-server-cert")!.outputs.certPem);
        assert.match(server, /Subject: O = alicloud-vpn, CN = cncf-server/);
        assert.match(server, /X509v3 Key Usage: critical\n\s+Digital Signature\n/);
        assert.match(server, /X509v3 Extended Key Usage: \n\s+TLS Web Server Authentication\n/);
        assert.match(server, /ASN1 OID: prime256v1/);
        const client = x509Text(byName.get("cncf-client-huawei-es-cert")!.outputs.certPem);
        assert.match(client, /CN = huawei-es/);
        assert.match(client, /TLS Web Client Authentication/);
        assert.doesNotMatch(client, /TLS Web Server Authentication/);
    });

    it("keeps every private key secret: tls outputs, OOS values, client bundles; none in the user data", async () => {
        for (const key of emulator.ofType(TYPES.privateKey)) {
            assert.deepEqual(key.additionalSecretOutputs, ["privateKeyOpenssh", "privateKeyPem", "privateKeyPemPkcs8"]);
        }
        assert.deepEqual(emulator.ofType(TYPES.randomBytes)[0].additionalSecretOutputs, ["base64", "hex"]);
        for (const cert of emulator.ofType(TYPES.locallySignedCert)) {
            assert.ok(cert.secretInputPaths.includes("caPrivateKeyPem"), `${cert.name}: caPrivateKeyPem not secret`);
        }
        const parameters = emulator.ofType(TYPES.oosSecretParameter).sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(parameters.map((p) => [p.inputs.secretParameterName, p.secretInputPaths, p.additionalSecretOutputs]), [
            ["openvpn-mesh/cncf/server-key", ["value"], ["value"]],
            ["openvpn-mesh/cncf/tls-crypt-key", ["value"], ["value"]],
        ]);
        const serverKey = emulator.ofType(TYPES.privateKey).find((k) => k.name === "cncf-server-key")!.outputs.privateKeyPem;
        assert.equal(parameters[0].inputs.value, serverKey);
        assert.match(parameters[1].inputs.value, /^-----BEGIN OpenVPN Static key V1-----$/m);
        const [instance] = emulator.ofType(TYPES.instance);
        assert.deepEqual(instance.secretInputPaths, []);
        assert.doesNotMatch(instance.inputs.userData, /PRIVATE KEY|Static key/);
        assert.equal(await pulumi.isSecret(mesh.clientBundles), true);
        assert.equal(await pulumi.isSecret(mesh.userData), false);
    });

    it("lets only the instance's role read the two parameters", () => {
        const [role] = emulator.ofType(TYPES.ramRole);
        const [policy] = emulator.ofType(TYPES.ramPolicy);
        const [attachment] = emulator.ofType(TYPES.ramRoleAttachment);
        const [instance] = emulator.ofType(TYPES.instance);
        assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicyDocument).Statement[0].Principal, { Service: ["ecs.aliyuncs.com"] });
        assert.deepEqual(JSON.parse(policy.inputs.policyDocument).Statement[0], {
            Effect: "Allow",
            Action: ["oos:GetSecretParameter"],
            Resource: ["acs:oos:*:*:secretparameter/openvpn-mesh/cncf/server-key", "acs:oos:*:*:secretparameter/openvpn-mesh/cncf/tls-crypt-key"],
        });
        assert.deepEqual([attachment.inputs.instanceId, attachment.inputs.ramRoleName], [instance.id, "cncf-openvpn-server"]);
        // The parameters and the grant exist before the instance boots.
        const waits = emulator.state.transitiveDependencies(instance.urn);
        for (const before of [...emulator.ofType(TYPES.oosSecretParameter), ...emulator.ofType(TYPES.ramRolePolicyAttachment)]) {
            assert.ok(waits.has(before.urn), `the instance does not wait for ${before.name}`);
        }
    });

    it("hands each client a bundle with its own certificate and key, the server's public IP and the tls-crypt key", async () => {
        const bundles = await valueOf(mesh.clientBundles);
        assert.deepEqual(Object.keys(bundles), ["huawei-es", "tencent-web"]);
        const [instance] = emulator.ofType(TYPES.instance);
        const keyOf = (name: string) => emulator.ofType(TYPES.privateKey).find((k) => k.name === `cncf-client-${name}-key`)!.outputs.privateKeyPem.trim();
        const certOf = (name: string) => emulator.ofType(TYPES.locallySignedCert).find((c) => c.name === `cncf-client-${name}-cert`)!.outputs.certPem.trim();
        const tlsCrypt = emulator.ofType(TYPES.oosSecretParameter).find((p) => p.name === "cncf-tls-crypt-key")!.inputs.value.trim();
        for (const name of ["huawei-es", "tencent-web"]) {
            const ovpn = bundles[name].ovpn;
            assert.ok(ovpn.includes(`<key>\n${keyOf(name)}\n</key>`), `${name}: not its own key`);
            assert.ok(ovpn.includes(`<cert>\n${certOf(name)}\n</cert>`), `${name}: not its own certificate`);
            assert.ok(ovpn.includes(`<tls-crypt>\n${tlsCrypt}\n</tls-crypt>`));
            assert.match(ovpn, new RegExp(`^remote ${instance.outputs.publicIp.replace(/\./g, "\\.")} 1194$`, "m"));
        }
        assert.notEqual(keyOf("huawei-es"), keyOf("tencent-web"));
        assert.match(bundles["huawei-es"].setup, /Source\/Destination Check/);
        assert.deepEqual(mesh.ccdFiles, {
            "huawei-es": "# huawei-es: networks behind this client\niroute 192.168.0.0 255.255.255.0\niroute 192.168.12.0 255.255.255.0\n",
            "tencent-web": "# tencent-web: networks behind this client\niroute 172.25.16.0 255.255.240.0\n",
        });
    });

    it("pushes the configuration with Cloud Assistant: an invocation runs the command on the server instance", () => {
        const [instance] = emulator.ofType(TYPES.instance);
        const [command] = emulator.ofType(TYPES.command);
        const [invocation] = emulator.ofType(TYPES.ecsInvocation);
        const component = emulator.ofType("alicloud-vpn:index:OpenVpnMesh")[0];
        assert.match(command.id, /^c-hz0[0-9a-z]{13}$/);
        assert.match(invocation.id, /^t-hz0[0-9a-z]{13}$/);
        assert.deepEqual([invocation.inputs.commandId, invocation.inputs.instanceIds, invocation.inputs.repeatMode, invocation.outputs.status], [command.id, [instance.id], "Once", "Success"]);
        assert.deepEqual([command.parent, invocation.parent], [component.urn, component.urn]);
        const script = Buffer.from(command.inputs.commandContent, "base64").toString("utf8");
        assert.equal(script, mesh.reconfigureScript);
        assert.deepEqual([command.inputs.type, command.inputs.name, command.inputs.timeout, command.inputs.workingDir], ["RunShellScript", `cncf-openvpn-config-${configDigest(script)}`, 1200, "/root"]);
        // Every client's ccd lines, and the server's route lines, in the script.
        for (const client of mesh.mesh.clients) {
            for (const line of renderCcd(client).trim().split("\n")) {
                assert.ok(script.split("\n").includes(line), `${client.name}: ${line}`);
            }
            assert.ok(script.includes(`put 644 "$ROOT/etc/openvpn/server/cncf/ccd/${client.name}" <<'OPENVPN_MESH_EOF'`));
        }
        assert.match(script, /^route 172\.25\.16\.0 255\.255\.240\.0$/m);
        assert.match(script, /^    systemctl restart openvpn-server@cncf$/m);
        // No key travels with it: nothing secret in the command, and it is no secret input either.
        assert.doesNotMatch(script, /PRIVATE KEY|Static key/);
        assert.deepEqual([command.secretInputPaths, invocation.secretInputPaths], [[], []]);
        // The run waits for the role attachment (the first boot's key fetch) and for the instance.
        const waits = emulator.state.transitiveDependencies(invocation.urn);
        for (const before of [instance, command, ...emulator.ofType(TYPES.ramRoleAttachment)]) {
            assert.ok(waits.has(before.urn), `the invocation does not wait for ${before.name}`);
        }
    });
});

describe("OpenVpnMesh: a changed client list reaches the running server", () => {
    /** Plans the mesh with `meshClients` and returns what a `pulumi up` would send for the push and the first boot. */
    async function plan(meshClients: OpenVpnMeshArgs["clients"]) {
        let mesh!: OpenVpnMesh;
        const emulator = await emulate(() => {
            mesh = network({ clients: meshClients }).mesh;
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [command] = emulator.ofType(TYPES.command);
        const [invocation] = emulator.ofType(TYPES.ecsInvocation);
        const [instance] = emulator.ofType(TYPES.instance);
        return { mesh, command, invocation, instance, script: Buffer.from(command.inputs.commandContent, "base64").toString("utf8") };
    }
    /** The user data without the bodies of its heredocs: the first-boot steps, not the file contents. */
    const shape = (userData: string) => userData.replace(/<<'OPENVPN_MESH_EOF'\n[^]*?\nOPENVPN_MESH_EOF$/gm, "<<'OPENVPN_MESH_EOF' … OPENVPN_MESH_EOF");

    it("gives the same command for the same clients (nothing runs again) and a new one when a client's LANs change", async () => {
        const sample = await plan(clients);
        const same = await plan(clients.map((c) => ({ ...c, lans: [...c.lans] })));
        assert.deepEqual([same.command.inputs.name, same.command.inputs.commandContent, same.command.id], [sample.command.inputs.name, sample.command.inputs.commandContent, sample.command.id]);

        const changed = await plan([clients[0], { ...clients[1], lans: ["172.25.16.0/20", "10.40.0.0/24"] }]);
        // alicloud_ecs_command has no update (every argument ForceNew): a new name and content replace it, and
        // the invocation, whose command_id is ForceNew too, is replaced with it: the script runs again.
        assert.notEqual(changed.command.inputs.name, sample.command.inputs.name);
        assert.notEqual(changed.command.inputs.commandContent, sample.command.inputs.commandContent);
        assert.notEqual(changed.invocation.inputs.commandId, sample.invocation.inputs.commandId);
        assert.deepEqual(changed.invocation.inputs.instanceIds, [changed.instance.id]);
        assert.match(changed.script, /^iroute 10\.40\.0\.0 255\.255\.255\.0$/m);
        assert.match(changed.script, /^route 10\.40\.0\.0 255\.255\.255\.0$/m);
        assert.match(changed.script, /^push "route 10\.40\.0\.0 255\.255\.255\.0"$/m);
        // The first-boot path keeps its shape: same instance, same steps; only the files it writes differ.
        assert.equal(changed.instance.urn, sample.instance.urn);
        assert.equal(shape(changed.instance.inputs.userData), shape(sample.instance.inputs.userData));
        assert.notEqual(changed.instance.inputs.userData, sample.instance.inputs.userData);
        assert.match(changed.instance.inputs.userData, /^systemctl enable --now openvpn-server@cncf$/m);
        assert.doesNotMatch(changed.script, /PRIVATE KEY|Static key/);
    });

    it("removes a dropped client's ccd file on the server (run against a scratch root)", async () => {
        const sample = await plan(clients);
        const reduced = await plan([clients[0]]);
        assert.notEqual(reduced.command.inputs.name, sample.command.inputs.name);
        assert.doesNotMatch(reduced.script, /ccd\/tencent-web/);
        assert.match(reduced.script, /^        huawei-es\) ;;$/m);

        const root = scratchServerRoot("cncf");
        try {
            const first = runReconfigure(sample.script, root);
            assert.equal(first.status, 0, first.stderr);
            const ccd = `${root}/etc/openvpn/server/cncf/ccd`;
            assert.deepEqual(fs.readdirSync(ccd).sort(), ["huawei-es", "tencent-web"]);
            const after = runReconfigure(reduced.script, root);
            assert.equal(after.status, 0, after.stderr);
            assert.deepEqual(fs.readdirSync(ccd), ["huawei-es"]);
            assert.match(after.stdout, /^removed .*\/ccd\/tencent-web$/m);
            assert.ok(after.systemctl.includes("restart openvpn-server@cncf"));
        } finally {
            fs.rmSync(root, { recursive: true, force: true });
        }
    });
});

describe("OpenVpnMesh options and refusals", () => {
    it("embeds the keys only with keyDelivery user-data, and then marks the user data secret", async () => {
        let mesh!: OpenVpnMesh;
        const emulator = await emulate(() => {
            mesh = network({ keyDelivery: "user-data" }).mesh;
        });
        assert.deepEqual(emulator.state.rejections, []);
        const [instance] = emulator.ofType(TYPES.instance);
        assert.deepEqual(instance.secretInputPaths, ["userData"]);
        assert.deepEqual(instance.additionalSecretOutputs, ["userData", "password"]);
        assert.match(instance.inputs.userData, /-----BEGIN EC PRIVATE KEY-----/);
        assert.deepEqual([TYPES.oosSecretParameter, TYPES.ramRole, TYPES.ramRoleAttachment].map((t) => emulator.ofType(t).length), [0, 0, 0]);
        assert.equal(await pulumi.isSecret(mesh.userData), true);
        assert.deepEqual(mesh.findings.map((f) => f.code), ["mesh.keys-in-user-data"]);
    });

    it("opens the port to 0.0.0.0/0 only for allowAnySource, and forwards nothing with forwardFrom: []", async () => {
        const emulator = await emulate(() => network({ allowAnySource: true, forwardFrom: [], extraIngress: [], clients: [...clients, { name: "laptop", lans: [] }] }));
        assert.deepEqual(emulator.ofType(TYPES.securityGroupRule).map((r) => r.inputs.cidrIp).sort(), ["0.0.0.0/0", "203.0.113.21/32", "203.0.113.22/32"]);
    });

    const refusals: Array<[string, Partial<OpenVpnMeshArgs>, RegExp]> = [
        ["overlapping LANs", { clients: [clients[0], { ...clients[1], lans: ["192.168.12.128/25"] }] }, /cncf\.clients\[1\]\.lans\[0\] = "192\.168\.12\.128\/25": overlaps cncf\.clients\[0\]\.lans\[1\] \(192\.168\.12\.0\/24\)/],
        ["a client without a public IP", { clients: [{ name: "laptop", lans: [] }] }, /cncf\.clients\[0\]\.publicIp: has no fixed public IP.* Fix: set cncf\.clients\[0\]\.publicIp, or set cncf\.allowAnySource: true/],
        ["no public bandwidth", { internetMaxBandwidthOut: 0 }, /cncf\.internetMaxBandwidthOut = 0: the clients reach the server at its public IP/],
        ["an ICMP rule with ports", { extraIngress: [{ protocol: "icmp", portRange: "8/8", cidr: "0.0.0.0/0" }] }, /cncf\.extraIngress\[0\]\.portRange = "8\/8": icmp and all rules take no ports/],
    ];
    for (const [what, overrides, message] of refusals) {
        it(`refuses ${what} before registering any of the mesh's resources`, async () => {
            const { error, emulator } = await refusal(() => network(overrides));
            assert.match(error.message, message);
            // The test's own VPC and vSwitch exist; of the mesh nothing, not even its component.
            assert.deepEqual(
                emulator.state.resources.filter((r) => r.type !== TYPES.vpc && r.type !== TYPES.vswitch).map((r) => r.type),
                ["pulumi:pulumi:Stack"],
            );
        });
    }
});

describe("OpenVpnMesh stack: the whole-topology pass (seed 004 against seed 003)", () => {
    const sample = (): OpenvpnMeshConfig =>
        openvpnMeshSchema.parse(JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.openvpn-mesh-dev.yaml"))["alicloud-vpn:openvpn-mesh"]));

    it("passes the sample clean: every client LAN and the pool routed to the server instance", () => {
        const config = sample();
        const args = { vpcCidr: config.vpcCidr, vswitchCidr: config.vswitch.cidr, tunnelCidr: config.tunnelCidr, clients: config.clients } as OpenVpnMeshArgs;
        const topology = openVpnMeshTopology(config.name, args);
        assert.deepEqual(topology.vpcRoutes.map((r) => r.destination), ["192.168.0.0/24", "192.168.12.0/24", "172.25.16.0/20", "10.8.0.0/24"]);
        assert.deepEqual(checkTopology(topology, { elements: false }), []);
    });

    it("warns, naming the key, when a client's VPC is Docker's default bridge, and still builds", async () => {
        const config = sample();
        config.clients[1].lans = ["172.17.0.0/16"];
        let findings: readonly { code: string; field?: string; severity: string }[] = [];
        const emulator = await emulate(() => {
            findings = openvpnMesh(config).findings;
        });
        assert.deepEqual(emulator.state.rejections, []);
        const docker = findings.find((f) => f.code === "topology.docker-bridge");
        assert.equal(docker?.severity, "warning");
        assert.equal(docker?.field, "alicloud-vpn:openvpn-mesh.clients[1].lans[0]");
    });

    it("names the YAML keys: server.internetMaxBandwidthOut and vpcCidr", async () => {
        const config = sample();
        config.server.internetMaxBandwidthOut = 0;
        config.vpcCidr = "172.31.0.1/16";
        const { error, emulator } = await refusal(() => openvpnMesh(config));
        const fields = error.findings.filter((f) => f.severity === "error").map((f) => `${f.code} ${f.field}`);
        assert.ok(fields.includes("mesh.bad-bandwidth alicloud-vpn:openvpn-mesh.server.internetMaxBandwidthOut"), fields.join("\n"));
        assert.ok(fields.includes("mesh.bad-vpc-cidr alicloud-vpn:openvpn-mesh.vpcCidr"), fields.join("\n"));
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });

    it("refuses a client LAN that overlaps the other client's, before any resource", async () => {
        const config = sample();
        config.clients[1].lans = ["192.168.12.0/23"];
        const { error, emulator } = await refusal(() => openvpnMesh(config));
        assert.ok(error.findings.some((f) => f.severity === "error" && f.field === "alicloud-vpn:openvpn-mesh.clients[1].lans[0]"), error.message);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });
});

import * as assert from "node:assert/strict";
import { formatFinding } from "../../model/findings";
import { OpenVpnMeshSpec, validateMesh } from "../../model/openvpn";

const base = (overrides: Partial<OpenVpnMeshSpec> = {}): OpenVpnMeshSpec => ({
    name: "m",
    serverVpcCidr: "172.31.0.0/16",
    clients: [
        { name: "huawei-es", publicIp: "203.0.113.21", lans: ["192.168.0.0/24"] },
        { name: "tencent-web", publicIp: "203.0.113.22", lans: ["172.25.16.0/20"] },
    ],
    ...overrides,
});

const codes = (spec: OpenVpnMeshSpec) => validateMesh(spec, "mesh").map((f) => `${f.severity} ${f.code} ${f.field}`);

describe("OpenVPN mesh model", () => {
    it("accepts the seed 003 mesh without findings", () => {
        assert.deepEqual(validateMesh(base(), "mesh"), []);
    });

    it("refuses LANs overlapping each other, the VPC or the tunnel pool, naming both fields", () => {
        const findings = validateMesh(
            base({
                clients: [
                    { name: "a", publicIp: "203.0.113.21", lans: ["172.31.8.0/24", "10.8.0.0/16"] },
                    { name: "b", publicIp: "203.0.113.22", lans: ["192.168.0.0/16"] },
                    { name: "c", publicIp: "203.0.113.23", lans: ["192.168.5.0/24"] },
                ],
            }),
            "mesh",
        );
        assert.deepEqual(findings.map(formatFinding), [
            'error [m] mesh.clients[0].lans[0] = "172.31.8.0/24": overlaps mesh.vpcCidr (172.31.0.0/16); a route can send a destination to one site only (seed 003 joins VPCs that must not share addresses). Fix: renumber one of the networks, or list only the non-overlapping subnets in mesh.clients[0].lans[0].',
            'error [m] mesh.clients[0].lans[1] = "10.8.0.0/16": overlaps the tunnel pool 10.8.0.0/24. Fix: move mesh.tunnelCidr to a block no LAN uses.',
            'error [m] mesh.clients[2].lans[0] = "192.168.5.0/24": overlaps mesh.clients[1].lans[0] (192.168.0.0/16); a route can send a destination to one site only (seed 003 joins VPCs that must not share addresses). Fix: renumber one of the networks, or list only the non-overlapping subnets in mesh.clients[2].lans[0].',
        ]);
    });

    it("refuses a pool inside the VPC, in 100.64.0.0/10, too small, or written with host bits", () => {
        assert.deepEqual(codes(base({ tunnelCidr: "172.31.255.0/24" })), ["error mesh.tunnel-overlaps-vpc mesh.tunnelCidr"]);
        assert.deepEqual(codes(base({ tunnelCidr: "100.64.8.0/24" })), ["error mesh.tunnel-in-reserved-block mesh.tunnelCidr"]);
        assert.deepEqual(codes(base({ tunnelCidr: "10.8.0.0/30" })), ["error mesh.tunnel-pool-too-small mesh.tunnelCidr"]);
        const [hostBits] = validateMesh(base({ tunnelCidr: "10.8.0.1/24" }), "mesh");
        assert.equal(hostBits.message, "host bits are set; the network is 10.8.0.0/24.");
    });

    it("refuses names that are not CN-safe, duplicates (ignoring case) and the server's CN", () => {
        const findings = validateMesh(
            base({
                clients: [
                    { name: "huawei es", publicIp: "203.0.113.21", lans: [] },
                    { name: "Web", publicIp: "203.0.113.22", lans: [] },
                    { name: "web", publicIp: "203.0.113.23", lans: [] },
                    { name: "m-server", publicIp: "203.0.113.24", lans: [] },
                ],
            }),
            "mesh",
        );
        assert.deepEqual(findings.map((f) => `${f.code} ${f.field} ${f.fix}`), [
            'mesh.bad-client-name mesh.clients[0].name rename it, e.g. "huawei-es".',
            "mesh.duplicate-client-name mesh.clients[2].name give every client its own name.",
            "mesh.duplicate-client-name mesh.clients[3].name give every client its own name.",
        ]);
        assert.match(findings[1].message, /repeats mesh\.clients\[1\]\.name/);
        assert.match(findings[2].message, /server certificate's CN/);
    });

    it("needs a public IP per client unless allowAnySource opts in (then warns)", () => {
        const noIp = base({ clients: [{ name: "roaming", lans: ["192.168.0.0/24"] }] });
        assert.deepEqual(codes(noIp), ["error mesh.client-without-ip mesh.clients[0].publicIp"]);
        assert.deepEqual(codes({ ...noIp, allowAnySource: true }), ["warning mesh.client-without-ip mesh.clients[0].publicIp"]);
        assert.deepEqual(codes(base({ clients: [{ name: "x", publicIp: "10.0.0.5", lans: [] }] })), ["error mesh.bad-client-ip mesh.clients[0].publicIp"]);
    });

    it("warns for the legacy switch and for keys in user data, with the reason", () => {
        const findings = validateMesh(base({ legacyCompat: { reason: "CentOS 7 clients" }, keyDelivery: "user-data" }), "mesh");
        assert.deepEqual(findings.map((f) => `${f.severity} ${f.code} ${f.field}`), [
            "warning mesh.legacy-cipher mesh.legacyCompat",
            "warning mesh.legacy-compression mesh.legacyCompat",
            "warning mesh.keys-in-user-data mesh.keyDelivery",
        ]);
        assert.equal(findings[0].value, "CentOS 7 clients");
        assert.match(findings[1].message, /VORACLE/);
    });

    it("refuses a mesh name the RAM role, security group or host name would refuse", () => {
        const [finding] = validateMesh(base({ name: "cncf_stack.prod" }), "mesh");
        assert.equal(formatFinding(finding), 'error [cncf_stack.prod] mesh.name = "cncf_stack.prod": the name prefixes the RAM role, the policy, the security group, the host name and the OOS parameters, whose names allow only these characters. Allowed: 1 to 40 letters, digits and \'-\', starting with a letter. Fix: rename it, e.g. "cncf-stack-prod".');
    });

    it("refuses a bad port and protocol", () => {
        assert.deepEqual(codes(base({ port: 70000, proto: "sctp" as never })), ["error mesh.bad-port mesh.port", "error mesh.bad-proto mesh.proto"]);
    });
});

// `npm run plan -- cloud-gcp`: both clouds' resources in the tree and the Google Cloud node in the picture, from the
// stack file (Alibaba Hong Kong <-> Google Cloud asia-east2).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planScenario } from "../cli/plan";
import { GCP_TYPES, TYPES } from "../emulator";

describe("offline plan of cloud-gcp (Alibaba cn-hongkong <-> Google Cloud asia-east2)", function () {
    let report: Awaited<ReturnType<typeof planScenario>>;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cloud-gcp-"));

    before(async () => {
        report = await planScenario("cloud-gcp", { outDir });
    });

    after(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it("creates both clouds' resources, one Alibaba BGP connection and no static route, with no finding", () => {
        const count = (type: string) => report.resources.filter((r) => r.type === type).length;
        assert.deepEqual([TYPES.vpc, TYPES.vswitch, TYPES.gateway, TYPES.customerGateway, TYPES.connection, TYPES.vpnRoute, TYPES.vpcRoute].map(count), [1, 2, 1, 2, 1, 0, 0]);
        assert.deepEqual(
            [GCP_TYPES.haVpnGateway, GCP_TYPES.externalVpnGateway, GCP_TYPES.router, GCP_TYPES.vpnTunnel, GCP_TYPES.routerInterface, GCP_TYPES.routerPeer].map(count),
            [1, 1, 1, 2, 2, 2],
        );
        assert.deepEqual([...new Set(report.resources.filter((r) => r.type.startsWith("gcp:") && r.type !== GCP_TYPES.externalVpnGateway).map((r) => r.region))], ["asia-east2"]);
        assert.deepEqual([...new Set(report.resources.filter((r) => r.type.startsWith("alicloud:")).map((r) => r.region))], ["cn-hongkong"]);
        assert.deepEqual(report.findings, []);
    });

    it("shows the cipher suite and BGP peers in the tree and the Google Cloud node in the picture", () => {
        assert.match(report.tree, /\+ gcp:compute\/vPNTunnel:VPNTunnel {2}hongkong-gcp-tunnel-0 {2}\(projects\/example-project\/regions\/asia-east2\/vpnTunnels\/hongkong-gcp-tunnel-0\)/);
        assert.match(report.tree, /phase1 AES-CBC-256\/HMAC-SHA2-256-128\/PRF-HMAC-SHA2-256\/Group-14; phase2 AES-CBC-256\/HMAC-SHA2-256-128 pfs Group-14/);
        assert.match(report.tree, /interface=hongkong-gcp-if-1 169\.254\.40\.5 ↔ 169\.254\.40\.6 peerAsn=45104 priority=200/);
        assert.doesNotMatch(report.tree, /sharedSecret=(?!\[secret\])/);
        assert.match(report.topologyDot, /"gcp:asia-east2" \[shape=box, style="rounded,filled", fillcolor="#e3f2fd", label="Google Cloud asia-east2\\nHA VPN gateway hongkong-gcp-ha-vpn on vpc-hk: interfaces 0 203\.0\.113\.65, 1 203\.0\.113\.66/);
        assert.match(report.topologyDot, /Cloud Router hongkong-gcp-router AS 65010 announcing 10\.70\.0\.0\/20/);
        assert.match(report.topologyDot, /master → 203\.0\.113\.65 \(hongkong-gcp-ha-vpn interface 0 \(hongkong-gcp-tunnel-0\)\), slave → 203\.0\.113\.66 \(hongkong-gcp-ha-vpn interface 1/);
    });
});

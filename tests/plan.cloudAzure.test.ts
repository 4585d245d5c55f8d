// `npm run plan -- cloud-azure`: both clouds' resources in the tree and the picture, from the stack file.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planScenario } from "../cli/plan";
import { AZURE_TYPES, TYPES } from "../emulator";

describe("offline plan of cloud-azure (Alibaba ap-southeast-1 <-> Azure southeastasia)", function () {
    let report: Awaited<ReturnType<typeof planScenario>>;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cloud-azure-"));

    before(async () => {
        report = await planScenario("cloud-azure", { outDir });
    });

    after(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it("creates both clouds' resources in their regions, with no finding and no refusal", () => {
        const count = (type: string) => report.resources.filter((r) => r.type === type).length;
        assert.deepEqual(
            [TYPES.vpc, TYPES.vswitch, TYPES.gateway, TYPES.customerGateway, TYPES.connection, TYPES.vpnRoute, TYPES.vpcRoute].map(count),
            [1, 2, 1, 1, 1, 0, 0],
        );
        assert.deepEqual(
            [AZURE_TYPES.publicIpAddress, AZURE_TYPES.virtualNetworkGateway, AZURE_TYPES.localNetworkGateway, AZURE_TYPES.connection].map(count),
            [1, 1, 2, 2],
        );
        assert.deepEqual([...new Set(report.resources.filter((r) => r.type.startsWith("azure-native:")).map((r) => r.region))], ["southeastasia"]);
        assert.deepEqual([...new Set(report.resources.filter((r) => r.type.startsWith("alicloud:")).map((r) => r.region))], ["ap-southeast-1"]);
        assert.deepEqual(report.findings, []);
    });

    it("shows the Azure gateway, its BGP and policy in the tree, keys hidden, and the Azure node in the picture", () => {
        assert.match(
            report.tree,
            /\+ azure-native:network:VirtualNetworkGateway {2}singapore-azure-vgw {2}\(\/subscriptions\/00000000-0000-0000-0000-000000000000\/resourceGroups\/rg-network-sea\/providers\/Microsoft\.Network\/virtualNetworkGateways\/singapore-azure-vgw\)/,
        );
        assert.match(report.tree, /location=southeastasia Vpn RouteBased sku=VpnGw1AZ activeActive=false subnet=GatewaySubnet/);
        assert.match(report.tree, /bgp asn=65515 custom 169\.254\.21\.1, 169\.254\.21\.5 tunnel 203\.0\.113\.1/);
        assert.match(report.tree, /gatewayIpAddress=198\.51\.100\.1 addressSpace=169\.254\.21\.2\/32 bgp asn=45104 peer=169\.254\.21\.2/);
        assert.match(report.tree, /ipsecPolicy ike AES256\/SHA256\/DHGroup14 28800s; esp AES256\/SHA256 pfs PFS2048 3600s 102400000KB/);
        assert.match(report.tree, /IPsec IKEv2 gateway=singapore-azure-vgw lng=singapore-azure-alibaba-master enableBgp=true customBgp=169\.254\.21\.1 sharedKey=\[secret\]/);
        assert.doesNotMatch(report.tree, /sharedKey=(?!\[secret\])/);
        assert.match(
            report.topologyDot,
            /"azure:southeastasia:singapore-azure-vgw" \[shape=box, style="rounded,filled", fillcolor="#e3f2fd", label="Azure southeastasia\\nVPN gateway singapore-azure-vgw \(VpnGw1AZ, RouteBased, active-standby\) 203\.0\.113\.1\\nBGP AS 65515/,
        );
        assert.match(report.topologyDot, /singapore-azure-master IKEv2: local network gateway 198\.51\.100\.1 \(AS 45104, 169\.254\.21\.2 ⇄ 169\.254\.21\.1\)/);
        assert.match(report.topologyDot, /master → 203\.0\.113\.1 \(singapore-azure-vgw\), slave → 203\.0\.113\.1 \(singapore-azure-vgw\)/);
        assert.ok(fs.existsSync(path.join(outDir, "topology.svg")));
    });
});

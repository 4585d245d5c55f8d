// `npm run plan -- cloud-aws` (seed 001): both clouds' resources in the tree and the picture, from the stack file.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planScenario } from "../cli/plan";
import { AWS_TYPES, TYPES } from "../emulator";

describe("offline plan of seed 001 (Alibaba cn-beijing <-> AWS ap-southeast-1)", function () {
    let report: Awaited<ReturnType<typeof planScenario>>;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-cloud-aws-"));

    before(async () => {
        report = await planScenario("cloud-aws", { outDir });
    });

    after(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it("creates both clouds' resources in their regions, with no finding", () => {
        const count = (type: string) => report.resources.filter((r) => r.type === type).length;
        assert.deepEqual(
            [TYPES.vpc, TYPES.vswitch, TYPES.gateway, TYPES.customerGateway, TYPES.connection, TYPES.vpnRoute, TYPES.vpcRoute].map(count),
            [1, 2, 1, 4, 2, 2, 1],
        );
        assert.deepEqual(
            [
                AWS_TYPES.vpnGateway,
                AWS_TYPES.customerGateway,
                AWS_TYPES.vpnConnection,
                AWS_TYPES.vpnConnectionRoute,
                AWS_TYPES.routePropagation,
            ].map(count),
            [1, 2, 2, 2, 1],
        );
        assert.deepEqual([...new Set(report.resources.filter((r) => r.type.startsWith("aws:")).map((r) => r.region))], ["ap-southeast-1"]);
        assert.deepEqual([...new Set(report.resources.filter((r) => r.type.startsWith("alicloud:")).map((r) => r.region))], ["cn-beijing"]);
        assert.deepEqual(report.findings, []);
    });

    it("shows the AWS tunnel options in the tree and the AWS end in the picture", () => {
        assert.match(report.tree, /\+ aws:ec2\/vpnConnection:VpnConnection {2}beijing-singapore-vpn-a {2}\(vpn-0[0-9a-f]{16}\)/);
        assert.match(
            report.tree,
            /tunnel1 203\.0\.113\.\d+ inside 169\.254\.10\.0\/30: ikev2 AES256\/SHA2-256\/dh14 28800s; esp AES256\/SHA2-256 pfs dh14 3600s psk=\[secret\]/,
        );
        assert.doesNotMatch(report.tree, /psk=(?!\[secret\])/);
        assert.match(
            report.topologyDot,
            /"aws:ap-southeast-1" \[shape=box, style="rounded,filled", fillcolor="#e3f2fd", label="AWS ap-southeast-1\\nvirtual private gateway vgw-0/,
        );
        assert.match(
            report.topologyDot,
            /master → 203\.0\.113\.\d+ \(beijing-singapore-vpn-a tunnel 1\), slave → 203\.0\.113\.\d+ \(beijing-singapore-vpn-b tunnel 1\)/,
        );
        assert.ok(fs.existsSync(path.join(outDir, "topology.svg")));
    });
});

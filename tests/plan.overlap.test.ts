// The overlap scenario (seed 001, issue 17) plans offline: the VPC and the partner both on 10.0.0.0/16, carried
// under translated blocks; the picture shows both the real and the translated blocks; bad translations are refused
// with the YAML key and nothing is created.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, planScenario } from "../cli/plan";
import { AlibabaCloudEmulator, TYPES } from "../emulator";
import { TopologyError } from "../model/findings";

describe("offline plan of the overlap stack (seed 001, overlapping networks)", function () {
    let report: Awaited<ReturnType<typeof planScenario>>;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-overlap-"));

    before(async () => {
        report = await planScenario("overlap", { outDir });
    });

    after(() => fs.rmSync(outDir, { recursive: true, force: true }));

    it("creates a VPC NAT gateway with its NAT IP CIDR, SNAT and DNAT entries, and a connection on the translated blocks", () => {
        assert.deepEqual(report.emulator.state.rejections, []);
        const of = (type: string) => report.resources.filter((r) => r.type === type);
        assert.deepEqual(
            of(TYPES.natGateway).map((g) => [
                g.inputs.networkType,
                g.inputs.vswitchId === of(TYPES.vswitch).find((v) => v.name === "nat-h")?.id,
            ]),
            [["intranet", true]],
        );
        assert.deepEqual(
            of(TYPES.natIpCidr).map((c) => c.inputs.natIpCidr),
            ["172.20.0.0/24"],
        );
        assert.deepEqual(
            of(TYPES.snatEntry).map((s) => `${s.inputs.sourceCidr} -> ${s.inputs.snatIp}`),
            ["10.0.0.0/16 -> 172.20.0.1"],
        );
        assert.deepEqual(
            of(TYPES.forwardEntry).map((f) => `${f.inputs.externalIp} -> ${f.inputs.internalIp}`),
            ["172.20.0.2 -> 10.0.1.10"],
        );
        const [connection] = of(TYPES.connection);
        assert.deepEqual([connection.inputs.localSubnets, connection.inputs.remoteSubnets], [["172.20.0.0/24"], ["172.21.0.0/16"]]);
        assert.ok(!JSON.stringify(report.links[0].peerSubnets).includes("10.0."), "the partner is seen only as its translated block");
    });

    it("draws the real and the translated blocks of both sides", () => {
        assert.match(report.topologyDot, /real 10\.0\.0\.0\/16 seen by peers as 172\.20\.0\.0\/24 \(VPC NAT gateway ngw-bp1\w+\)/);
        assert.match(report.topologyDot, /SNAT 10\.0\.0\.0\/16 → 172\.20\.0\.1; DNAT 172\.20\.0\.2 → 10\.0\.1\.10/);
        assert.match(report.topologyDot, /networks: 172\.21\.0\.0\/16 \(its real 10\.0\.0\.0\/16, mapped 1:1 by the peer\)/);
        assert.match(report.topologyDot, /local 172\.20\.0\.0\/24 ⇄ remote 172\.21\.0\.0\/16/);
        assert.ok(fs.statSync(path.join(outDir, "topology.svg")).size > 1000);
    });

    it("renders the partner's side of the translation into its strongSwan config", () => {
        const config = fs.readFileSync(path.join(outDir, "partner.swanctl.conf"), "utf8");
        assert.match(config, /snat ip prefix to ip saddr map \{ 10\.0\.0\.0\/16 : 172\.21\.0\.0\/16 \}/);
        assert.match(config, /dnat ip prefix to ip daddr map \{ 172\.21\.0\.0\/16 : 10\.0\.0\.0\/16 \}/);
    });

    it("refuses a NAT IP CIDR in 100.64.0.0/10 and a DNAT target outside the VPC with the YAML keys, and creates nothing", async () => {
        const bad = fs
            .readFileSync(path.join(ROOT, "Pulumi.overlap-dev.yaml"), "utf8")
            .replace(
                "        exposedHosts:\n          - 10.0.1.10",
                "        alibabaBlock: 100.64.0.0/24\n        exposedHosts:\n          - 192.168.1.10",
            );
        const file = path.join(outDir, "Pulumi.overlap-bad.yaml");
        fs.writeFileSync(file, bad);
        const emulator = new AlibabaCloudEmulator();
        const error = await planScenario("overlap", { stackFile: file, write: false, emulator }).catch((err) => err);
        assert.ok(error instanceof TopologyError, String(error));
        assert.match(
            error.message,
            /alicloud-vpn:overlap\.partner\.translation\.alibabaBlock = "100\.64\.0\.0\/24": a VPC NAT gateway's NAT IP CIDR must lie inside 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16/,
        );
        assert.match(
            error.message,
            /alicloud-vpn:overlap\.partner\.translation\.exposedHosts\[0\] = "192\.168\.1\.10": a DNAT entry .* Fix: list only hosts of the VPC \(10\.0\.0\.0\/16\)/,
        );
        assert.equal(emulator.state.cloudResources().length, 0);
    });
});

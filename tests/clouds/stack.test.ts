// The seed 001 stack from a bad Pulumi.<stack>.yaml: `npm run plan -- cloud-aws` exits 2 with one line per problem,
// keys as written in the YAML, and nothing reaches either cloud.
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";

const ROOT = path.resolve(__dirname, "../..");

function planWith(edit: (config: any) => void, scenario = "cloud-aws"): { status: number; stdout: string; stderr: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${scenario}-bad-`));
    try {
        const stack = YAML.parse(fs.readFileSync(path.join(ROOT, `Pulumi.${scenario}-dev.yaml`), "utf8"));
        edit(stack.config[`alicloud-vpn:${scenario}`]);
        const file = path.join(dir, `Pulumi.${scenario}-bad.yaml`);
        fs.writeFileSync(file, YAML.stringify(stack));
        try {
            const stdout = execFileSync(
                process.execPath,
                [
                    require.resolve("ts-node/dist/bin"),
                    path.join(ROOT, "cli/plan.ts"),
                    scenario,
                    "--stack-file",
                    file,
                    "--out",
                    path.join(dir, "out"),
                ],
                {
                    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
                    stdio: "pipe",
                    encoding: "utf8",
                },
            );
            return { status: 0, stdout, stderr: "" };
        } catch (err: any) {
            return { status: err.status, stdout: String(err.stdout), stderr: String(err.stderr) };
        }
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

describe("seed 001 stack: bad input in Pulumi.<stack>.yaml", function () {
    this.timeout(120000);

    it("refuses an Alibaba region id as the AWS region, a clashing inside CIDR, a PSK AWS refuses and aes192, naming the YAML keys", () => {
        const { status, stdout, stderr } = planWith((c) => {
            c.aws.region = "cn-beijing";
            c.aws.insideCidrs = ["169.254.20.0/30", "169.254.20.0/30", "169.254.20.8/30", "169.254.20.12/30"];
            c.psks = ["Alibaba-would-take-this!"];
            c.profile = { ike: { encryption: "aes192" } };
        });
        assert.equal(status, 2, stdout);
        const lines = stderr.trim().split("\n");
        assert.equal(lines[0], "4 problems in the VPN topology; nothing was created:");
        assert.match(
            lines[1],
            /^ {2}- error \[beijing-singapore\] alicloud-vpn:cloud-aws\.aws\.region = "cn-beijing": AWS has no region of this name .* Fix: set alicloud-vpn:cloud-aws\.aws\.region to cn-north-1,/,
        );
        assert.match(
            lines[2],
            /^ {2}- error \[beijing-singapore\] alicloud-vpn:cloud-aws\.aws\.insideCidrs\[1\] = "169\.254\.20\.0\/30": alicloud-vpn:cloud-aws\.aws\.insideCidrs\[0\] already uses it;/,
        );
        assert.match(
            lines[3],
            /^ {2}- error \[beijing-singapore\] alicloud-vpn:cloud-aws\.psks\[0\] = "\[secret\]": AWS takes only letters, digits, periods and underscores/,
        );
        assert.doesNotMatch(stderr, /Alibaba-would-take-this/);
        assert.match(
            lines[4],
            /^ {2}- error \[beijing-singapore\] alicloud-vpn:cloud-aws\.profile\.ike\.encryption = "aes192": AWS does not accept this phase 1 encryption algorithm .* Fix: set alicloud-vpn:cloud-aws\.profile\.ike\.encryption to aes256,/,
        );
    });

    it("refuses a zone outside the Alibaba region", () => {
        const { status, stderr } = planWith((c) => (c.alibaba.vswitches[1].zoneId = "cn-hangzhou-i"));
        assert.equal(status, 2);
        assert.match(
            stderr,
            /alicloud-vpn:cloud-aws\.alibaba\.vswitches\[1\]\.zoneId = "cn-hangzhou-i": zone cn-hangzhou-i is not a zone of the Alibaba region cn-beijing\./,
        );
    });

    it("cloud-azure: refuses an Alibaba region id as the location, a /30 used twice, a key Azure refuses and phase 2 sha512, naming the YAML keys", () => {
        const { status, stdout, stderr } = planWith((c) => {
            c.azure.location = "ap-southeast-1";
            c.azure.bgpTunnelCidrs = ["169.254.21.0/30", "169.254.21.0/30"];
            c.psks = ["k".repeat(129)];
            c.profile = { ipsec: { integrity: "sha512" } };
        }, "cloud-azure");
        assert.equal(status, 2, stdout);
        const lines = stderr.trim().split("\n");
        assert.equal(lines[0], "4 problems in the VPN topology; nothing was created:");
        assert.match(lines[1], /^ {2}- error \[singapore-azure\] alicloud-vpn:cloud-azure\.azure\.location = "ap-southeast-1": Azure has no public region of this name .* Fix: set alicloud-vpn:cloud-azure\.azure\.location to southeastasia,/);
        assert.match(lines[2], /^ {2}- error \[singapore-azure\] alicloud-vpn:cloud-azure\.azure\.bgpTunnelCidrs\[1\] = "169\.254\.21\.0\/30": alicloud-vpn:cloud-azure\.azure\.bgpTunnelCidrs\[0\] already uses it;/);
        assert.match(lines[3], /^ {2}- error \[singapore-azure\] alicloud-vpn:cloud-azure\.psks\[0\] = "\[secret\]": Azure takes shared keys of at most 128 characters \(this one has 129;/);
        assert.doesNotMatch(stderr, /kkkkkkkk/);
        assert.match(lines[4], /^ {2}- error \[singapore-azure\] alicloud-vpn:cloud-azure\.profile\.ipsec\.integrity = "sha512": Azure does not accept this phase 2 integrity algorithm .* both: sha256, sha1, md5\. Fix: set alicloud-vpn:cloud-azure\.profile\.ipsec\.integrity to sha256,/);
    });

    it("cloud-gcp: refuses an Alibaba region id as the region, a /30 used twice, a secret Google refuses and no PFS, naming the YAML keys", () => {
        const { status, stdout, stderr } = planWith((c) => {
            c.gcp.region = "cn-hongkong";
            c.gcp.bgpTunnelCidrs = ["169.254.40.0/30", "169.254.40.0/30"];
            c.psks = ["Schlüssel-1234567890abcdef"];
            c.profile = { ipsec: { pfs: "disabled" } };
        }, "cloud-gcp");
        assert.equal(status, 2, stdout);
        const lines = stderr.trim().split("\n");
        assert.equal(lines[0], "4 problems in the VPN topology; nothing was created:");
        assert.match(lines[1], /^ {2}- error \[hongkong-gcp\] alicloud-vpn:cloud-gcp\.gcp\.region = "cn-hongkong": Google Cloud has no region of this name .* Fix: set alicloud-vpn:cloud-gcp\.gcp\.region to asia-east2,/);
        assert.match(lines[2], /^ {2}- error \[hongkong-gcp\] alicloud-vpn:cloud-gcp\.gcp\.bgpTunnelCidrs\[1\] = "169\.254\.40\.0\/30": alicloud-vpn:cloud-gcp\.gcp\.bgpTunnelCidrs\[0\] already uses it;.* Fix: set alicloud-vpn:cloud-gcp\.gcp\.bgpTunnelCidrs\[1\] to a free \/30 such as 169\.254\.40\.4\/30\./);
        assert.match(lines[3], /^ {2}- error \[hongkong-gcp\] alicloud-vpn:cloud-gcp\.psks\[0\] = "\[secret\]": Google Cloud takes a shared secret of printable ASCII characters only/);
        assert.doesNotMatch(stderr, /Schlüssel/);
        assert.match(lines[4], /^ {2}- error \[hongkong-gcp\] alicloud-vpn:cloud-gcp\.profile\.ipsec\.pfs = "disabled": Google Cloud does not accept this phase 2 PFS group .* Fix: set alicloud-vpn:cloud-gcp\.profile\.ipsec\.pfs to group14,/);
    });
});

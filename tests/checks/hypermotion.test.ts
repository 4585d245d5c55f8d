import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { checkNetwork } from "../../checks";
import { ROOT, formatReport, planScenario } from "../../cli/plan";
import { formatFinding } from "../../model/findings";
import { planSite } from "../../components/vpnSite";
import { hypermotionSchema, hypermotionSiteArgs } from "../../stacks/hypermotion";

const sample = () => YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.hypermotion-dev.yaml"), "utf8")).config["alicloud-vpn:hypermotion"];

describe("HyperMotion topology (seed 000)", () => {
    it("models the sample: ACK ranges declared, gateway vSwitches not sources, nothing to report", () => {
        const { plan, findings } = planSite("hypermotion", hypermotionSiteArgs(hypermotionSchema.parse(sample())));
        assert.deepEqual(findings.filter((f) => f.severity === "error"), []);
        const topology = plan!.topology;
        assert.deepEqual(
            topology.wellKnownRanges.map((w) => `${w.kind} ${w.cidr} ${w.field}`),
            ["kubernetes-pods 172.20.0.0/16 alicloud-vpn:hypermotion.cluster.podCidr", "kubernetes-services 172.21.0.0/20 alicloud-vpn:hypermotion.cluster.serviceCidr"],
        );
        const hub = topology.sites[0];
        assert.ok(hub.kind === "alibaba");
        assert.deepEqual(hub.vswitches.map((v) => v.role), ["workload", "workload", "gateway", "gateway"]);
        assert.deepEqual(topology.gatewayRoutes.map((r) => r.destination), ["192.168.10.0/23"]);
        assert.deepEqual(checkNetwork(topology), []);
    });

    it("prints a Service CIDR that swallows the office once, as a warning of the plan, and still plans", async function () {
        this.timeout(120000);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hm-"));
        const file = path.join(dir, "Pulumi.hypermotion-k8s.yaml");
        fs.writeFileSync(file, fs.readFileSync(path.join(ROOT, "Pulumi.hypermotion-dev.yaml"), "utf8").replace("serviceCidr: 172.21.0.0/20", "serviceCidr: 192.168.0.0/16"));
        const warned: string[] = [];
        const original = pulumi.log.warn;
        (pulumi.log as { warn: typeof pulumi.log.warn }).warn = (message: string, ...rest: any[]) => {
            warned.push(message);
            return original(message, ...rest);
        };
        let report;
        try {
            report = await planScenario("hypermotion", { stackFile: file, write: false });
        } finally {
            (pulumi.log as { warn: typeof pulumi.log.warn }).warn = original;
        }
        const k8s = report.findings.filter((f) => f.code === "topology.kubernetes-range");
        assert.deepEqual(
            k8s.map(formatFinding),
            ["controlNetwork", "floatingIpNetwork"].map(
                (key, i) =>
                    `warning [office] alicloud-vpn:hypermotion.office.openstack.${key} = "192.168.1${i}.0/24": ACK cluster hypermotion-ack gives Services 192.168.0.0/16: kube-proxy captures it on every node, so office's 192.168.1${i}.0/24 is unreachable from the cluster. Fix: renumber alicloud-vpn:hypermotion.office.openstack.${key} out of 192.168.0.0/16, or set alicloud-vpn:hypermotion.cluster.serviceCidr to a block that collides with nothing, e.g. 172.21.0.0/16; ACK fixes the pod and Service CIDRs when the cluster is created, so that means a new cluster.`,
            ),
        );
        // Each warning reaches pulumi.log.warn exactly once (components print theirs, the stack the network's).
        for (const finding of report.findings) {
            assert.equal(warned.filter((w) => w === formatFinding(finding)).length, 1, finding.code);
        }
        const text = formatReport(report, dir);
        // Four weak-crypto warnings, the two Service-CIDR ones, the 5 Mbit/s bandwidth the current API reference no
        // longer lists, and the H3C ER's two failover caveats.
        assert.match(text, /Checks: 9 warning\(s\)/);
        assert.equal(report.findings.filter((f) => f.code === "hub.bandwidth-maybe-discontinued").length, 1);
        assert.equal(text.split("cluster.serviceCidr to a block").length - 1, 2);
        assert.ok(report.resources.some((r) => r.type === "alicloud:vpn/connection:Connection"));
    });
});

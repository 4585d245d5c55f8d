import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ROOT, loadStackConfig, planScenario } from "../cli/plan";
import { renderSvg, topologyDot } from "../cli/topology";
import { HubAndSpokeConfig, hubAndSpoke, syntheticHubAndSpoke } from "../stacks/hubAndSpoke";
import { emulate } from "./helpers";

describe("topology picture written by the plan", function () {
    it("draws the three-region hub: one node per site, one edge per spoke with its crypto and CIDRs", async () => {
        const config: HubAndSpokeConfig = JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.hub-and-spoke-dev.yaml"))["alicloud-vpn:hub-and-spoke"]);
        const emulator = await emulate(() => hubAndSpoke(config));
        const dot = topologyDot(emulator.state.resources, "seed 002");
        const edges = dot.split("\n").filter((line) => line.includes(" -- "));
        // Two connections per spoke (one on each gateway), drawn as one edge.
        assert.equal(edges.length, 2);
        const tokyo = emulator.ofType("alicloud:vpn/gateway:Gateway").find((g) => g.name === "tokyo-gateway")!;
        assert.ok(edges.every((e) => e.includes(`"${tokyo.id}"`)), "every tunnel ends at Tokyo");
        assert.match(dot, /tokyo \(ap-northeast-1\)\\nVPC 10\.10\.0\.0\/16\\nvSwitches 10\.10\.1\.0\/24 \(ap-northeast-1a\), 10\.10\.2\.0\/24 \(ap-northeast-1b\)\\n/);
        assert.match(dot, /VPN gateway 198\.51\.100\.1 \/ 198\.51\.100\.2, 10 Mbit\/s/);
        assert.match(dot, /2 tunnels · ikev2 aes256\/sha256\/group14 · esp aes256\/sha256 pfs group14/);
        assert.match(dot, /carries 10\.30\.0\.0\/16 ⇄ 10\.10\.0\.0\/16, 10\.20\.0\.0\/16/);
        const svg = await renderSvg(dot);
        assert.match(svg, /^<\?xml/);
        assert.match(svg, /<svg /);
        // Graphviz writes "-" as &#45; in SVG text.
        assert.match(svg, />vSwitches 10\.20\.1\.0\/24 \(cn&#45;shanghai&#45;e\), 10\.20\.2\.0\/24 \(cn&#45;shanghai&#45;f\)</);
        assert.match(svg, /<title>2 tunnels · ikev2|xlink:title="2 tunnels · ikev2/);
    });

    it("draws an on-premises peer as its own node with its networks (HyperMotion)", async () => {
        const report = await planScenario("hypermotion", { write: false });
        assert.match(report.topologyDot, /"peer:203\.0\.113\.10" \[shape=box3d, label="peer office\\n203\.0\.113\.10\\nnetworks: 192\.168\.10\.0\/23"\]/);
        assert.match(report.topologyDot, /local 172\.16\.0\.0\/16 ⇄ remote 192\.168\.10\.0\/23/);
        assert.match(report.topologyDot, /ikev1 aes256\/sha1\/group2 · esp aes256\/sha1 pfs group2/);
        assert.match(report.topologyDot, /rankdir=LR/);
        assert.match(report.topologyDot, /\\nvSwitch 172\.16\.255\.16\/28 \(cn-hangzhou-i\)\\n/);
    });

    it("draws the OpenVPN mesh: the server with its VPC, vSwitch, addresses and pool, each client with its LANs", async () => {
        const report = await planScenario("openvpn-mesh", { write: false });
        const dot = report.topologyDot;
        const instance = report.resources.find((r) => r.type === "alicloud:ecs/instance:Instance")!;
        assert.match(dot, /OpenVPN server cncfstack-openvpn \(cn-hangzhou\)\\nVPC 172\.31\.0\.0\/16\\nvSwitch 172\.31\.16\.0\/20 \(cn-hangzhou-i\)\\ninstance 172\.31\.24\.222 \/ [0-9.]+\\ntunnel pool 10\.8\.0\.0\/24/);
        assert.match(dot, /client huawei-es\\n203\.0\.113\.21\\nLANs: 192\.168\.0\.0\/24, 192\.168\.12\.0\/24/);
        assert.match(dot, /client tencent-web\\n203\.0\.113\.22\\nLANs: 172\.25\.16\.0\/20/);
        const edges = dot.split("\n").filter((line) => line.includes(" -- "));
        assert.equal(edges.length, 2);
        assert.ok(edges.every((e) => e.startsWith(`  "${instance.id}" -- `) && e.includes("OpenVPN udp/1194")), edges.join("\n"));
    });

    it("draws a hub of eight spokes as a star around it, crypto in tooltips instead of labels", async () => {
        const emulator = await emulate(() => hubAndSpoke(syntheticHubAndSpoke(8)));
        const dot = topologyDot(emulator.state.resources, "eight spokes");
        const hub = emulator.ofType("alicloud:vpn/gateway:Gateway").find((g) => g.name === "tokyo-gateway")!;
        assert.match(dot, new RegExp(`layout=twopi; root="${hub.id}"`));
        const edges = dot.split("\n").filter((line) => line.includes(" -- "));
        assert.equal(edges.length, 8);
        assert.ok(edges.every((e) => !e.includes("label=") && e.includes('tooltip="2 tunnels')), edges[0]);
    });
});

import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ROOT, loadStackConfig } from "../../cli/plan";
import { HubAndSpoke } from "../../components/hubAndSpoke";
import { TYPES } from "../../emulator";
import { planHubAndSpokeBgp, simulateBgp } from "../../model/bgpHubAndSpoke";
import { hubAndSpokeArgs } from "../../stacks/hubAndSpoke";
import { emulate, refusal } from "../helpers";

const hub = { name: "tokyo", region: "ap-northeast-1", vpcCidr: "10.0.0.0/16" };
const spokes = [
    { name: "shanghai", region: "cn-shanghai", vpcCidr: "10.1.0.0/16" },
    { name: "beijing", region: "cn-beijing", vpcCidr: "10.2.0.0/16" },
];

describe("hub-and-spoke with BGP (model/bgpHubAndSpoke.ts)", () => {
    it("plans one /30 per tunnel, the hub on the first address, distinct private ASNs, what each end announces", () => {
        const { connections, findings } = planHubAndSpokeBgp(hub, spokes, {}, 2, "hs");
        assert.deepEqual(findings, []);
        assert.deepEqual(connections[1], {
            spoke: "beijing",
            hubEnd: {
                peerAsn: 65002,
                bgp: { localAsn: 65000, tunnels: [{ tunnelCidr: "169.254.21.8/30" }, { tunnelCidr: "169.254.21.12/30" }], peerAnnounces: ["10.2.0.0/16"], alibabaAnnounces: ["10.0.0.0/16", "10.1.0.0/16"] },
            },
            spokeEnd: {
                peerAsn: 65000,
                bgp: {
                    localAsn: 65002,
                    tunnels: [{ tunnelCidr: "169.254.21.8/30", localBgpIp: "169.254.21.10" }, { tunnelCidr: "169.254.21.12/30", localBgpIp: "169.254.21.14" }],
                    peerAnnounces: ["10.0.0.0/16", "10.1.0.0/16"],
                    alibabaAnnounces: ["10.2.0.0/16"],
                },
            },
        });
    });

    it("refuses two sites with one ASN (the spokes would drop each other's routes) and Alibaba's 45104", () => {
        const { findings } = planHubAndSpokeBgp(hub, spokes, { spokeAsns: [65001, 65001], hubAsn: 45104 }, 2, "hs");
        assert.deepEqual(findings.map((f) => `${f.code} ${f.field} ${f.value}`), ["bgp.reserved-asn hs.bgp.hubAsn 45104", "bgp.duplicate-asn hs.bgp.spokeAsns[1] 65001"]);
    });

    it("spokes learn each other through the hub (AS path hub, spoke), and lose a network the other spoke withdraws", () => {
        const speakers = [
            { name: "tokyo", asn: 65000, networks: ["10.0.0.0/16"] },
            { name: "shanghai", asn: 65001, networks: ["10.1.0.0/16"] },
            { name: "beijing", asn: 65002, networks: ["10.2.0.0/16", "10.22.0.0/16"] },
        ];
        const sessions: Array<[string, string]> = [["tokyo", "shanghai"], ["tokyo", "beijing"]];
        const rib = simulateBgp(speakers, sessions);
        assert.deepEqual(rib.shanghai, {
            "10.1.0.0/16": { asPath: [] },
            "10.0.0.0/16": { asPath: [65000], from: "tokyo" },
            "10.2.0.0/16": { asPath: [65000, 65002], from: "tokyo" },
            "10.22.0.0/16": { asPath: [65000, 65002], from: "tokyo" },
        });
        assert.deepEqual(rib.tokyo["10.1.0.0/16"], { asPath: [65001], from: "shanghai" });
        // Beijing withdraws 10.22.0.0/16: nobody has it any more.
        const after = simulateBgp([speakers[0], speakers[1], { ...speakers[2], networks: ["10.2.0.0/16"] }], sessions);
        assert.equal(after.shanghai["10.22.0.0/16"], undefined);
        assert.equal(after.tokyo["10.22.0.0/16"], undefined);
        // Two spokes with one ASN: the hub's re-announcement carries it, so the other spoke drops it (AS_PATH loop).
        const clash = simulateBgp([speakers[0], speakers[1], { ...speakers[2], asn: 65001 }], sessions);
        assert.equal(clash.shanghai["10.2.0.0/16"], undefined);
    });

    it("creates seed 002 with BGP on the emulator: every connection BGP on both tunnels, the peers' ASNs, propagation, no static route", async () => {
        const sample = JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.hub-and-spoke-dev.yaml"))["alicloud-vpn:hub-and-spoke"]);
        const args = { ...hubAndSpokeArgs(sample), routing: "bgp" as const };
        const emulator = await emulate(() => new HubAndSpoke(args.hub.name, args));
        assert.deepEqual(emulator.state.rejections, []);
        assert.deepEqual(emulator.ofType(TYPES.vpnRoute), []);
        assert.deepEqual(emulator.ofType(TYPES.vpcRoute), []);
        assert.deepEqual(emulator.ofType(TYPES.gateway).map((g) => g.inputs.autoPropagate), [true, true, true]);
        const connections = emulator.ofType(TYPES.connection);
        assert.equal(connections.length, 2 * args.spokes.length);
        for (const c of connections) {
            assert.equal(c.inputs.enableTunnelsBgp, true, c.name);
            assert.deepEqual(c.inputs.localSubnets, ["0.0.0.0/0"], c.name);
        }
        const bgpOf = (name: string) => emulator.ofType(TYPES.connection).find((c) => c.name === name)!.inputs.tunnelOptionsSpecifications.map((t: { tunnelBgpConfig: unknown }) => t.tunnelBgpConfig);
        const [first] = args.spokes;
        assert.deepEqual(bgpOf(`${args.hub.name}-to-${first.name}-connection`), [
            { localAsn: "65000", tunnelCidr: "169.254.21.0/30", localBgpIp: "169.254.21.1" },
            { localAsn: "65000", tunnelCidr: "169.254.21.4/30", localBgpIp: "169.254.21.5" },
        ]);
        assert.deepEqual(bgpOf(`${first.name}-to-${args.hub.name}-connection`), [
            { localAsn: "65001", tunnelCidr: "169.254.21.0/30", localBgpIp: "169.254.21.2" },
            { localAsn: "65001", tunnelCidr: "169.254.21.4/30", localBgpIp: "169.254.21.6" },
        ]);
        // The hub's customer gateways carry the spokes' ASNs, the spokes' the hub's.
        const asns = emulator.ofType(TYPES.customerGateway).map((c) => `${c.name}=${c.inputs.asn}`).sort();
        assert.ok(asns.includes(`${args.hub.name}-to-${first.name}-cgw-1=65001`), asns.join(", "));
        assert.ok(asns.includes(`${first.name}-to-${args.hub.name}-cgw-1=65000`), asns.join(", "));
    });

    it("refuses a hub-and-spoke whose sites share an ASN before anything is registered", async () => {
        const sample = JSON.parse(loadStackConfig(path.join(ROOT, "Pulumi.hub-and-spoke-dev.yaml"))["alicloud-vpn:hub-and-spoke"]);
        const args = { ...hubAndSpokeArgs(sample), routing: "bgp" as const, bgp: { spokeAsns: [65001, 65001] } };
        const { error, emulator } = await refusal(() => new HubAndSpoke(args.hub.name, args));
        assert.match(error.message, /bgp\.spokeAsns\[1\] = 65001: .* has the same ASN/);
        assert.deepEqual(emulator.state.resources.map((r) => r.type), ["pulumi:pulumi:Stack"]);
    });
});

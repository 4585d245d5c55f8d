import * as assert from "node:assert/strict";
import { excludeCidrs, mergeCidrs } from "../../model/cidr";
import { planHubAndSpoke } from "../../model/hubAndSpoke";

describe("mergeCidrs: summarising connection selectors", () => {
    it("merges adjacent and nested blocks into the fewest aligned blocks", () => {
        assert.deepEqual(mergeCidrs(["10.1.0.0/16", "10.0.0.0/16"]), ["10.0.0.0/15"]);
        assert.deepEqual(mergeCidrs(["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"]), ["10.1.0.0/16", "10.2.0.0/15"]);
        assert.deepEqual(mergeCidrs(["192.168.1.0/24", "192.168.1.128/25"]), ["192.168.1.0/24"]);
        assert.deepEqual(mergeCidrs(["10.0.0.0/16", "172.16.0.0/16"]), ["10.0.0.0/16", "172.16.0.0/16"]);
    });

    it("handles the top of the address space and the whole of it", () => {
        assert.deepEqual(mergeCidrs(["255.255.255.255/32", "255.255.255.254/32"]), ["255.255.255.254/31"]);
        assert.deepEqual(mergeCidrs(["0.0.0.0/1", "128.0.0.0/1"]), ["0.0.0.0/0"]);
    });

    it("leaves a hole where a block is missing: 0..50 without 7 needs eight blocks", () => {
        const blocks = Array.from({ length: 51 }, (_, i) => `10.${i}.0.0/16`).filter((b) => b !== "10.7.0.0/16");
        assert.deepEqual(mergeCidrs(blocks), [
            "10.0.0.0/14",
            "10.4.0.0/15",
            "10.6.0.0/16",
            "10.8.0.0/13",
            "10.16.0.0/12",
            "10.32.0.0/12",
            "10.48.0.0/15",
            "10.50.0.0/16",
        ]);
    });
});

describe("excludeCidrs: a summary without a VPC's own block", () => {
    it("cuts holes into blocks and keeps the fewest aligned blocks", () => {
        assert.deepEqual(excludeCidrs(["10.0.0.0/14"], ["10.1.0.0/16"]), ["10.0.0.0/16", "10.2.0.0/15"]);
        assert.deepEqual(excludeCidrs(["10.0.0.0/16", "10.2.0.0/16"], ["10.0.0.0/15"]), ["10.2.0.0/16"]);
        assert.deepEqual(excludeCidrs(["192.168.0.0/24"], ["10.0.0.0/8"]), ["192.168.0.0/24"]);
        assert.deepEqual(excludeCidrs(["10.0.0.0/8"], ["10.0.0.0/8"]), []);
        assert.equal(excludeCidrs(["10.0.0.0/8"], ["10.200.0.0/16"]).length, 8);
    });
});

describe("planHubAndSpoke: which CIDRs go where (seed 002)", () => {
    const hub = { name: "tokyo", region: "ap-northeast-1", vpcCidr: "10.0.0.0/16" };
    const spoke = (n: number) => ({ name: `s${n}`, region: "cn-shanghai", vpcCidr: `10.${n}.0.0/16` });

    it("protects the hub and the other spokes on each spoke's connection, summarised (per-site routes)", () => {
        const plan = planHubAndSpoke({ hub, spokes: [spoke(1), spoke(2), spoke(3)], routeStrategy: "per-site" });
        assert.deepEqual(plan.findings, []);
        assert.equal(plan.routingMode, "policy");
        const s2 = plan.connections.find((c) => c.spoke === "s2")!;
        assert.deepEqual(s2.spokeEnd, {
            site: "s2",
            localSubnets: ["10.2.0.0/16"],
            remoteSubnets: ["10.0.0.0/15", "10.3.0.0/16"],
            routeDestinations: ["10.0.0.0/16", "10.1.0.0/16", "10.3.0.0/16"],
            transitSubnets: [],
        });
        assert.deepEqual(s2.hubEnd, {
            site: "tokyo",
            localSubnets: ["10.0.0.0/15", "10.3.0.0/16"],
            remoteSubnets: ["10.2.0.0/16"],
            routeDestinations: ["10.2.0.0/16"],
            transitSubnets: ["10.1.0.0/16", "10.3.0.0/16"],
        });
    });

    it("routes the exact merge of the other sites by default (summary), the same blocks as the selectors", () => {
        const plan = planHubAndSpoke({ hub, spokes: [spoke(1), spoke(2), spoke(3)] });
        assert.deepEqual(plan.findings, []);
        const s2 = plan.connections.find((c) => c.spoke === "s2")!;
        assert.deepEqual(s2.spokeEnd.routeDestinations, ["10.0.0.0/15", "10.3.0.0/16"]);
        assert.deepEqual(s2.spokeEnd.remoteSubnets, ["10.0.0.0/15", "10.3.0.0/16"]);
        assert.deepEqual(s2.hubEnd.routeDestinations, ["10.2.0.0/16"]);
    });

    it("routes the declared summary minus the spoke's own block: the same 8 blocks at 3 or 60 spokes", () => {
        const routesOf = (count: number) => {
            const spokes = Array.from({ length: count }, (_, i) => spoke(i + 1));
            const plan = planHubAndSpoke({ hub, spokes, summaryCidrs: ["10.0.0.0/8"] });
            assert.deepEqual(plan.findings, []);
            return plan.connections.find((c) => c.spoke === "s2")!.spokeEnd;
        };
        const expected = ["10.0.0.0/15", "10.3.0.0/16", "10.4.0.0/14", "10.8.0.0/13", "10.16.0.0/12", "10.32.0.0/11", "10.64.0.0/10", "10.128.0.0/9"];
        assert.deepEqual(routesOf(3).routeDestinations, expected);
        assert.deepEqual(routesOf(60).routeDestinations, expected);
        assert.deepEqual(routesOf(60).remoteSubnets, expected);
        const plan = planHubAndSpoke({ hub, spokes: [spoke(1), spoke(2)], summaryCidrs: ["10.0.0.0/8"] });
        // The hub still routes each spoke's own block into that spoke's connection.
        assert.deepEqual(plan.connections.map((c) => c.hubEnd.routeDestinations), [["10.1.0.0/16"], ["10.2.0.0/16"]]);
    });

    it("refuses a summary that misses a site, overlaps 100.64.0.0/10, or is declared for per-site routes", () => {
        const codes = (shape: Parameters<typeof planHubAndSpoke>[0]) => planHubAndSpoke({ ...shape, configPath: "hs" }).findings.map((f) => `${f.code} ${f.field}`);
        assert.deepEqual(codes({ hub, spokes: [spoke(1), { name: "far", region: "cn-beijing", vpcCidr: "172.16.0.0/16" }], summaryCidrs: ["10.0.0.0/8"] }), [
            "hubspoke.site-outside-summary hs.spokes[1].vpcCidr",
        ]);
        assert.deepEqual(codes({ hub, spokes: [spoke(1)], summaryCidrs: ["10.0.0.0/8", "100.0.0.0/8"] }), ["hubspoke.bad-summary hs.summaryCidrs[1]"]);
        assert.deepEqual(codes({ hub, spokes: [spoke(1)], summaryCidrs: ["10.0.0.0/8"], routeStrategy: "per-site" }), ["hubspoke.summary-unused hs.summaryCidrs"]);
    });

    it("counts the summary's blocks against Alibaba's 10 selectors: /24 sites in a /8 need 16", () => {
        const small = (n: number) => ({ name: `s${n}`, region: "cn-shanghai", vpcCidr: `10.0.${n}.0/24` });
        const plan = planHubAndSpoke({ hub: { ...hub, vpcCidr: "10.0.0.0/24" }, spokes: [small(1)], summaryCidrs: ["10.0.0.0/8"], configPath: "hs" });
        assert.deepEqual(plan.findings.map((f) => `${f.code} ${f.field} ${(f.value as string[]).length}`), ["hubspoke.too-many-selectors hs.spokes[0] 16"]);
        assert.equal(planHubAndSpoke({ hub: { ...hub, vpcCidr: "10.0.0.0/24" }, spokes: [small(1)], summaryCidrs: ["10.0.0.0/8"], selectors: "any" }).findings.length, 0);
    });

    it("uses destination routing with selectors: any", () => {
        const plan = planHubAndSpoke({ hub, spokes: [spoke(1)], selectors: "any" });
        assert.equal(plan.routingMode, "destination");
    });

    it("names duplicate sites and overlapping blocks with their config paths", () => {
        const plan = planHubAndSpoke({ hub, spokes: [spoke(1), { ...spoke(1), vpcCidr: "10.1.128.0/17" }], configPath: "hs" });
        assert.deepEqual(
            plan.findings.map((f) => `${f.code} ${f.field}: ${f.message}`),
            [
                "hubspoke.duplicate-site hs.spokes[1].name: hs.spokes[0].name has the same name; resource names would collide.",
                "hubspoke.sites-overlap hs.spokes[1].vpcCidr: overlaps hs.spokes[0].vpcCidr (10.1.0.0/16) of s1; the hub could not tell which spoke a packet is for.",
            ],
        );
        assert.deepEqual(plan.connections, []);
    });
});

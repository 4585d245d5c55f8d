import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CHECK_CODES, checkNetwork, checkTopology, checkTopologyOrThrow, withoutRepeats } from "../../checks";
import { coveredByUnion, supernet } from "../../model/cidr";
import { Finding, TopologyError, formatFinding } from "../../model/findings";
import { Topology, blockList } from "../../model/topology";
import { hubAndSpoke, openVpnMesh, seed004 } from "../fixtures/topologies";

const brief = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.field} = ${f.value}`);

function mutate(topology: Topology, change: (t: Topology) => void): Topology {
    change(topology);
    return topology;
}

describe("CIDR union helpers", () => {
    it("covers across adjacent blocks and finds the IKEv1 supernet", () => {
        assert.equal(coveredByUnion(["192.168.10.0/24", "192.168.11.0/24"], "192.168.10.0/23"), true);
        assert.equal(coveredByUnion(["192.168.10.0/24", "192.168.12.0/24"], "192.168.10.0/22"), false);
        assert.equal(supernet(["10.16.0.0/16", "10.64.0.0/16"]), "10.0.0.0/9");
        assert.equal(supernet(["172.16.1.0/24", "172.16.2.0/24"]), "172.16.0.0/22");
    });
});

describe("topology checks", () => {
    it("passes the three stacks' shapes as planned", () => {
        assert.deepEqual(brief(checkTopology(hubAndSpoke())), []);
        assert.deepEqual(brief(checkTopology(openVpnMesh())), []);
    });

    it("seed 004 case 1: a source outside the local subnets, with the IKEv1-friendly fix", () => {
        const [finding] = checkTopology(seed004());
        assert.equal(
            formatFinding(finding),
            'error [transit] links.transit-othercloud.alibabaSubnets = "10.64.0.0/16": traffic from 10.64.0.0/16 (idc.networks[1]) to 10.200.0.0/20 is routed to the VPN gateway, but connection transit-othercloud\'s local subnets (10.16.0.0/16) do not cover its source; the gateway does not encrypt it and the packets loop in the VPC until their TTL expires (seed 004, case 1: 10.64.3.22 outside 10.16.0.0/16). Fix: add 10.64.0.0/16 to links.transit-othercloud.alibabaSubnets, or replace links.transit-othercloud.alibabaSubnets with one block covering it all, e.g. 10.0.0.0/9 (IKEv1 carries one selector pair).',
        );
        const fixed = mutate(seed004(), (t) => (t.connections[0].localSubnets = blockList("l", ["10.0.0.0/9"])));
        assert.deepEqual(brief(checkTopology(fixed)), []);
    });

    it("seed 004 case 2: a peer VPC on 172.17.0.0/16 is shadowed by docker0, and the fix names a free bridge", () => {
        const t = mutate(hubAndSpoke(), (t) => {
            t.sites[1] = { ...t.sites[1], vpc: { cidr: "172.17.0.0/16", field: "shanghai.vpcCidr" } } as Topology["sites"][number];
        });
        const docker = checkNetwork(t).filter((f) => f.code === "topology.docker-bridge");
        assert.deepEqual(brief(docker), ["warning topology.docker-bridge shanghai.vpcCidr = 172.17.0.0/16"]);
        assert.match(docker[0].fix, /set "bip": "172\.20\.0\.1\/24" in \/etc\/docker\/daemon\.json and restart dockerd/);
        assert.deepEqual(checkNetwork({ ...t, dockerDefaultBridge: false }).filter((f) => f.code === "topology.docker-bridge"), []);
    });

    it("refuses overlapping sites and an OpenVPN pool inside a site", () => {
        const overlapping = mutate(hubAndSpoke(), (t) => {
            t.sites[2] = { ...t.sites[2], vpc: { cidr: "10.1.128.0/17", field: "beijing.vpcCidr" } } as Topology["sites"][number];
        });
        assert.ok(brief(checkNetwork(overlapping)).includes("error topology.sites-overlap beijing.vpcCidr = 10.1.128.0/17"));
        const pool = mutate(openVpnMesh(), (t) => (t.tunnelPools[0].pool.cidr = "10.30.8.0/24"));
        const found = checkNetwork(pool).find((f) => f.code === "topology.pool-overlap")!;
        assert.equal(found.field, "server.pool");
        assert.match(found.message, /overlaps hangzhou's 10\.30\.0\.0\/16 \(hangzhou\.vpcCidr\)/);
        assert.match(found.fix, /set server\.pool to a block no site uses, e\.g\. 172\.20\.0\.0\/24\./);
    });

    it("finds a spoke missing its transit routes and the remote subnet (seed 002)", () => {
        const noRoutes = mutate(hubAndSpoke(), (t) => {
            t.vpcRoutes = t.vpcRoutes.filter((r) => !(r.site === "shanghai" && r.destination === "10.2.0.0/16"));
            t.gatewayRoutes = t.gatewayRoutes.filter((r) => !(r.site === "tokyo" && r.destination === "10.2.0.0/16"));
        });
        const errors = checkNetwork(noRoutes).filter((f) => f.severity === "error");
        assert.deepEqual(
            errors.map((f) => `${f.code} ${f.site} ${f.value}: ${f.message}`),
            [
                "route.no-gateway-route tokyo 10.2.0.0/16: the VPC sends 10.2.0.0/16 to the VPN gateway of tokyo, but the gateway has no static route for it and drops it (seed 002: do not forget the static routes).",
                "transit.missing-route shanghai 10.2.0.0/16: spoke shanghai's VPC route table does not send beijing's 10.2.0.0/16 to its VPN gateway.",
                "transit.missing-route tokyo 10.2.0.0/16: hub tokyo's VPN gateway has no static route for beijing's 10.2.0.0/16 to connection tokyo-beijing, so transit traffic from shanghai is dropped.",
            ],
        );
        const noRemote = mutate(hubAndSpoke(), (t) => (t.connections[2].remoteSubnets = blockList("links.shanghai-tokyo.peerSubnets", ["10.0.0.0/16"])));
        const codes = new Set(checkNetwork(noRemote).filter((f) => f.severity === "error").map((f) => f.code));
        assert.deepEqual([...codes].sort(), ["route.outside-remote-subnets", "route.peer-selectors-mismatch", "transit.missing-remote-subnet"]);
    });

    it("finds the hub connection that does not carry the other spoke as a local subnet (transit source)", () => {
        const t = mutate(hubAndSpoke(), (t) => (t.connections[0].localSubnets = blockList("links.tokyo-shanghai.alibabaSubnets", ["10.0.0.0/16"])));
        const errors = checkNetwork(t).filter((f) => f.severity === "error");
        assert.deepEqual(brief(errors), [
            "error route.peer-selectors-mismatch links.tokyo-shanghai.alibabaSubnets = 10.2.0.0/16",
            "error transit.source-outside-local-subnets links.tokyo-shanghai.alibabaSubnets = 10.2.0.0/16",
        ]);
    });

    it("requires an Alibaba peer to have the mirror connection", () => {
        const t = mutate(hubAndSpoke(), (t) => {
            t.connections = t.connections.filter((c) => c.name !== "beijing-tokyo");
            t.gatewayRoutes = t.gatewayRoutes.filter((r) => r.connection !== "beijing-tokyo");
        });
        const errors = checkNetwork(t).filter((f) => f.severity === "error");
        assert.deepEqual(brief(errors), [
            "error route.outside-remote-subnets beijing.vpcRoutes[0] = 10.0.0.0/16",
            "error route.outside-remote-subnets beijing.vpcRoutes[1] = 10.1.0.0/16",
            "error route.peer-missing-connection links.tokyo-beijing = beijing",
            "error transit.missing-connection hubAndSpoke.spokes = beijing",
        ]);
        assert.match(errors[2].fix, /add a connection on beijing toward tokyo with local subnets 10\.2\.0\.0\/16 and remote subnets 10\.0\.0\.0\/16, 10\.1\.0\.0\/16\./);
    });

    it("checks OpenVPN routes: next hop, served networks, routes back", () => {
        const t = mutate(openVpnMesh(), (t) => {
            t.vpcRoutes = t.vpcRoutes.filter((r) => r.destination !== "10.50.0.0/16");
            t.vpcRoutes.push({ site: "hangzhou", destination: "10.60.0.0/16", field: "server.routes[3]", nextHop: { kind: "instance", instance: "ovpn-1" } });
            t.vpcRoutes.push({ site: "hangzhou", destination: "10.70.0.0/16", field: "server.routes[4]", nextHop: { kind: "instance", instance: "ovpn-2" } });
        });
        assert.deepEqual(brief(checkNetwork(t)), [
            "error openvpn.route-not-served server.routes[3] = 10.60.0.0/16",
            "error openvpn.unknown-instance server.routes[4] = ovpn-2",
            "error openvpn.missing-vpc-route clients.gcp.lans[0] = 10.50.0.0/16",
        ]);
    });

    it("warns when a declared Kubernetes range swallows a site, naming the cluster field and a free block", () => {
        const t = mutate(openVpnMesh(), (t) =>
            t.wellKnownRanges.push({ kind: "kubernetes-services", owner: "ACK cluster c1", site: "hangzhou", cidr: "10.40.0.0/20", field: "cluster.serviceCidr" }),
        );
        const [warning] = checkNetwork(t).filter((f) => f.code === "topology.kubernetes-range");
        assert.equal(warning.field, "clients.aws.lans[0]");
        assert.match(warning.message, /kube-proxy captures it on every node, so aws's 10\.40\.0\.0\/16 is unreachable/);
        assert.match(warning.fix, /or set cluster\.serviceCidr to a block that collides with nothing, e\.g\. 172\.20\.0\.0\/20;/);
    });

    it("delegates element values to the model validators (weak crypto, IKEv1 with several subnets, bandwidth, reserved routes)", () => {
        const t = mutate(hubAndSpoke(), (t) => {
            t.connections[2].profile = { ike: { version: "ikev1", dhGroup: "group2" } };
            (t.sites[0] as { gateway: { bandwidth: number } }).gateway.bandwidth = 15;
            t.gatewayRoutes.push({ site: "tokyo", destination: "100.64.1.0/24", field: "tokyo.gatewayRoutes.extra", connection: "tokyo-shanghai" });
        });
        const codes = checkTopology(t).filter((f) => f.severity === "error").map((f) => `${f.code} ${f.field}`);
        assert.deepEqual(codes.slice(0, 4), [
            "profile.weak-crypto links.shanghai-tokyo.profile.ike.dhGroup",
            "link.ikev1-multiple-subnets links.shanghai-tokyo.profile.ike.version",
            "hub.bad-bandwidth tokyo.bandwidth",
            "route.reserved-destination tokyo.gatewayRoutes.extra",
        ]);
        assert.equal(checkTopology(t, { elements: false }).some((f) => f.code.startsWith("profile.")), false);
    });

    it("reports dangling references alone, and bad blocks without throwing", () => {
        const t = mutate(hubAndSpoke(), (t) => (t.gatewayRoutes[0].connection = "tokyo-osaka"));
        assert.deepEqual(brief(checkNetwork(t)), ["error topology.unknown-reference tokyo.gatewayRoutes.shanghai[0] = tokyo-osaka"]);
        const bad = mutate(hubAndSpoke(), (t) => (t.vpcRoutes[0].destination = "10.1.0.0/33"));
        assert.ok(brief(checkNetwork(bad)).includes("error topology.bad-cidr tokyo.vpcRoutes[0] = 10.1.0.0/33"));
    });

    it("checkTopologyOrThrow: stack findings first, duplicates once, only new warnings returned", () => {
        const earlier: Finding = { severity: "error", code: "link.x", field: "idc.networks", value: "10.64.0.0/16", message: "m", fix: "f" };
        const duplicate = { ...earlier, code: "route.y" };
        assert.deepEqual(withoutRepeats([earlier], [duplicate, { ...duplicate, value: "10.65.0.0/16" }]).map((f) => f.value), ["10.65.0.0/16"]);
        assert.throws(() => checkTopologyOrThrow(seed004(), { alsoFindings: [earlier] }), (err: unknown) => {
            assert.ok(err instanceof TopologyError);
            assert.match(err.message, /^2 problems in the VPN topology; nothing was created:\n {2}- error idc\.networks = "10\.64\.0\.0\/16": m Fix: f\n {2}- error \[transit\] links\.transit-othercloud\.alibabaSubnets/);
            return true;
        });
        const warn: Finding = { severity: "warning", code: "a", field: "x", message: "m", fix: "f" };
        const docker = mutate(openVpnMesh(), (t) => t.sites.push({ kind: "external", name: "lab", networks: [{ cidr: "172.17.5.0/24", field: "lab.lan" }] }));
        assert.deepEqual(brief(checkTopologyOrThrow(docker, { alsoFindings: [warn] })), ["warning topology.docker-bridge lab.lan = 172.17.5.0/24"]);
    });

    it("documents every code it can raise, in CHECK_CODES and in the README's table", () => {
        // Every code the pass's sources can raise, read from them: a new check without documentation fails here.
        const dir = path.join(__dirname, "../../checks");
        const sources = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && f !== "index.ts");
        const inSources = new Set(sources.flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").match(/"(topology|route|transit|openvpn)\.[a-z-]+"/g) ?? []).map((c) => c.slice(1, -1)));
        assert.deepEqual([...inSources].sort(), Object.keys(CHECK_CODES).sort());
        const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
        assert.deepEqual(Object.keys(CHECK_CODES).filter((code) => !readme.includes(`\`${code}\``)), [], "codes missing from the README");
        // And the seed 004 topology raises only documented codes.
        for (const f of checkNetwork(seed004())) {
            assert.ok(f.code in CHECK_CODES, f.code);
        }
    });
});

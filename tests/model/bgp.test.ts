import * as assert from "node:assert/strict";
import { allocateTunnelCidrs, asnValue, checkGatewayBgp, checkLinkBgp, isPrivateAsn, planLinkBgp, reservedAsn } from "../../model/bgp";
import { Finding } from "../../model/findings";
import { checkLink, planLink, planVpnSite } from "../../model/site";

const base = {
    routing: "bgp" as const,
    routingMode: "destination" as const,
    peerAsn: 65010,
    peerSubnets: ["192.168.10.0/24", "192.168.20.0/24"],
    alibabaSubnets: ["10.10.0.0/16"],
    bgp: { tunnels: [{ tunnelCidr: "169.254.21.0/30" }, { tunnelCidr: "169.254.22.0/30" }] },
};
const codes = (findings: Finding[]) => findings.map((f) => f.code);
const only = (findings: Finding[], code: string) => {
    const found = findings.filter((f) => f.code === code);
    assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(findings, null, 1)}`);
    return found[0];
};

describe("model/bgp: BGP over a link's tunnels, checked before anything is created", () => {
    it("accepts a dual-tunnel BGP link and plans both sessions: Alibaba on .1, the peer on .2, default ASN 45104", () => {
        assert.deepEqual(checkLinkBgp(base, 2, "office", "site.links[0]"), []);
        const plan = planLinkBgp(base, ["master", "slave"]);
        assert.deepEqual(plan, {
            localAsn: 45104,
            peerAsn: 65010,
            tunnels: [
                { role: "master", tunnelCidr: "169.254.21.0/30", localBgpIp: "169.254.21.1", peerBgpIp: "169.254.21.2", prefixLength: 30 },
                { role: "slave", tunnelCidr: "169.254.22.0/30", localBgpIp: "169.254.22.1", peerBgpIp: "169.254.22.2", prefixLength: 30 },
            ],
            peerAnnounces: ["192.168.10.0/24", "192.168.20.0/24"],
            alibabaAnnounces: ["10.10.0.0/16"],
            keepaliveSeconds: 10,
            holdSeconds: 30,
        });
        // Alibaba on the second address: the peer takes the first.
        const swapped = planLinkBgp({ ...base, bgp: { tunnels: [{ tunnelCidr: "169.254.21.0/30", localBgpIp: "169.254.21.2" }, { tunnelCidr: "169.254.22.0/30" }] } }, ["master", "slave"]);
        assert.equal(swapped?.tunnels[0].peerBgpIp, "169.254.21.1");
    });

    it("refuses a tunnel block that is not a /30 in 169.254.0.0/16, or one AWS reserves, naming the key, value and fix", () => {
        const bad = (tunnelCidr: string) => checkLinkBgp({ ...base, bgp: { tunnels: [{ tunnelCidr }, { tunnelCidr: "169.254.22.0/30" }] } }, 2, "office", "site.links[0]");
        const wide = only(bad("169.254.21.0/29"), "bgp.bad-tunnel-cidr");
        assert.equal(wide.field, "site.links[0].bgp.tunnels[0].tunnelCidr");
        assert.equal(wide.value, "169.254.21.0/29");
        assert.match(wide.fix, /write a \/30, e\.g\. 169\.254\.21\.0\/30/);
        assert.match(only(bad("10.0.0.0/30"), "bgp.bad-tunnel-cidr").message, /inside 169\.254\.0\.0\/16/);
        assert.match(only(bad("169.254.21.1/30"), "bgp.bad-tunnel-cidr").fix, /169\.254\.21\.0\/30/);
        const aws = only(bad("169.254.169.252/30"), "bgp.bad-tunnel-cidr");
        assert.match(aws.message, /AWS Site-to-Site VPN reserves/);
        assert.match(only(bad("169.254.5.0/30"), "bgp.bad-tunnel-cidr").message, /169\.254\.5\.0\/30/);
        assert.deepEqual(bad("169.254.6.0/30"), []);
    });

    it("refuses the same /30 twice on one link, and across the links of one gateway", () => {
        const twice = checkLinkBgp({ ...base, bgp: { tunnels: [{ tunnelCidr: "169.254.21.0/30" }, { tunnelCidr: "169.254.21.0/30" }] } }, 2, "office", "l");
        assert.equal(only(twice, "bgp.duplicate-tunnel-cidr").field, "l.bgp.tunnels[1].tunnelCidr");
        const gateway = checkGatewayBgp([
            { name: "a", path: "hub.links[0]", routing: "bgp", bgp: base.bgp, peerAsn: 65010, peerPublicIp: "203.0.113.1" },
            { name: "b", path: "hub.links[1]", routing: "bgp", bgp: { tunnels: [{ tunnelCidr: "169.254.23.0/30" }, { tunnelCidr: "169.254.22.0/30" }] }, peerAsn: 65020, peerPublicIp: "203.0.113.2" },
        ]);
        const clash = only(gateway, "bgp.duplicate-tunnel-cidr");
        assert.equal(clash.field, "hub.links[1].bgp.tunnels[1].tunnelCidr");
        assert.match(clash.message, /hub\.links\[0\]\.bgp\.tunnels\[1\]\.tunnelCidr on the same VPN gateway already uses 169\.254\.22\.0\/30/);
    });

    it("refuses one peer address with two ASNs (one customer gateway, one ASN)", () => {
        const findings = checkGatewayBgp([
            { name: "a", path: "hub.links[0]", routing: "bgp", bgp: base.bgp, peerAsn: 65010, peerPublicIp: "203.0.113.1" },
            { name: "b", path: "hub.links[1]", routing: "bgp", bgp: { tunnels: [{ tunnelCidr: "169.254.31.0/30" }, { tunnelCidr: "169.254.32.0/30" }] }, peerAsn: 65020, peerPublicIp: "203.0.113.1" },
        ]);
        const f = only(findings, "bgp.customer-gateway-asn");
        assert.equal(f.field, "hub.links[1].peerAsn");
        assert.equal(f.value, 65020);
        assert.match(f.fix, /use 65010/);
    });

    it("checks Alibaba's BGP address: a usable address of the /30", () => {
        for (const ip of ["169.254.21.0", "169.254.21.3", "169.254.22.1", "not-an-ip"]) {
            const f = only(checkLinkBgp({ ...base, bgp: { tunnels: [{ tunnelCidr: "169.254.21.0/30", localBgpIp: ip }, { tunnelCidr: "169.254.22.0/30" }] } }, 2, "o", "l"), "bgp.bad-local-bgp-ip");
            assert.equal(f.value, ip);
            assert.equal(f.allowed, "169.254.21.1 or 169.254.21.2");
        }
    });

    it("classifies ASNs by RFC 6996 (private), 7300 (last), 5398 (documentation), 6793 (AS_TRANS), 7607 (zero), and reads asdot", () => {
        assert.equal(isPrivateAsn(64512), true);
        assert.equal(isPrivateAsn(65534), true);
        assert.equal(isPrivateAsn(4200000000), true);
        assert.equal(isPrivateAsn(4294967294), true);
        assert.equal(isPrivateAsn(65535), false);
        for (const asn of [0, 23456, 64496, 64511, 65535, 65536, 65551, 4294967295]) {
            assert.ok(reservedAsn(asn), `${asn} reserved`);
        }
        for (const asn of [1, 45104, 64495, 64512, 65534, 4200000000]) {
            assert.equal(reservedAsn(asn), undefined, `${asn} usable`);
        }
        assert.equal(asnValue("123.456"), 8061384);
        assert.equal(asnValue("65010"), 65010);
        assert.equal(asnValue("1.2.3"), undefined);
    });

    it("refuses a reserved peer ASN, Alibaba's 45104, the same ASN on both ends, a missing one; warns on public ASNs", () => {
        const peer = (peerAsn: number | undefined) => checkLinkBgp({ ...base, peerAsn }, 2, "o", "site.links[0]");
        const documentation = only(peer(64500), "bgp.reserved-asn");
        assert.equal(documentation.field, "site.links[0].peerAsn");
        assert.match(documentation.message, /RFC 5398/);
        assert.match(only(peer(23456), "bgp.reserved-asn").message, /AS_TRANS/);
        assert.match(only(peer(45104), "bgp.alibaba-asn").message, /Alibaba's own ASN/);
        assert.equal(only(peer(undefined), "bgp.missing-peer-asn").fix, "set site.links[0].peerAsn to the peer's ASN, e.g. 65010.");
        const same = only(checkLinkBgp({ ...base, peerAsn: 65001, bgp: { ...base.bgp, localAsn: 65001 } }, 2, "o", "l"), "bgp.same-asn");
        assert.match(same.message, /iBGP/);
        const typo = only(peer(6501), "bgp.public-asn-looks-private");
        assert.equal(typo.severity, "warning");
        assert.equal(only(peer(13335), "bgp.public-asn").severity, "warning");
        assert.deepEqual(peer(4200000001), []);
    });

    it("refuses BGP on a policy-based connection, with the wrong tunnel count, with static routes, or toward a platform without BGP", () => {
        const policy = only(checkLinkBgp({ ...base, routingMode: "policy" }, 2, "o", "l"), "bgp.needs-destination-routing");
        assert.equal(policy.fix, "set l.routingMode: destination.");
        const single = only(checkLinkBgp(base, 1, "o", "l"), "bgp.tunnel-count");
        assert.equal(single.value, 2);
        assert.equal(only(checkLinkBgp({ ...base, vpcRouteDestinations: ["192.168.10.0/24"] }, 2, "o", "l"), "bgp.static-routes").field, "l.vpcRouteDestinations");
        assert.equal(only(checkLinkBgp({ ...base, peerPlatforms: ["h3c-er"] }, 2, "o", "l"), "bgp.peer-cannot-express").value, "h3c-er");
        assert.deepEqual(codes(checkLinkBgp({ ...base, bgp: undefined }, 2, "o", "l")), ["bgp.missing-settings"]);
        assert.deepEqual(codes(checkLinkBgp({ ...base, routing: "static" }, 2, "o", "l")), ["bgp.settings-without-bgp"]);
        assert.deepEqual(codes(checkLinkBgp({ ...base, bgp: { ...base.bgp, keepaliveSeconds: 20, holdSeconds: 30 } }, 2, "o", "l")), ["bgp.bad-timers"]);
    });

    it("refuses announcing a network outside the protected subnets", () => {
        const f = only(checkLinkBgp({ ...base, bgp: { ...base.bgp, peerAnnounces: ["192.168.10.0/24", "172.20.0.0/16"] } }, 2, "o", "l"), "bgp.announcement-outside-subnets");
        assert.equal(f.field, "l.bgp.peerAnnounces[1]");
        assert.equal(f.fix, "add 172.20.0.0/16 to l.peerSubnets, or remove it from l.bgp.peerAnnounces[1].");
        const alibaba = only(checkLinkBgp({ ...base, bgp: { ...base.bgp, alibabaAnnounces: ["10.20.0.0/16"] } }, 2, "o", "l"), "bgp.announcement-outside-subnets");
        assert.equal(alibaba.field, "l.bgp.alibabaAnnounces[0]");
    });

    it("plans a BGP link on a site without static routes, and refuses a bad one in planVpnSite with nothing planned", () => {
        const hub = { vpcCidr: "10.10.0.0/16", vswitches: [{ zoneId: "cn-hangzhou-h", cidr: "10.10.1.0/24" }, { zoneId: "cn-hangzhou-i", cidr: "10.10.2.0/24" }], bandwidth: 10 };
        const link = { name: "office", peerPublicIp: "203.0.113.20", ...base };
        const { plan, findings } = planVpnSite("hub", { hub, links: [link] });
        assert.deepEqual(findings.filter((f) => f.severity === "error"), []);
        assert.ok(plan);
        assert.deepEqual(plan.links[0].gatewayRoutes, []);
        assert.deepEqual(plan.links[0].vpcRoutes, []);
        assert.equal(plan.links[0].bgp?.peerAsn, 65010);
        assert.deepEqual(plan.links[0].peerPlatforms, ["strongswan", "h3c-comware", "cisco-ios", "huawei-vrp"]);
        const bad = planVpnSite("hub", { hub, links: [link, { ...link, name: "office2", peerPublicIp: "203.0.113.21", peerAsn: 45104, peerSubnets: ["192.168.30.0/24"] }] });
        assert.equal(bad.plan, undefined);
        assert.deepEqual(
            bad.findings.filter((f) => f.severity === "error").map((f) => `${f.code} ${f.field}`),
            ["bgp.duplicate-tunnel-cidr hub.links[1].bgp.tunnels[0].tunnelCidr", "bgp.duplicate-tunnel-cidr hub.links[1].bgp.tunnels[1].tunnelCidr", "bgp.alibaba-asn hub.links[1].peerAsn"],
        );
        // A single-tunnel gateway: one session.
        const { validated } = checkLink({ name: "old", vpcCidr: "10.10.0.0/16", tunnelMode: "single" }, "shop", { ...base, bgp: { tunnels: [{ tunnelCidr: "169.254.30.0/30" }] } });
        const single = planLink({ name: "old", vpcCidr: "10.10.0.0/16", tunnelMode: "single" }, "shop", { ...base, bgp: { tunnels: [{ tunnelCidr: "169.254.30.0/30" }] } }, validated);
        assert.deepEqual(single.bgp?.tunnels.map((t) => `${t.role} ${t.localBgpIp}-${t.peerBgpIp}`), ["master 169.254.30.1-169.254.30.2"]);
    });

    it("allocates /30s from a pool, skipping the reserved and used ones", () => {
        assert.deepEqual(allocateTunnelCidrs(3, ["169.254.21.4/30"]), ["169.254.21.0/30", "169.254.21.8/30", "169.254.21.12/30"]);
        assert.deepEqual(allocateTunnelCidrs(1, [], "169.254.169.248/29"), ["169.254.169.248/30"]);
        assert.throws(() => allocateTunnelCidrs(2, [], "169.254.169.248/29"), /only 1 free/);
    });
});

// The peer's BGP from a link's plan: FRR beside route-based strongSwan, and the vendor sections, each compared with
// its golden file (tests/golden/renderers/bgp-*.txt) and checked for the values that must match the Alibaba side.
import assert from "node:assert/strict";
import { planLinkBgp } from "../../model/bgp";
import { ResolvedLink } from "../../model/link";
import { frrInterfaces, renderBgpFor, renderFrr, renderVendorBgp } from "../../renderers/bgp";
import { renderStrongswan, xfrmInterfaceId } from "../../renderers/strongswan";
import { assertGolden, dualIkev2Link } from "./golden";

/** The golden dual-tunnel route-based link with BGP: AS 65020 behind 192.168.20.0/24, Alibaba AS 45104 for 172.16.0.0/16. */
export const bgpDualLink: ResolvedLink = {
    ...dualIkev2Link,
    bgp: planLinkBgp(
        {
            routing: "bgp",
            routingMode: "destination",
            peerAsn: 65020,
            peerSubnets: dualIkev2Link.peerSubnets,
            alibabaSubnets: dualIkev2Link.alibabaSubnets,
            bgp: { tunnels: [{ tunnelCidr: "169.254.21.0/30" }, { tunnelCidr: "169.254.22.0/30", localBgpIp: "169.254.22.2" }] },
        },
        ["master", "slave"],
    ),
};
const lines = (text: string) => text.split("\n");

describe("renderers/bgp: the peer's BGP from the link's plan", () => {
    it("FRR: one neighbour per tunnel at Alibaba's address with AS 45104 and the timers, the peer's networks announced (golden)", () => {
        const text = renderFrr(bgpDualLink);
        assertGolden("bgp-frr.dual-ikev2.txt", text);
        const l = lines(text);
        for (const line of [
            "router bgp 65020",
            " neighbor 169.254.21.1 remote-as 45104",
            " neighbor 169.254.22.2 remote-as 45104",
            " neighbor 169.254.21.1 timers 10 30",
            "  network 192.168.20.0/24",
            "ip prefix-list BRANCH-LEARN seq 5 permit 172.16.0.0/16 le 32",
            "  neighbor 169.254.22.2 route-map BRANCH-TO-SLAVE out",
            " set as-path prepend 65020 65020",
        ]) {
            assert.ok(l.includes(line), `missing ${JSON.stringify(line)}`);
        }
        // The slave's Alibaba address is .2: this device takes .1 on the slave's own interface.
        const id = xfrmInterfaceId("branch");
        assert.deepEqual(frrInterfaces(bgpDualLink), [`xfrm${id}`, `xfrm${id + 10000}`]);
        assert.ok(l.includes(`!   ip addr add 169.254.22.1/30 dev xfrm${id + 10000}`));
    });

    it("strongSwan: with BGP the slave tunnel gets an XFRM interface of its own (one session per tunnel); without, unchanged", () => {
        const id = xfrmInterfaceId("branch");
        const withBgp = lines(renderStrongswan(bgpDualLink));
        assert.deepEqual(withBgp.filter((l) => l.includes("if_id_out")), [`                if_id_out = ${id}`, `                if_id_out = ${id + 10000}`]);
        const without = lines(renderStrongswan(dualIkev2Link));
        assert.deepEqual(without.filter((l) => l.includes("if_id_out")), [`                if_id_out = ${id}`, `                if_id_out = ${id}`]);
    });

    for (const platform of ["cisco-ios", "huawei-vrp", "h3c-comware"] as const) {
        it(`${platform}: tunnel addresses, the static routes removed, one neighbour per tunnel, a verification section (golden)`, () => {
            const text = renderVendorBgp(platform, bgpDualLink);
            assertGolden(`bgp-${platform}.dual-ikev2.txt`, text);
            assert.match(text, /169\.254\.21\.2/);
            assert.match(text, /169\.254\.22\.1/);
            assert.match(text, /Verify BGP/);
            assert.match(text, /Established/);
            assert.equal(renderBgpFor(platform, bgpDualLink)?.file, "section");
        });
    }

    it("writes exact vendor syntax for the values that must match Alibaba's", () => {
        const cisco = lines(renderVendorBgp("cisco-ios", bgpDualLink));
        for (const line of [" ip address 169.254.21.2 255.255.255.252", " neighbor 169.254.21.1 remote-as 45104", "no ip route 172.16.0.0 255.255.0.0 Tunnel2", "  network 192.168.20.0 mask 255.255.255.0"]) {
            assert.ok(cisco.includes(line), `cisco: ${line}`);
        }
        const huawei = lines(renderVendorBgp("huawei-vrp", bgpDualLink));
        for (const line of ["interface Tunnel0/0/1", " peer 169.254.22.2 as-number 45104", "  network 192.168.20.0 255.255.255.0", "undo ip route-static 172.16.0.0 255.255.0.0 Tunnel0/0/2"]) {
            assert.ok(huawei.includes(line), `huawei: ${line}`);
        }
        const h3c = lines(renderVendorBgp("h3c-comware", bgpDualLink));
        for (const line of [" ip address 169.254.21.2 30", "  network 192.168.20.0 24", " address-family ipv4 unicast", " peer 169.254.21.1 timer keepalive 10 hold 30"]) {
            assert.ok(h3c.includes(line), `h3c: ${line}`);
        }
    });

    it("renders nothing for a static link, and refuses a platform without BGP", () => {
        assert.equal(renderBgpFor("cisco-ios", dualIkev2Link), undefined);
        assert.equal(renderBgpFor("h3c-er", bgpDualLink), undefined);
        assert.throws(() => renderVendorBgp("libreswan", bgpDualLink), /no BGP section for libreswan/);
    });
});

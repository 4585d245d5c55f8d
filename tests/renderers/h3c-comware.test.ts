import assert from "node:assert/strict";
import { COMWARE_GUIDE_TITLE, COMWARE_GUIDE_URL, h3cComwareRenderer, renderH3cComware } from "../../renderers/h3c-comware";
import { ResolvedLink } from "../../model/link";
import { destinationLink, hypermotionLink, spokeLink } from "../fixtures/links";
import { assertGolden, dualIkev2Link, singleIkev1Link } from "./golden";

const linesOf = (text: string) => text.split("\n");
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** The lines of the block that starts with `start` (a top-level command) up to its closing " quit". */
function block(text: string, start: string): string[] {
    const lines = linesOf(text);
    const from = lines.indexOf(start);
    assert.notEqual(from, -1, `no line "${start}" in:\n${text}`);
    const to = lines.indexOf(" quit", from);
    return lines.slice(from, to + 1);
}

describe("renderers/h3c-comware", () => {
    describe("hypermotion link (IKEv1 aes256/sha1/group2, dual tunnel)", () => {
        const text = renderH3cComware(hypermotionLink);

        it("names the link and the Alibaba connection in a header comment", () => {
            assert.ok(text.startsWith('# H3C Comware V7 configuration for the peer end of link "office": H3C MSR router'));
            assert.ok(linesOf(text).includes("# Alibaba Cloud VPN connection: vco-bp1k2m3n4o5p6q7r8s9t0"));
            assert.ok(linesOf(text).includes("system-view"));
        });

        it("writes one IKEv1 proposal with every algorithm named (SHA-1 spelled sha)", () => {
            assert.deepEqual(block(text, "ike proposal 10"), [
                "ike proposal 10",
                " encryption-algorithm aes-cbc-256",
                " authentication-algorithm sha",
                " authentication-method pre-share",
                " dh group2",
                " sa duration 86400",
                " quit",
            ]);
        });

        it("writes a keychain and an IKE profile per tunnel, with DPD on", () => {
            assert.deepEqual(block(text, "ike keychain office-master"), [
                "ike keychain office-master",
                " pre-shared-key address 47.96.10.21 255.255.255.255 key simple Pm4tQ8vX2zL6nR0sW3yB7cF1hJ5kD9gE",
                " quit",
            ]);
            assert.deepEqual(block(text, "ike profile office-slave"), [
                "ike profile office-slave",
                " keychain office-slave",
                " exchange-mode main",
                " local-identity address 203.0.113.10",
                " match remote identity address 47.96.10.22 255.255.255.255",
                " proposal 10",
                " dpd interval 10 retry 3 periodic",
                " quit",
            ]);
            assert.ok(linesOf(text).includes("# DPD: periodic every 10 s, retry every 3 s: a dead peer's SAs are deleted within 19 s."));
        });

        it("writes the transform set with pfs dh-group2", () => {
            assert.deepEqual(block(text, "ipsec transform-set office"), [
                "ipsec transform-set office",
                " encapsulation-mode tunnel",
                " protocol esp",
                " esp encryption-algorithm aes-cbc-256",
                " esp authentication-algorithm sha1",
                " pfs dh-group2",
                " quit",
            ]);
        });

        it("protects the mirrored subnets with one ACL rule (acl number: every Comware V7 release)", () => {
            assert.deepEqual(block(text, "acl number 3000"), [
                "acl number 3000",
                " rule 5 permit ip source 192.168.10.0 0.0.0.255 destination 172.16.0.0 0.0.255.255",
                " quit",
            ]);
        });

        it("writes two policies, sequence 10 for master and 20 for slave, and explains the shared ACL", () => {
            assert.deepEqual(block(text, "ipsec policy office 10 isakmp"), [
                "ipsec policy office 10 isakmp",
                " transform-set office",
                " security acl 3000",
                " remote-address 47.96.10.21",
                " ike-profile office-master",
                " sa duration time-based 3600",
                " quit",
            ]);
            assert.deepEqual(block(text, "ipsec policy office 20 isakmp"), [
                "ipsec policy office 20 isakmp",
                " transform-set office",
                " security acl 3000",
                " remote-address 47.96.10.22",
                " ike-profile office-slave",
                " sa duration time-based 3600",
                " quit",
            ]);
            assert.match(text, /# Dual tunnel: both policies of group "office" use ACL 3000\./);
        });

        it("applies the policy and the MSS clamp to a placeholder WAN interface marked for change", () => {
            assert.deepEqual(block(text, "interface <WAN_INTERFACE>"), [
                "interface <WAN_INTERFACE>",
                " ipsec apply policy office",
                " tcp mss 1360",
                " quit",
            ]);
            assert.ok(linesOf(text).some((l) => l.startsWith("# Replace every <PLACEHOLDER> before pasting: <WAN_INTERFACE> (the WAN interface that holds 203.0.113.10)")));
        });

        it("exempts the protected flow from NAT in the nat outbound ACL", () => {
            assert.deepEqual(block(text, "acl number <NAT_ACL_NUMBER>"), [
                "acl number <NAT_ACL_NUMBER>",
                " rule 1 deny ip source 192.168.10.0 0.0.0.255 destination 172.16.0.0 0.0.255.255",
                " quit",
            ]);
        });

        it("warns that the policy-based dual tunnel cannot follow the master/slave switch", () => {
            assert.ok(linesOf(text).some((l) => l.startsWith("# WARNING: policy-based dual tunnel: both IPsec policies match one ACL")));
            assert.equal(h3cComwareRenderer.caveats!(hypermotionLink).length, 1);
            assert.deepEqual(h3cComwareRenderer.caveats!(destinationLink), []);
        });

        it("puts each PSK exactly once, in its own tunnel's keychain", () => {
            assert.equal(count(text, "Pm4tQ8vX2zL6nR0sW3yB7cF1hJ5kD9gE"), 1);
            assert.equal(count(text, "Sl9aV3bN7mQ1wE5rT8yU2iO6pA0sD4fG"), 1);
            assert.ok(block(text, "ike keychain office-slave").includes(" pre-shared-key address 47.96.10.22 255.255.255.255 key simple Sl9aV3bN7mQ1wE5rT8yU2iO6pA0sD4fG"));
        });

        it("uses no IKEv2 or tunnel-interface commands", () => {
            assert.doesNotMatch(text, /^ikev2 /m);
            assert.doesNotMatch(text, /mode ipsec/);
            assert.doesNotMatch(text, /ip route-static/);
        });
    });

    describe("spoke link (IKEv2, two peer subnets, one tunnel)", () => {
        const text = renderH3cComware(spokeLink);

        it("writes IKEv2 proposal, policy, keychain and profile with FQDN identities", () => {
            assert.deepEqual(block(text, "ikev2 proposal shanghai-to-tokyo"), [
                "ikev2 proposal shanghai-to-tokyo",
                " encryption aes-cbc-256",
                " integrity sha256",
                " prf sha256",
                " dh group14",
                " quit",
            ]);
            assert.deepEqual(block(text, "ikev2 policy shanghai-to-tokyo"), [
                "ikev2 policy shanghai-to-tokyo",
                " proposal shanghai-to-tokyo",
                " quit",
            ]);
            const lines = linesOf(text);
            const keychain = lines.indexOf("ikev2 keychain shanghai-to-tokyo-master");
            assert.deepEqual(lines.slice(keychain, keychain + 7), [
                "ikev2 keychain shanghai-to-tokyo-master",
                " peer alibaba",
                "  address 47.100.20.30 255.255.255.255",
                "  identity fqdn shanghai.example.com",
                "  pre-shared-key plaintext Hs2pK8dL4fJ6gH0jK2lZ4xC6vB8nM0qW",
                "  quit",
                " quit",
            ]);
            assert.deepEqual(block(text, "ikev2 profile shanghai-to-tokyo-master"), [
                "ikev2 profile shanghai-to-tokyo-master",
                " authentication-method local pre-share",
                " authentication-method remote pre-share",
                " keychain shanghai-to-tokyo-master",
                " identity local fqdn tokyo.example.com",
                " match remote identity fqdn shanghai.example.com",
                " sa duration 86400",
                " dpd interval 10 retry 3 periodic",
                " quit",
            ]);
            assert.doesNotMatch(text, /^ike (proposal|keychain|profile) /m);
        });

        it("writes two ACL rules and a single policy referring to the IKEv2 profile", () => {
            assert.deepEqual(block(text, "acl number 3000"), [
                "acl number 3000",
                " rule 5 permit ip source 10.0.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255",
                " rule 10 permit ip source 10.2.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255",
                " quit",
            ]);
            assert.deepEqual(block(text, "ipsec policy shanghai-to-tokyo 10 isakmp"), [
                "ipsec policy shanghai-to-tokyo 10 isakmp",
                " transform-set shanghai-to-tokyo",
                " security acl 3000",
                " remote-address 47.100.20.30",
                " ikev2-profile shanghai-to-tokyo-master",
                " sa duration time-based 3600",
                " quit",
            ]);
            assert.doesNotMatch(text, /ipsec policy shanghai-to-tokyo 20/);
            assert.doesNotMatch(text, /# Dual tunnel/);
            assert.ok(block(text, "ipsec transform-set shanghai-to-tokyo").includes(" pfs dh-group14"));
            assert.equal(count(text, "Hs2pK8dL4fJ6gH0jK2lZ4xC6vB8nM0qW"), 1);
        });
    });

    describe("destination link (route-based, dual tunnel, no PFS, DPD off)", () => {
        const text = renderH3cComware(destinationLink);

        it("uses IPsec profiles on tunnel interfaces instead of an ACL and policy", () => {
            assert.deepEqual(block(text, "ipsec profile dc2-master isakmp"), [
                "ipsec profile dc2-master isakmp",
                " transform-set dc2",
                " ikev2-profile dc2-master",
                " sa duration time-based 1800",
                " quit",
            ]);
            assert.deepEqual(block(text, "interface Tunnel1 mode ipsec"), [
                "interface Tunnel1 mode ipsec",
                " description master tunnel to Alibaba 39.98.1.2 (vco-2zeq1w2e3r4t5y6u7i8o9)",
                " ip address unnumbered interface <WAN_INTERFACE>",
                " source <WAN_INTERFACE>",
                " destination 39.98.1.2",
                " mtu 1400",
                " tcp mss 1360",
                " tunnel protection ipsec profile dc2-master",
                " quit",
            ]);
            assert.deepEqual(block(text, "interface Tunnel2 mode ipsec").slice(4, 8), [
                " destination 39.98.1.3",
                " mtu 1400",
                " tcp mss 1360",
                " tunnel protection ipsec profile dc2-slave",
            ]);
            assert.doesNotMatch(text, /acl (advanced|number)/);
            assert.doesNotMatch(text, /ipsec apply policy/);
            assert.doesNotMatch(text, /^ipsec policy /m);
        });

        it("routes Alibaba's networks into the tunnels: master tracked by NQA, slave floating", () => {
            const routes = linesOf(text).filter((l) => l.startsWith("ip route-static"));
            assert.deepEqual(routes, [
                "ip route-static <ALIBABA_PROBE_IP> 32 Tunnel1",
                "ip route-static 10.30.0.0 16 Tunnel1 track 1",
                "ip route-static 10.30.0.0 16 Tunnel2 preference 70",
            ]);
            assert.deepEqual(block(text, "nqa entry admin dc2-master"), [
                "nqa entry admin dc2-master",
                " type icmp-echo",
                "  destination ip <ALIBABA_PROBE_IP>",
                "  source ip <LAN_SOURCE_IP>",
                "  frequency 3000",
                "  probe count 1",
                "  probe timeout 2000",
                "  reaction 1 checked-element probe-fail threshold-type consecutive 3 action-type trigger-only",
                "  quit",
                " quit",
            ]);
            assert.ok(linesOf(text).includes("nqa schedule admin dc2-master start-time now lifetime forever"));
            assert.ok(linesOf(text).includes("track 1 nqa entry admin dc2-master reaction 1"));
            assert.ok(linesOf(text).some((l) => l.startsWith("# Failover: the master's routes follow track 1") && l.includes("within 11 s")));
        });

        it("ends with a verification section", () => {
            assert.ok(linesOf(text).includes("# display ikev2 sa -> one SA per Alibaba address (39.98.1.2, 39.98.1.3), Status EST"));
            assert.ok(linesOf(text).includes("# display track 1 -> State: Positive (Negative while the master is down)"));
        });

        it("omits pfs and dpd and names every algorithm", () => {
            const transform = block(text, "ipsec transform-set dc2");
            assert.ok(!transform.some((l) => l.startsWith(" pfs")));
            assert.ok(transform.includes(" esp encryption-algorithm aes-cbc-192"));
            assert.ok(transform.includes(" esp authentication-algorithm sha384"));
            assert.doesNotMatch(text, /^ dpd /m);
            assert.deepEqual(block(text, "ikev2 proposal dc2"), [
                "ikev2 proposal dc2",
                " encryption aes-cbc-128",
                " integrity sha512",
                " prf sha512",
                " dh group14",
                " quit",
            ]);
        });

        it("puts each tunnel's PSK in its own keychain", () => {
            assert.equal(count(text, "  pre-shared-key plaintext Dk3jF5hG7kL9zX1cV3bN5mQ7wE9rT1yU"), 1);
            assert.equal(count(text, "  pre-shared-key plaintext Mn2bV4cX6zL8kJ0hG2fD4sA6qW8eR0tY"), 1);
            assert.ok(text.indexOf("Dk3jF5hG7kL9zX1cV3bN5mQ7wE9rT1yU") < text.indexOf("ikev2 keychain dc2-slave"));
            assert.ok(text.indexOf("Mn2bV4cX6zL8kJ0hG2fD4sA6qW8eR0tY") > text.indexOf("ikev2 keychain dc2-slave"));
        });
    });

    it("spells every Alibaba algorithm the Comware way", () => {
        const link: ResolvedLink = {
            ...hypermotionLink,
            profile: {
                ...hypermotionLink.profile,
                ike: { ...hypermotionLink.profile.ike, encryption: "3des", integrity: "md5", dhGroup: "group5", mode: "aggressive" },
                ipsec: { ...hypermotionLink.profile.ipsec, encryption: "des", integrity: "sha512", pfs: "group1" },
            },
        };
        const text = renderH3cComware(link);
        assert.ok(linesOf(text).includes(" encryption-algorithm 3des-cbc"));
        assert.ok(linesOf(text).includes(" authentication-algorithm md5"));
        assert.ok(linesOf(text).includes(" dh group5"));
        assert.ok(linesOf(text).includes(" exchange-mode aggressive"));
        assert.ok(linesOf(text).includes(" esp encryption-algorithm des-cbc"));
        assert.ok(linesOf(text).includes(" esp authentication-algorithm sha512"));
        assert.ok(linesOf(text).includes(" pfs dh-group1"));
    });

    it("is deterministic and registered under its platform", () => {
        for (const link of [hypermotionLink, spokeLink, destinationLink]) {
            assert.equal(renderH3cComware(link), renderH3cComware(structuredClone(link)));
            assert.equal(h3cComwareRenderer.render(link), renderH3cComware(link));
        }
        assert.equal(h3cComwareRenderer.platform, "h3c-comware");
        assert.equal(h3cComwareRenderer.title, "H3C Comware V7 CLI");
        assert.equal(h3cComwareRenderer.fileName(hypermotionLink), "office.h3c-comware.txt");
    });
    describe("SecPath firewall variant (peerDevice: firewall)", () => {
        const routed = renderH3cComware({
            ...structuredClone(destinationLink),
            peerDevice: "firewall",
            probeAddress: "10.30.1.10",
            probeSource: "10.40.0.1",
        });

        it("puts the tunnel interfaces in the Untrust zone", () => {
            assert.deepEqual(block(routed, "security-zone name Untrust"), [
                "security-zone name Untrust",
                " import interface Tunnel1",
                " import interface Tunnel2",
                " quit",
            ]);
        });

        it("passes IKE (UDP 500/4500) and ESP from the Alibaba gateways to the Local zone, and the protected networks both ways", () => {
            const lines = linesOf(routed);
            const from = lines.indexOf(" rule name dc2-ike-in");
            assert.deepEqual(lines.slice(from, from + 10), [
                " rule name dc2-ike-in",
                "  action pass",
                "  source-zone Untrust",
                "  destination-zone Local",
                "  source-ip-host 39.98.1.2",
                "  source-ip-host 39.98.1.3",
                "  service-port udp destination eq 500",
                "  service-port udp destination eq 4500",
                "  service-port 50",
                "  quit",
            ]);
            assert.ok(lines.includes("  destination-ip-host 10.30.1.10"));
            assert.ok(lines.includes("  source-ip-subnet 10.40.0.0 255.255.0.0"));
            assert.ok(lines.includes("  destination-ip-subnet 10.30.0.0 255.255.0.0"));
            assert.ok(lines.includes("  destination ip 10.30.1.10"));
            assert.doesNotMatch(routed, /<ALIBABA_PROBE_IP>|<LAN_SOURCE_IP>/);
        });

        it("is not rendered for the default MSR router", () => {
            assert.doesNotMatch(renderH3cComware(destinationLink), /^security-policy ip$/m);
        });
    });

    describe("golden files (tests/golden/renderers, UPDATE_GOLDEN=1 rewrites them)", () => {
        const cases = {
            "h3c-comware.msr.dual-ikev2.txt": renderH3cComware(dualIkev2Link),
            "h3c-comware.msr.single-ikev1.txt": renderH3cComware(singleIkev1Link),
            "h3c-comware.secpath.dual-ikev2.txt": renderH3cComware({ ...dualIkev2Link, peerDevice: "firewall" }),
            "h3c-comware.secpath.single-ikev1.txt": renderH3cComware({ ...singleIkev1Link, peerDevice: "firewall" }),
        };
        for (const [file, text] of Object.entries(cases)) {
            it(`matches ${file}`, () => assertGolden(file, text));
        }

        it("MSR dual: tracked master route, floating slave route, MSS on the tunnels", () => {
            const lines = linesOf(cases["h3c-comware.msr.dual-ikev2.txt"]);
            assert.ok(lines.includes("ip route-static 172.16.0.0 16 Tunnel1 track 1"));
            assert.ok(lines.includes("ip route-static 172.16.0.0 16 Tunnel2 preference 70"));
            assert.equal(lines.filter((l) => l === " tcp mss 1360").length, 2);
        });

        it("single: NAT exemption; SecPath: IKE/ESP security policy", () => {
            assert.ok(linesOf(cases["h3c-comware.msr.single-ikev1.txt"]).includes(" rule 1 deny ip source 192.168.40.0 0.0.0.255 destination 10.10.0.0 0.0.255.255"));
            assert.ok(linesOf(cases["h3c-comware.secpath.single-ikev1.txt"]).includes("  service-port 50"));
        });

        it("names Alibaba's H3C firewall guide on the SecPath, says no MSR guide exists, and states the guide's zones", () => {
            const secpath = linesOf(cases["h3c-comware.secpath.single-ikev1.txt"]);
            const msr = linesOf(cases["h3c-comware.msr.single-ikev1.txt"]);
            assert.ok(secpath.includes(`# Alibaba Cloud's device guide "${COMWARE_GUIDE_TITLE}" (web UI; the same steps in CLI): ${COMWARE_GUIDE_URL}`));
            assert.ok(msr.includes(`# No Alibaba Cloud guide for H3C MSR routers was found; the IPsec steps follow its firewall guide "${COMWARE_GUIDE_TITLE}": ${COMWARE_GUIDE_URL}`));
            const zones = "# Zones as in Alibaba's guide: <WAN_INTERFACE> in Untrust, the LAN interface in Trust (rename the zones below if yours differ).";
            assert.ok(secpath.includes(zones));
            assert.ok(linesOf(cases["h3c-comware.secpath.dual-ikev2.txt"]).includes(zones));
            assert.ok(!msr.includes(zones));
        });
    });
});

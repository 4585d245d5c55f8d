import assert from "node:assert/strict";
import { ResolvedLink } from "../../model/link";
import { HUAWEI_GUIDE_TITLE, HUAWEI_GUIDE_URL, huaweiVrpRenderer, renderHuaweiVrp } from "../../renderers/huawei-vrp";
import { UnsupportedByPeerError } from "../../renderers/types";
import { destinationLink, hypermotionLink, spokeLink } from "../fixtures/links";
import { assertGolden, dualIkev2Link, singleIkev1Link } from "./golden";

const linesOf = (text: string): string[] => text.split("\n");

function assertLine(text: string, line: string): void {
    assert.ok(linesOf(text).includes(line), `expected the exact line ${JSON.stringify(line)} in:\n${text}`);
}

function assertNoLine(text: string, pattern: RegExp): void {
    const hits = linesOf(text).filter((l) => pattern.test(l));
    assert.deepEqual(hits, [], `expected no line matching ${pattern}`);
}

function count(text: string, line: string): number {
    return linesOf(text).filter((l) => l === line).length;
}

/** The lines of the view that starts with `head`, up to and without its closing `quit`. */
function view(text: string, head: string): string[] {
    const lines = linesOf(text);
    const start = lines.indexOf(head);
    assert.ok(start >= 0, `no view ${JSON.stringify(head)} in:\n${text}`);
    const out = [head];
    for (const line of lines.slice(start + 1)) {
        if (!line.startsWith(" ")) {
            assert.equal(line, "quit", `the view ${JSON.stringify(head)} must end with quit`);
            break;
        }
        out.push(line);
    }
    return out;
}

function clone(link: ResolvedLink): ResolvedLink {
    return structuredClone(link);
}

describe("huawei-vrp renderer", () => {
    const fixtures = { hypermotion: hypermotionLink, spoke: spokeLink, destination: destinationLink };

    it("describes itself as a PeerRenderer", () => {
        assert.equal(huaweiVrpRenderer.platform, "huawei-vrp");
        assert.equal(huaweiVrpRenderer.title, "Huawei VRP (AR/USG) CLI");
        assert.equal(huaweiVrpRenderer.fileName(hypermotionLink), "office.huawei-vrp.txt");
        assert.equal(huaweiVrpRenderer.fileName(destinationLink), "dc2.huawei-vrp.txt");
        assert.equal(huaweiVrpRenderer.render, renderHuaweiVrp);
    });

    for (const [label, link] of Object.entries(fixtures)) {
        describe(`${label} link: common properties`, () => {
            const out = renderHuaweiVrp(link);

            it("opens with a # header naming the link and the Alibaba connection id", () => {
                const first = linesOf(out)[0];
                assert.match(first, /^# /);
                assert.ok(first.includes(`"${link.name}"`));
                assertLine(out, `# Alibaba Cloud IPsec connection: ${link.connectionId}`);
            });

            it("carries every tunnel's pre-shared key", () => {
                for (const t of link.tunnels) {
                    assertLine(out, ` pre-shared-key cipher ${t.psk}`);
                }
            });

            it("is deterministic and does not touch the link", () => {
                const before = clone(link);
                assert.equal(renderHuaweiVrp(link), out);
                assert.equal(renderHuaweiVrp(clone(link)), out);
                assert.deepEqual(link, before);
            });

            it("has no placeholders left by a bug, no trailing spaces, and ends with return", () => {
                assert.doesNotMatch(out, /undefined|NaN|\[object /);
                assertNoLine(out, /\s+$/);
                assert.ok(out.endsWith("#\nreturn\n"));
            });

            it("keeps IKE peer, proposal, policy and profile names within 15 characters", () => {
                const named = linesOf(out)
                    .map((l) => /^(?:ike peer|ipsec proposal|ipsec policy|ipsec profile) (\S+)/.exec(l)?.[1])
                    .filter((n): n is string => n !== undefined);
                assert.ok(named.length > 0);
                for (const name of named) {
                    assert.ok(name.length <= 15, `${name} is longer than 15 characters`);
                }
            });

            it("closes every view it opens", () => {
                for (const head of linesOf(out).filter((l) => /^(ike proposal|ike peer|ipsec proposal|ipsec policy|ipsec profile|acl number|interface) /.test(l))) {
                    view(out, head);
                }
            });
        });
    }

    describe("hypermotion link (IKEv1 main mode, aes256/sha1/group2, dual tunnel, policy-based)", () => {
        const out = renderHuaweiVrp(hypermotionLink);
        const [master, slave] = hypermotionLink.tunnels;

        it("names every phase 1 algorithm in the IKE proposal", () => {
            assert.deepEqual(view(out, "ike proposal 10"), [
                "ike proposal 10",
                " encryption-algorithm aes-256",
                " authentication-algorithm sha1",
                " authentication-method pre-share",
                " dh group2",
                " sa duration 86400",
            ]);
            assertNoLine(out, /integrity-algorithm|prf/);
        });

        it("has one IKEv1 peer per tunnel with address identities and DPD", () => {
            assert.deepEqual(view(out, "ike peer office-m"), [
                "ike peer office-m",
                " version 1",
                " undo version 2",
                " exchange-mode main",
                ` pre-shared-key cipher ${master.psk}`,
                " ike-proposal 10",
                " local-id-type ip",
                " remote-address 47.96.10.21",
                " nat traversal",
                " dpd type periodic",
                " dpd idle-time 10",
                " dpd retransmit-interval 3",
                " dpd retry-limit 3",
            ]);
            const s = view(out, "ike peer office-s");
            assert.ok(s.includes(" remote-address 47.96.10.22"));
            assert.ok(s.includes(` pre-shared-key cipher ${slave.psk}`));
            assertNoLine(out, /ike local-name|remote-id /);
        });

        it("uses an explicit ESP proposal", () => {
            assert.deepEqual(view(out, "ipsec proposal office"), [
                "ipsec proposal office",
                " transform esp",
                " encapsulation-mode tunnel",
                " esp authentication-algorithm sha1",
                " esp encryption-algorithm aes-256",
            ]);
            assertNoLine(out, /sha2 compatible/);
        });

        it("protects peer -> Alibaba networks in ACL 3000", () => {
            assert.deepEqual(view(out, "acl number 3000"), [
                "acl number 3000",
                " rule 5 permit ip source 192.168.10.0 0.0.0.255 destination 172.16.0.0 0.0.255.255",
            ]);
        });

        it("has IPsec policy 10 for the master and 20 for the slave, with PFS group 2", () => {
            assert.deepEqual(view(out, "ipsec policy office 10 isakmp"), [
                "ipsec policy office 10 isakmp",
                " security acl 3000",
                " ike-peer office-m",
                " proposal office",
                " pfs dh-group2",
                " sa duration time-based 3600",
            ]);
            assert.ok(view(out, "ipsec policy office 20 isakmp").includes(" ike-peer office-s"));
            assert.equal(count(out, " pfs dh-group2"), 2);
        });

        it("applies the policy and the MSS clamp to the marked WAN interface placeholder", () => {
            assert.deepEqual(view(out, "interface <WAN_INTERFACE>"), [
                "interface <WAN_INTERFACE>",
                " ipsec policy office",
                " tcp adjust-mss 1360",
            ]);
            assert.ok(linesOf(out).some((l) => l.startsWith("# ---- WAN interface (<WAN_INTERFACE>") && l.includes("203.0.113.10")));
        });

        it("exempts the protected flow from NAT in the nat outbound ACL (AR)", () => {
            assert.deepEqual(view(out, "acl number <NAT_ACL_NUMBER>"), [
                "acl number <NAT_ACL_NUMBER>",
                " rule 1 deny ip source 192.168.10.0 0.0.0.255 destination 172.16.0.0 0.0.255.255",
            ]);
            assertNoLine(out, /^security-policy|^nat-policy/);
        });

        it("warns that a policy-based dual tunnel cannot follow the master/slave switch, and states the DPD bound", () => {
            assert.ok(linesOf(out).some((l) => l.startsWith("# WARNING: policy-based dual tunnel: both IPsec policies match one ACL")));
            assertLine(out, "# DPD: periodic every 10 s, retransmit every 3 s, 3 retries: a dead peer's SAs are deleted within 22 s.");
            assert.equal(huaweiVrpRenderer.caveats!(hypermotionLink).length, 1);
        });
    });

    describe("spoke link (IKEv2 defaults, FQDN identities, one tunnel, two peer networks)", () => {
        const out = renderHuaweiVrp(spokeLink);
        const peer = linesOf(out).find((l) => l.startsWith("ike peer "))!.slice("ike peer ".length);

        it("names the IKEv2 algorithms", () => {
            assert.deepEqual(view(out, "ike proposal 10"), [
                "ike proposal 10",
                " encryption-algorithm aes-256",
                " integrity-algorithm hmac-sha2-256",
                " prf hmac-sha2-256",
                " authentication-method pre-share",
                " dh group14",
                " sa duration 86400",
            ]);
        });

        it("uses IKEv2 with FQDN identities", () => {
            assertLine(out, "ike local-name tokyo.example.com");
            assert.deepEqual(view(out, `ike peer ${peer}`), [
                `ike peer ${peer}`,
                " version 2",
                " undo version 1",
                ` pre-shared-key cipher ${spokeLink.tunnels[0].psk}`,
                " ike-proposal 10",
                " local-id-type fqdn",
                " remote-id shanghai.example.com",
                " remote-address 47.100.20.30",
                " nat traversal",
                " dpd type periodic",
                " dpd idle-time 10",
                " dpd retransmit-interval 3",
                " dpd retry-limit 3",
            ]);
            assertNoLine(out, /exchange-mode/);
        });

        it("spells the SHA-2 compatibility switch per OS: AR vs USG", () => {
            assertLine(out, "ipsec authentication sha2 compatible enable");
            const usg = renderHuaweiVrp({ ...clone(spokeLink), peerDevice: "firewall" });
            assertLine(usg, "ipsec sha2 compatible enable");
            assertNoLine(usg, /^ipsec authentication sha2/);
        });

        it("turns on RFC SHA-2 truncation for ESP SHA-256", () => {
            assertLine(out, "ipsec authentication sha2 compatible enable");
            assertLine(out, " esp authentication-algorithm sha2-256");
            assertLine(out, " esp encryption-algorithm aes-256");
        });

        it("has one ACL rule per (peer network, Alibaba network) pair", () => {
            assert.deepEqual(view(out, "acl number 3000"), [
                "acl number 3000",
                " rule 5 permit ip source 10.0.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255",
                " rule 10 permit ip source 10.2.0.0 0.0.255.255 destination 10.1.0.0 0.0.255.255",
            ]);
        });

        it("has one IPsec policy with PFS group 14", () => {
            const policies = linesOf(out).filter((l) => /^ipsec policy \S+ \d+ isakmp$/.test(l));
            assert.equal(policies.length, 1);
            const policy = view(out, policies[0]);
            assert.ok(policy.includes(" pfs dh-group14"));
            assert.ok(policy.includes(` ike-peer ${peer}`));
        });
    });

    describe("destination link (tunnel interfaces, no PFS, DPD off, NAT-T off)", () => {
        const out = renderHuaweiVrp(destinationLink);

        it("names the non-default algorithms", () => {
            assert.deepEqual(view(out, "ike proposal 10"), [
                "ike proposal 10",
                " encryption-algorithm aes-128",
                " integrity-algorithm hmac-sha2-512",
                " prf hmac-sha2-512",
                " authentication-method pre-share",
                " dh group14",
                " sa duration 28800",
            ]);
            assertLine(out, " esp authentication-algorithm sha2-384");
            assertLine(out, " esp encryption-algorithm aes-192");
        });

        it("has no DPD, no PFS and NAT traversal off", () => {
            assertNoLine(out, /dpd/);
            assertNoLine(out, /pfs/);
            assert.equal(count(out, " undo nat traversal"), 2);
        });

        it("builds an IPsec profile per tunnel instead of ACL-based policies", () => {
            assert.deepEqual(view(out, "ipsec profile dc2-m"), ["ipsec profile dc2-m", " ike-peer dc2-m", " proposal dc2", " sa duration time-based 1800"]);
            view(out, "ipsec profile dc2-s");
            assertNoLine(out, /^acl number|^ipsec policy|security acl/);
        });

        it("builds Tunnel0/0/1 (master) and Tunnel0/0/2 (slave) on the WAN placeholder", () => {
            assert.deepEqual(view(out, "interface Tunnel0/0/1"), [
                "interface Tunnel0/0/1",
                " description Alibaba master tunnel 39.98.1.2 (vco-2zeq1w2e3r4t5y6u7i8o9)",
                " ip address unnumbered interface <WAN_INTERFACE>",
                " tunnel-protocol ipsec",
                " source <WAN_INTERFACE>",
                " destination 39.98.1.2",
                " mtu 1400",
                " tcp adjust-mss 1360",
                " ipsec profile dc2-m",
            ]);
            const two = view(out, "interface Tunnel0/0/2");
            assert.ok(two.includes(" destination 39.98.1.3"));
            assert.ok(two.includes(" ipsec profile dc2-s"));
        });

        it("routes the Alibaba network through Tunnel0/0/1 tracked by NQA, with Tunnel0/0/2 as a floating route", () => {
            assertLine(out, "ip route-static 10.30.0.0 255.255.0.0 Tunnel0/0/1 track nqa admin dc2-m");
            assertLine(out, "ip route-static 10.30.0.0 255.255.0.0 Tunnel0/0/2 preference 70");
            assertLine(out, "ip route-static <ALIBABA_PROBE_IP> 255.255.255.255 Tunnel0/0/1");
            assert.deepEqual(view(out, "nqa test-instance admin dc2-m"), [
                "nqa test-instance admin dc2-m",
                " test-type icmp",
                " destination-address ipv4 <ALIBABA_PROBE_IP>",
                " source-address ipv4 <LAN_SOURCE_IP>",
                " frequency 10",
                " probe-count 3",
                " interval seconds 2",
                " timeout 2",
                " start now",
            ]);
            assert.ok(linesOf(out).some((l) => l.startsWith("# Failover: the master's routes track NQA test admin/dc2-m") && l.includes("within 16 s")));
        });

        it("fills the probe from the link when given", () => {
            const text = renderHuaweiVrp({ ...clone(destinationLink), probeAddress: "10.30.1.10", probeSource: "10.40.0.1" });
            assertLine(text, " destination-address ipv4 10.30.1.10");
            assertLine(text, " source-address ipv4 10.40.0.1");
            assertNoLine(text, /<ALIBABA_PROBE_IP>|<LAN_SOURCE_IP>/);
        });
    });

    describe("other shapes", () => {
        it("renders IKEv1 aggressive mode", () => {
            const link = clone(hypermotionLink);
            link.profile.ike.mode = "aggressive";
            const out = renderHuaweiVrp(link);
            assert.equal(count(out, " exchange-mode aggressive"), 2);
            assertNoLine(out, /exchange-mode main/);
        });

        it("quotes a pre-shared key that contains '?'", () => {
            const link = clone(spokeLink);
            link.tunnels[0].psk = "abc?def";
            assertLine(renderHuaweiVrp(link), ' pre-shared-key cipher "abc?def"');
        });

        it("refuses two different FQDN identities for this device", () => {
            const link = clone(destinationLink);
            link.tunnels[0].peerId = "dc2-a.example.com";
            link.tunnels[1].peerId = "dc2-b.example.com";
            assert.throws(
                () => renderHuaweiVrp(link),
                (err: unknown) => err instanceof UnsupportedByPeerError && err.platform === "huawei-vrp" && err.field === "profile.remoteId",
            );
        });

        it("refuses an IKE lifetime VRP does not accept", () => {
            const link = clone(spokeLink);
            link.profile.ike.lifetimeSeconds = 30;
            assert.throws(() => renderHuaweiVrp(link), (err: unknown) => err instanceof UnsupportedByPeerError && err.field === "profile.ike.lifetimeSeconds");
        });

        it("gives long link names distinct short VRP names", () => {
            const a = clone(spokeLink);
            const b = clone(spokeLink);
            b.name = "shanghai-to-osaka";
            const peerOf = (out: string) => linesOf(out).find((l) => l.startsWith("ike peer "));
            assert.notEqual(peerOf(renderHuaweiVrp(a)), peerOf(renderHuaweiVrp(b)));
        });

        it("renders a slave listed first as policy 20", () => {
            const link = clone(hypermotionLink);
            link.tunnels = [link.tunnels[1], link.tunnels[0]];
            assert.equal(renderHuaweiVrp(link), renderHuaweiVrp(hypermotionLink));
        });
    });
    describe("USG firewall variant (peerDevice: firewall)", () => {
        const routed = renderHuaweiVrp({ ...clone(destinationLink), peerDevice: "firewall" });
        const policy = renderHuaweiVrp({ ...clone(hypermotionLink), peerDevice: "firewall" });

        it("names USG tunnel interfaces and puts them in the untrust zone", () => {
            assertLine(routed, "interface Tunnel1");
            assertLine(routed, "interface Tunnel2");
            assert.deepEqual(view(routed, "firewall zone untrust"), [
                "firewall zone untrust",
                " add interface Tunnel1",
                " add interface Tunnel2",
            ]);
            assertLine(routed, "ip route-static 10.30.0.0 255.255.0.0 Tunnel1 track nqa admin dc2-m");
            assertLine(routed, "ip route-static 10.30.0.0 255.255.0.0 Tunnel2 preference 70");
        });

        it("allows IKE (UDP 500/4500) and ESP from the Alibaba gateways into the local zone", () => {
            const lines = linesOf(policy);
            const from = lines.indexOf(" rule name office-ike-in");
            assert.deepEqual(lines.slice(from, from + 9), [
                " rule name office-ike-in",
                "  source-zone untrust",
                "  destination-zone local",
                "  source-address 47.96.10.21 mask 255.255.255.255",
                "  source-address 47.96.10.22 mask 255.255.255.255",
                "  service protocol udp destination-port 500",
                "  service protocol udp destination-port 4500",
                "  service esp",
                "  action permit",
            ]);
            assertLine(policy, "  source-address 192.168.10.0 mask 255.255.255.0");
            assertLine(policy, "  destination-address 172.16.0.0 mask 255.255.0.0");
        });

        it("exempts the protected flows with a no-nat rule moved to the top", () => {
            const lines = linesOf(policy);
            const from = lines.indexOf("nat-policy");
            assert.deepEqual(lines.slice(from, from + 9), [
                "nat-policy",
                " rule name office-no-nat",
                "  source-zone trust",
                "  destination-zone untrust",
                "  source-address 192.168.10.0 mask 255.255.255.0",
                "  destination-address 172.16.0.0 mask 255.255.0.0",
                "  action no-nat",
                " rule move office-no-nat top",
                "quit",
            ]);
            assertNoLine(policy, /^acl number <NAT_ACL_NUMBER>/);
        });
    });

    describe("behind NAT", () => {
        it("refuses an IP identity (VRP would send the private WAN address) and names the fix", () => {
            assert.throws(
                () => renderHuaweiVrp({ ...clone(hypermotionLink), peerBehindNat: true }),
                (err: unknown) => err instanceof UnsupportedByPeerError && err.field === "profile.remoteId" && /FQDN/.test(err.fix),
            );
        });

        it("uses local-id-type fqdn with the link's name identity, or user-fqdn for an e-mail style one", () => {
            const fqdn = renderHuaweiVrp({ ...clone(spokeLink), peerBehindNat: true });
            assertLine(fqdn, " local-id-type fqdn");
            assertLine(fqdn, "ike local-name tokyo.example.com");
            const link = clone(spokeLink);
            link.tunnels[0].peerId = "office@example.com";
            assertLine(renderHuaweiVrp(link), " local-id-type user-fqdn");
        });
    });

    describe("golden files (tests/golden/renderers, UPDATE_GOLDEN=1 rewrites them)", () => {
        const cases = {
            "huawei-vrp.ar.dual-ikev2.txt": renderHuaweiVrp(dualIkev2Link),
            "huawei-vrp.ar.single-ikev1.txt": renderHuaweiVrp(singleIkev1Link),
            "huawei-vrp.usg.dual-ikev2.txt": renderHuaweiVrp({ ...dualIkev2Link, peerDevice: "firewall" }),
            "huawei-vrp.usg.single-ikev1.txt": renderHuaweiVrp({ ...singleIkev1Link, peerDevice: "firewall" }),
        };
        for (const [file, text] of Object.entries(cases)) {
            it(`matches ${file}`, () => assertGolden(file, text));
        }

        it("AR dual: tracked master route, floating slave route, MSS on the tunnels", () => {
            const text = cases["huawei-vrp.ar.dual-ikev2.txt"];
            assertLine(text, "ip route-static 172.16.0.0 255.255.0.0 Tunnel0/0/1 track nqa admin branch-m");
            assertLine(text, "ip route-static 172.16.0.0 255.255.0.0 Tunnel0/0/2 preference 70");
            assert.equal(count(text, " tcp adjust-mss 1360"), 2);
            assertLine(text, "ipsec authentication sha2 compatible enable");
        });

        it("AR single: NAT exemption in the nat outbound ACL; USG single: no-nat rule and IKE/ESP policy", () => {
            assertLine(cases["huawei-vrp.ar.single-ikev1.txt"], " rule 1 deny ip source 192.168.40.0 0.0.0.255 destination 10.10.0.0 0.0.255.255");
            const usg = cases["huawei-vrp.usg.single-ikev1.txt"];
            assertLine(usg, "  action no-nat");
            assertLine(usg, "  service esp");
            assertLine(usg, "ipsec sha2 compatible enable");
        });

        it("names Alibaba's Huawei firewall guide on the USG, says no AR guide exists, and states the guide's zones and route", () => {
            const usg = cases["huawei-vrp.usg.single-ikev1.txt"];
            const ar = cases["huawei-vrp.ar.single-ikev1.txt"];
            assertLine(usg, `# Alibaba Cloud's device guide "${HUAWEI_GUIDE_TITLE}" (USG web UI; the same steps in CLI): ${HUAWEI_GUIDE_URL}`);
            assertLine(ar, `# No Alibaba Cloud guide for Huawei AR routers was found; the IPsec steps follow its USG guide "${HUAWEI_GUIDE_TITLE}": ${HUAWEI_GUIDE_URL}`);
            assertLine(usg, "# Zones as in Alibaba's guide: <WAN_INTERFACE> in untrust, the LAN interface in trust (rename the zones below if yours differ).");
            assertNoLine(ar, /^# Zones as in/);
            assertLine(ar, "# ip route-static 10.10.0.0 255.255.0.0 47.100.40.50");
        });
    });
});

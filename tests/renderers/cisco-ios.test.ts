import assert from "node:assert/strict";
import { ResolvedLink } from "../../model/link";
import { CISCO_DUAL_TUNNEL_GUIDE_URL, CISCO_GUIDE_TITLE, CISCO_GUIDE_URL, ciscoIosRenderer, renderCiscoIos } from "../../renderers/cisco-ios";
import { peerCaveats } from "../../renderers";
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

/** The lines of the block that starts with `head`: the head and its indented lines. */
function block(text: string, head: string): string[] {
    const lines = linesOf(text);
    const start = lines.indexOf(head);
    assert.ok(start >= 0, `no block ${JSON.stringify(head)} in:\n${text}`);
    const out = [head];
    for (const line of lines.slice(start + 1)) {
        if (!line.startsWith(" ")) break;
        out.push(line);
    }
    return out;
}

function clone(link: ResolvedLink): ResolvedLink {
    return structuredClone(link);
}

describe("cisco-ios renderer", () => {
    const fixtures = { hypermotion: hypermotionLink, spoke: spokeLink, destination: destinationLink };

    it("describes itself as a PeerRenderer", () => {
        assert.equal(ciscoIosRenderer.platform, "cisco-ios");
        assert.equal(ciscoIosRenderer.title, "Cisco IOS / IOS XE CLI");
        assert.equal(ciscoIosRenderer.fileName(hypermotionLink), "office.cisco-ios.txt");
        assert.equal(ciscoIosRenderer.fileName(spokeLink), "shanghai-to-tokyo.cisco-ios.txt");
        assert.equal(ciscoIosRenderer.render, renderCiscoIos);
    });

    for (const [label, link] of Object.entries(fixtures)) {
        describe(`${label} link: common properties`, () => {
            const out = renderCiscoIos(link);

            it("opens with a ! header naming the link and the Alibaba connection id", () => {
                const first = linesOf(out)[0];
                assert.match(first, /^! /);
                assert.ok(first.includes(`"${link.name}"`));
                assertLine(out, `! Alibaba Cloud IPsec connection: ${link.connectionId}`);
            });

            it("carries every tunnel's pre-shared key", () => {
                for (const t of link.tunnels) {
                    assert.ok(out.includes(t.psk), `missing the ${t.role} PSK`);
                }
            });

            it("is deterministic and does not touch the link", () => {
                const before = clone(link);
                assert.equal(renderCiscoIos(link), out);
                assert.equal(renderCiscoIos(clone(link)), out);
                assert.deepEqual(link, before);
            });

            it("has no placeholders left by a bug, no trailing spaces, and ends with end", () => {
                assert.doesNotMatch(out, /undefined|NaN|\[object /);
                assertNoLine(out, /\s+$/);
                assertNoLine(out, /^\t/);
                assert.ok(out.endsWith("!\nend\n"));
            });
        });
    }

    describe("hypermotion link (IKEv1 main mode, aes256/sha1/group2, dual tunnel, policy-based)", () => {
        const out = renderCiscoIos(hypermotionLink);
        const [master, slave] = hypermotionLink.tunnels;

        it("names every phase 1 algorithm in crypto isakmp policy", () => {
            assert.deepEqual(block(out, "crypto isakmp policy 10"), [
                "crypto isakmp policy 10",
                " encr aes 256",
                " hash sha",
                " authentication pre-share",
                " group 2",
                " lifetime 86400",
            ]);
        });

        it("keys each Alibaba address and enables periodic DPD", () => {
            assertLine(out, `crypto isakmp key ${master.psk} address 47.96.10.21`);
            assertLine(out, `crypto isakmp key ${slave.psk} address 47.96.10.22`);
            assertLine(out, "crypto isakmp keepalive 10 3 periodic");
            assertNoLine(out, /crypto ikev2/);
            assertNoLine(out, /initiate mode aggressive/);
        });

        it("uses an explicit ESP transform set in tunnel mode", () => {
            assert.deepEqual(block(out, "crypto ipsec transform-set ALIYUN-office esp-aes 256 esp-sha-hmac"), [
                "crypto ipsec transform-set ALIYUN-office esp-aes 256 esp-sha-hmac",
                " mode tunnel",
            ]);
        });

        it("protects peer -> Alibaba networks with wildcard masks", () => {
            assert.deepEqual(block(out, "ip access-list extended ALIYUN-office"), [
                "ip access-list extended ALIYUN-office",
                " permit ip 192.168.10.0 0.0.0.255 172.16.0.0 0.0.255.255",
            ]);
        });

        it("has crypto map entry 10 for the master and 20 for the slave", () => {
            const ten = block(out, "crypto map ALIYUN-office 10 ipsec-isakmp");
            const twenty = block(out, "crypto map ALIYUN-office 20 ipsec-isakmp");
            for (const [entry, ip] of [
                [ten, "47.96.10.21"],
                [twenty, "47.96.10.22"],
            ] as const) {
                assert.ok(entry.includes(` set peer ${ip}`));
                assert.ok(entry.includes(" set transform-set ALIYUN-office"));
                assert.ok(entry.includes(" set pfs group2"));
                assert.ok(entry.includes(" set security-association lifetime seconds 3600"));
                assert.ok(entry.includes(" match address ALIYUN-office"));
                assert.ok(!entry.some((l) => l.includes("ikev2-profile")));
            }
            assert.equal(count(out, " set pfs group2"), 2);
        });

        it("applies the map and the MSS clamp to the marked WAN interface placeholder", () => {
            assert.deepEqual(block(out, "interface <WAN_INTERFACE>"), [
                "interface <WAN_INTERFACE>",
                " crypto map ALIYUN-office",
                " ip tcp adjust-mss 1360",
            ]);
            assert.ok(linesOf(out).some((l) => l.startsWith("! ---- WAN interface (<WAN_INTERFACE>") && l.includes("203.0.113.10")));
            assert.ok(linesOf(out).some((l) => l.startsWith("! Replace every <PLACEHOLDER> before pasting: <WAN_INTERFACE>") && l.includes("<NAT_ACL>")));
        });

        it("exempts the protected flow from NAT with a deny line ahead of the NAT ACL's permits", () => {
            assert.deepEqual(block(out, "ip access-list extended <NAT_ACL>"), [
                "ip access-list extended <NAT_ACL>",
                " 1 deny ip 192.168.10.0 0.0.0.255 172.16.0.0 0.0.255.255",
            ]);
        });

        it("warns that a policy-based dual tunnel cannot follow the master/slave switch, and states the DPD bound", () => {
            assert.ok(linesOf(out).some((l) => l.startsWith("! WARNING: policy-based dual tunnel: both crypto map entries match one ACL")));
            assertLine(out, "! DPD: probe every 10 s, retry every 3 s, 5 retries: a dead tunnel is declared dead and its SAs deleted within 28 s.");
            assert.equal(ciscoIosRenderer.caveats!(hypermotionLink).length, 1);
        });

        it("ends with a verification section of show commands", () => {
            assertLine(out, "! show crypto isakmp sa -> one SA per Alibaba address (47.96.10.21, 47.96.10.22), state QM_IDLE, status ACTIVE");
            assertLine(out, "! show ip nat translations -> no entry for traffic to 172.16.0.0/16 (the NAT exemption works)");
        });

        it("records the weak-crypto opt-in reason", () => {
            assert.ok(out.includes("the office H3C ER3200G2 offers only DH2"));
        });
    });

    describe("spoke link (IKEv2 defaults, FQDN identities, one tunnel, two peer networks)", () => {
        const out = renderCiscoIos(spokeLink);
        const [master] = spokeLink.tunnels;

        it("names the IKEv2 proposal algorithms", () => {
            assert.deepEqual(block(out, "crypto ikev2 proposal ALIYUN-shanghai-to-tokyo"), [
                "crypto ikev2 proposal ALIYUN-shanghai-to-tokyo",
                " encryption aes-cbc-256",
                " integrity sha256",
                " group 14",
            ]);
            assert.deepEqual(block(out, "crypto ikev2 policy ALIYUN-shanghai-to-tokyo"), [
                "crypto ikev2 policy ALIYUN-shanghai-to-tokyo",
                " proposal ALIYUN-shanghai-to-tokyo",
            ]);
        });

        it("keys the Alibaba address in the IKEv2 keyring", () => {
            assert.deepEqual(block(out, "crypto ikev2 keyring ALIYUN-shanghai-to-tokyo"), [
                "crypto ikev2 keyring ALIYUN-shanghai-to-tokyo",
                " peer alibaba-master",
                "  address 47.100.20.30",
                `  pre-shared-key ${master.psk}`,
            ]);
        });

        it("uses FQDN identities both ways, DPD and the IKE lifetime", () => {
            assert.deepEqual(block(out, "crypto ikev2 profile ALIYUN-shanghai-to-tokyo-master"), [
                "crypto ikev2 profile ALIYUN-shanghai-to-tokyo-master",
                " match identity remote fqdn shanghai.example.com",
                " identity local fqdn tokyo.example.com",
                " authentication remote pre-share",
                " authentication local pre-share",
                " keyring local ALIYUN-shanghai-to-tokyo",
                " lifetime 86400",
                " dpd 10 3 periodic",
            ]);
            assertNoLine(out, /identity (local|remote) address/);
        });

        it("has one ACL line per (peer network, Alibaba network) pair", () => {
            assert.deepEqual(block(out, "ip access-list extended ALIYUN-shanghai-to-tokyo"), [
                "ip access-list extended ALIYUN-shanghai-to-tokyo",
                " permit ip 10.0.0.0 0.0.255.255 10.1.0.0 0.0.255.255",
                " permit ip 10.2.0.0 0.0.255.255 10.1.0.0 0.0.255.255",
            ]);
        });

        it("ties the single crypto map entry to the IKEv2 profile", () => {
            assert.deepEqual(block(out, "crypto map ALIYUN-shanghai-to-tokyo 10 ipsec-isakmp"), [
                "crypto map ALIYUN-shanghai-to-tokyo 10 ipsec-isakmp",
                " description Alibaba master tunnel 47.100.20.30 (vco-uf6a1b2c3d4e5f6g7h8i9)",
                " set peer 47.100.20.30",
                " set transform-set ALIYUN-shanghai-to-tokyo",
                " set pfs group14",
                " set security-association lifetime seconds 3600",
                " set security-association lifetime kilobytes disable",
                " set ikev2-profile ALIYUN-shanghai-to-tokyo-master",
                " match address ALIYUN-shanghai-to-tokyo",
            ]);
            assertNoLine(out, /^crypto map \S+ 20 /);
            assertLine(out, "crypto ipsec transform-set ALIYUN-shanghai-to-tokyo esp-aes 256 esp-sha256-hmac");
        });
    });

    describe("destination link (route-based VTI, no PFS, DPD off)", () => {
        const out = renderCiscoIos(destinationLink);

        it("names the non-default algorithms", () => {
            assertLine(out, " encryption aes-cbc-128");
            assertLine(out, " integrity sha512");
            assertLine(out, " group 14");
            assertLine(out, " lifetime 28800");
            assertLine(out, "crypto ipsec transform-set ALIYUN-dc2 esp-aes 192 esp-sha384-hmac");
        });

        it("matches each tunnel's Alibaba address identity", () => {
            assertLine(out, " match identity remote address 39.98.1.2 255.255.255.255");
            assertLine(out, " match identity remote address 39.98.1.3 255.255.255.255");
            assert.equal(count(out, " identity local address 192.0.2.44"), 2);
        });

        it("builds one IPsec profile per tunnel without PFS", () => {
            assert.deepEqual(block(out, "crypto ipsec profile ALIYUN-dc2-master"), [
                "crypto ipsec profile ALIYUN-dc2-master",
                " set transform-set ALIYUN-dc2",
                " set security-association lifetime seconds 1800",
                " set security-association lifetime kilobytes disable",
                " set ikev2-profile ALIYUN-dc2-master",
            ]);
            assertLine(out, "crypto ipsec profile ALIYUN-dc2-slave");
            assertNoLine(out, /set pfs/);
        });

        it("has no DPD and no crypto map, and warns that failover then waits for the SAs to expire", () => {
            assertNoLine(out, /^[^!].*(dpd|keepalive)/);
            assertNoLine(out, /^[^!].*(crypto map|access-list)/);
            assert.deepEqual(ciscoIosRenderer.caveats!(destinationLink), [
                "DPD is off (profile.dpd = false): a dead master tunnel is only noticed when its SAs expire, so the floating route through " +
                    "the slave takes over late. Enable profile.dpd.",
            ]);
            assert.ok(linesOf(out).some((l) => l.startsWith("! WARNING: DPD is off")));
        });

        it("builds Tunnel1 (master) and Tunnel2 (slave) VTIs on the WAN placeholder", () => {
            assert.deepEqual(block(out, "interface Tunnel1"), [
                "interface Tunnel1",
                " description Alibaba master tunnel 39.98.1.2 (vco-2zeq1w2e3r4t5y6u7i8o9)",
                " ip unnumbered <WAN_INTERFACE>",
                " ip mtu 1400",
                " ip tcp adjust-mss 1360",
                " tunnel source <WAN_INTERFACE>",
                " tunnel mode ipsec ipv4",
                " tunnel destination 39.98.1.2",
                " tunnel protection ipsec profile ALIYUN-dc2-master",
            ]);
            const two = block(out, "interface Tunnel2");
            assert.ok(two.includes(" tunnel destination 39.98.1.3"));
            assert.ok(two.includes(" tunnel protection ipsec profile ALIYUN-dc2-slave"));
        });

        it("routes the Alibaba network through Tunnel1, with Tunnel2 as a floating route", () => {
            assertLine(out, "ip route 10.30.0.0 255.255.0.0 Tunnel1");
            assertLine(out, "ip route 10.30.0.0 255.255.0.0 Tunnel2 10");
            assertNoLine(out, /^ip route 10\.4[01]\./);
        });

        it("notes that NAT traversal is off on the Alibaba side", () => {
            assert.ok(linesOf(out).some((l) => l.startsWith("!") && l.includes("NAT traversal is off")));
        });
    });

    describe("other shapes", () => {
        it("initiates IKEv1 aggressive mode through a keyring and an ISAKMP profile", () => {
            const link = clone(hypermotionLink);
            link.profile.ike.mode = "aggressive";
            const out = renderCiscoIos(link);
            assert.deepEqual(block(out, "crypto keyring ALIYUN-office-master"), [
                "crypto keyring ALIYUN-office-master",
                ` pre-shared-key address 47.96.10.21 key ${link.tunnels[0].psk}`,
            ]);
            assert.deepEqual(block(out, "crypto isakmp profile ALIYUN-office-slave"), [
                "crypto isakmp profile ALIYUN-office-slave",
                " keyring ALIYUN-office-slave",
                " self-identity address",
                " match identity address 47.96.10.22 255.255.255.255",
                " initiate mode aggressive",
            ]);
            assert.ok(block(out, "crypto map ALIYUN-office 20 ipsec-isakmp").includes(" set isakmp-profile ALIYUN-office-slave"));
            assertNoLine(out, /^crypto isakmp key /);
        });

        it("renders a single-tunnel VTI without a floating route", () => {
            const link = clone(destinationLink);
            link.tunnels = [link.tunnels[0]];
            const out = renderCiscoIos(link);
            assertLine(out, "ip route 10.30.0.0 255.255.0.0 Tunnel1");
            assertNoLine(out, /Tunnel2/);
        });

        it("refuses an FQDN identity for this router under IKEv1", () => {
            const link = clone(hypermotionLink);
            link.tunnels = link.tunnels.map((t) => ({ ...t, peerId: "office.example.com" }));
            assert.throws(
                () => renderCiscoIos(link),
                (err: unknown) => err instanceof UnsupportedByPeerError && err.platform === "cisco-ios" && err.field === "profile.remoteId",
            );
        });

        it("refuses a pre-shared key with '?' without printing it", () => {
            const link = clone(spokeLink);
            link.tunnels[0].psk = "abc?def";
            assert.throws(
                () => renderCiscoIos(link),
                (err: unknown) => err instanceof UnsupportedByPeerError && err.field === "tunnels.master.psk" && !err.message.includes("abc?def"),
            );
        });

        it("refuses lifetimes IOS does not accept", () => {
            const short = clone(spokeLink);
            short.profile.ipsec.lifetimeSeconds = 60;
            assert.throws(() => renderCiscoIos(short), (err: unknown) => err instanceof UnsupportedByPeerError && err.field === "profile.ipsec.lifetimeSeconds");
            const ike = clone(spokeLink);
            ike.profile.ike.lifetimeSeconds = 0;
            assert.throws(() => renderCiscoIos(ike), (err: unknown) => err instanceof UnsupportedByPeerError && err.field === "profile.ike.lifetimeSeconds");
        });

        it("renders a slave listed first as entry 20", () => {
            const link = clone(hypermotionLink);
            link.tunnels = [link.tunnels[1], link.tunnels[0]];
            assert.equal(renderCiscoIos(link), renderCiscoIos(hypermotionLink));
        });
    });

    describe("golden files (tests/golden/renderers, UPDATE_GOLDEN=1 rewrites them)", () => {
        const dual = renderCiscoIos(dualIkev2Link);
        const single = renderCiscoIos(singleIkev1Link);

        it("dual-tunnel IKEv2 link matches cisco-ios.dual-ikev2.txt", () => assertGolden("cisco-ios.dual-ikev2.txt", dual));
        it("single-tunnel IKEv1 link matches cisco-ios.single-ikev1.txt", () => assertGolden("cisco-ios.single-ikev1.txt", single));

        it("dual: master route, floating slave route, MSS/MTU on the VTIs, DPD that brings the VTI down", () => {
            assertLine(dual, "ip route 172.16.0.0 255.255.0.0 Tunnel1");
            assertLine(dual, "ip route 172.16.0.0 255.255.0.0 Tunnel2 10");
            assert.equal(count(dual, " ip tcp adjust-mss 1360"), 2);
            assert.equal(count(dual, " ip mtu 1400"), 2);
            assert.equal(count(dual, " dpd 10 3 periodic"), 2);
            assert.deepEqual(ciscoIosRenderer.caveats!(dualIkev2Link), []);
        });

        it("single: NAT exemption, lifetimes and DPD as the profile says", () => {
            assertLine(single, " 1 deny ip 192.168.40.0 0.0.0.255 10.10.0.0 0.0.255.255");
            assertLine(single, " lifetime 28800");
            assertLine(single, " set security-association lifetime seconds 3600");
            assertLine(single, "crypto isakmp keepalive 10 3 periodic");
            assertNoLine(single, /WARNING/);
        });

        it("names Alibaba's Cisco device guide, the dual-tunnel page for two tunnels, and the guide's static route as a fallback", () => {
            const guide = `! Alibaba Cloud's device guide "${CISCO_GUIDE_TITLE}": ${CISCO_GUIDE_URL}`;
            assertLine(single, guide);
            assertLine(dual, guide);
            assertLine(dual, `! and its dual-tunnel guide (master carries the traffic, slave on standby): ${CISCO_DUAL_TUNNEL_GUIDE_URL}`);
            assertNoLine(single, /dual-tunnel guide/);
            assertLine(single, "! ip route 10.10.0.0 255.255.0.0 47.100.40.50");
            assertNoLine(dual, /^!? ?ip route 172\.16\.0\.0 255\.255\.0\.0 47\./);
        });
    });

    describe("checks before anything exists", () => {
        it("reports the policy-based dual-tunnel caveat through peerCaveats, and none for destination routing with DPD", () => {
            // peerCaveats replaces the tunnels and the connection id with placeholders, as the checks do before creation.
            const shape: Omit<ResolvedLink, "tunnels" | "connectionId"> = clone(hypermotionLink);
            assert.equal(peerCaveats("cisco-ios", shape, 2).length, 1);
            assert.deepEqual(peerCaveats("cisco-ios", shape, 1), []);
            const routed: Omit<ResolvedLink, "tunnels" | "connectionId"> = clone(dualIkev2Link);
            assert.deepEqual(peerCaveats("cisco-ios", routed, 2), []);
            assert.deepEqual(peerCaveats("h3c-er", shape, 2).length, 2);
        });

        it("refuses IKEv1 behind NAT (IOS would send its private address as identity)", () => {
            assert.throws(
                () => renderCiscoIos({ ...clone(singleIkev1Link), peerBehindNat: true }),
                (err: unknown) => err instanceof UnsupportedByPeerError && err.field === "profile.ike.version",
            );
            assert.doesNotThrow(() => renderCiscoIos({ ...clone(dualIkev2Link), peerBehindNat: true }));
        });
    });

    describe("IP SLA tracking when the link names a probe address", () => {
        const out = renderCiscoIos({ ...clone(dualIkev2Link), probeAddress: "172.16.1.10", probeSource: "192.168.20.1" });

        it("pings the probe through Tunnel1 and tracks the master's routes with it", () => {
            assert.deepEqual(block(out, "ip sla 10"), ["ip sla 10", " icmp-echo 172.16.1.10 source-ip 192.168.20.1", " frequency 5", " timeout 2000"]);
            assertLine(out, "ip sla schedule 10 life forever start-time now");
            assertLine(out, "track 10 ip sla 10 reachability");
            assertLine(out, "ip route 172.16.1.10 255.255.255.255 Tunnel1");
            assertLine(out, "ip route 172.16.0.0 255.255.0.0 Tunnel1 track 10");
            assertLine(out, "ip route 172.16.0.0 255.255.0.0 Tunnel2 10");
            assert.ok(linesOf(out).some((l) => l.startsWith("! Failover:") && l.includes("IP SLA 10 also withdraws the master's routes within 7 s")));
        });

        it("renders no IP SLA without a probe address", () => {
            assertNoLine(renderCiscoIos(dualIkev2Link), /^(ip sla|track) /);
        });
    });
});

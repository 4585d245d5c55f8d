import assert from "node:assert/strict";
import { ResolvedLink } from "../../model/link";
import { COMWARE_GUIDE_TITLE, COMWARE_GUIDE_URL } from "../../renderers/h3c-comware";
import { H3C_ER_CAPABILITIES, H3C_ER_GUIDE_URL, displayWidth, erDhLabel, h3cErProblems, h3cErRenderer, renderH3cEr } from "../../renderers/h3c-er";
import { UnsupportedByPeerError } from "../../renderers/types";
import { destinationLink, hypermotionLink, spokeLink } from "../fixtures/links";
import { assertGolden, erDualLink, erSingleLink } from "./golden";

const linesOf = (text: string) => text.split("\n");
const count = (text: string, needle: string) => text.split(needle).length - 1;

/** The value of every field row whose label is `label`, in order. */
function values(text: string, label: string): string[] {
    return linesOf(text)
        .filter((l) => l.startsWith(`   ${label} `) || l.startsWith(`   ${label}:`))
        .map((l) => l.slice(l.indexOf(" : ") + 3));
}

/** The lines between a section title and the next blank line. */
function section(text: string, title: string, occurrence = 0): string[] {
    const lines = linesOf(text);
    let from = -1;
    for (let i = 0, seen = 0; i < lines.length; i++) {
        if (lines[i] === title && seen++ === occurrence) {
            from = i;
            break;
        }
    }
    assert.notEqual(from, -1, `no section "${title}" #${occurrence}`);
    const to = lines.indexOf("", from);
    return lines.slice(from, to === -1 ? undefined : to);
}

describe("renderers/h3c-er", () => {
    describe("hypermotion link (seed 000: IKEv1 main, aes256/sha1, DH2, dual tunnel)", () => {
        const text = renderH3cEr(hypermotionLink);

        it("names the link and the Alibaba connection in a header comment", () => {
            assert.ok(text.startsWith('# H3C ER series web form for the peer end of link "office"\n'));
            assert.ok(linesOf(text).includes("# Alibaba Cloud VPN connection: vco-bp1k2m3n4o5p6q7r8s9t0"));
        });

        it("writes one block per tunnel in the seed's order", () => {
            assert.ok(linesOf(text).includes("=== 隧道 Tunnel 1: 主隧道 master, Alibaba 47.96.10.21 ==="));
            assert.ok(linesOf(text).includes("=== 隧道 Tunnel 2: 备隧道 slave, Alibaba 47.96.10.22 ==="));
            const order = ["1. 虚接口 Virtual interface", "2. IKE安全提议 IKE proposal", "3. IKE对等体 IKE peer", "4. IPsec安全提议 IPsec proposal", "5. IPsec安全策略 IPsec policy"];
            const positions = order.map((title) => linesOf(text).indexOf(title));
            assert.deepEqual([...positions].sort((a, b) => a - b), positions);
            for (const title of order) {
                assert.equal(linesOf(text).filter((l) => l === title).length, 2, title);
            }
        });

        it("fills the IKE proposal like the UI: SHA1, AES-256, DH2 modp1024", () => {
            assert.deepEqual(section(text, "2. IKE安全提议 IKE proposal"), [
                "2. IKE安全提议 IKE proposal",
                "   名称 Name                          : office-m-ike",
                "   认证算法 Authentication            : SHA1",
                "   加密算法 Encryption                : AES-256",
                "   DH组 DH group                      : DH2 modp1024",
            ]);
        });

        it("fills the IKE peer: Alibaba tunnel IP, 主模式, IP IDs, PSK, DPD on, lifetime", () => {
            const peer = section(text, "3. IKE对等体 IKE peer");
            assert.deepEqual(peer.slice(0, 14), [
                "3. IKE对等体 IKE peer",
                "   名称 Name                          : office-m-peer",
                "   虚接口 Virtual interface           : ipsec0",
                "   对端地址 Remote address            : 47.96.10.21",
                "   协商模式 Negotiation mode          : 主模式 main",
                "   本端ID类型 Local ID type           : IP地址 IP address",
                "   本端ID Local ID                    : 203.0.113.10",
                "   对端ID类型 Remote ID type          : IP地址 IP address",
                "   对端ID Remote ID                   : 47.96.10.21",
                "   安全提议 IKE proposal              : office-m-ike",
                "   预共享密钥 Pre-shared key          : Pm4tQ8vX2zL6nR0sW3yB7cF1hJ5kD9gE",
                "   DPD                                : 开启 on",
                "   NAT穿越 NAT traversal              : 开启 on (if the UI offers this option)",
                "   生存时间 Lifetime                  : 86400 秒 s",
            ]);
            assert.ok(peer.includes("   * DPD is on at Alibaba for this link and off by default on the ER: switch it on."));
            assert.deepEqual(values(text, "对端地址 Remote address"), ["47.96.10.21", "47.96.10.22"]);
            assert.deepEqual(values(text, "DPD"), ["开启 on", "开启 on"]);
        });

        it("fills the IPsec proposal and the mirrored policy with PFS DH2 modp1024", () => {
            assert.deepEqual(section(text, "4. IPsec安全提议 IPsec proposal"), [
                "4. IPsec安全提议 IPsec proposal",
                "   名称 Name                          : office-m-esp",
                "   安全协议 Security protocol         : ESP",
                "   ESP验证算法 ESP authentication     : SHA1",
                "   ESP加密算法 ESP encryption         : AES-256",
            ]);
            assert.deepEqual(section(text, "5. IPsec安全策略 IPsec policy"), [
                "5. IPsec安全策略 IPsec policy",
                "   名称 Name                          : office-m-1",
                "   本地子网IP/掩码 Local subnet/mask  : 192.168.10.0 / 255.255.255.0",
                "   对端子网IP/掩码 Remote subnet/mask : 172.16.0.0 / 255.255.0.0",
                "   对等体 IKE peer                    : office-m-peer",
                "   安全提议 IPsec proposal            : office-m-esp",
                "   PFS                                : DH2 modp1024",
                "   生存时间 Lifetime                  : 3600 秒 s",
            ]);
            assert.deepEqual(values(text, "对等体 IKE peer"), ["office-m-peer", "office-s-peer"]);
        });

        it("puts each PSK once, in its own tunnel's IKE peer", () => {
            assert.equal(count(text, "Pm4tQ8vX2zL6nR0sW3yB7cF1hJ5kD9gE"), 1);
            assert.equal(count(text, "Sl9aV3bN7mQ1wE5rT8yU2iO6pA0sD4fG"), 1);
            assert.deepEqual(values(text, "预共享密钥 Pre-shared key"), ["Pm4tQ8vX2zL6nR0sW3yB7cF1hJ5kD9gE", "Sl9aV3bN7mQ1wE5rT8yU2iO6pA0sD4fG"]);
        });

        it("aligns the value column (CJK characters count two columns)", () => {
            const columns = new Set(
                linesOf(text)
                    .filter((l) => l.startsWith("   ") && l.includes(" : ") && !l.startsWith("   * "))
                    .map((l) => displayWidth(l.slice(0, l.indexOf(" : ")))),
            );
            assert.equal(columns.size, 1, `value columns differ: ${[...columns].join(", ")}`);
        });

        it("marks the WAN interface as a placeholder", () => {
            assert.deepEqual(values(text, "绑定接口 Bound WAN interface"), [
                "WAN1  <- CHANGE: the WAN port that holds 203.0.113.10",
                "WAN1  <- CHANGE: the WAN port that holds 203.0.113.10",
            ]);
        });
    });

    it("writes one policy per subnet pair and spells the other values like the UI", () => {
        const link: ResolvedLink = {
            ...hypermotionLink,
            peerSubnets: ["192.168.10.0/24", "192.168.20.0/25"],
            alibabaSubnets: ["172.16.0.0/16", "172.17.0.0/16"],
            tunnels: [hypermotionLink.tunnels[0]],
            profile: {
                ...hypermotionLink.profile,
                ike: { ...hypermotionLink.profile.ike, mode: "aggressive", dhGroup: "group5", encryption: "3des", integrity: "md5" },
                ipsec: { ...hypermotionLink.profile.ipsec, pfs: "disabled", encryption: "aes" },
                dpd: false,
            },
        };
        const text = renderH3cEr(link);
        assert.deepEqual(values(text, "名称 Name").filter((v) => /^office-m-\d$/.test(v)), ["office-m-1", "office-m-2", "office-m-3", "office-m-4"]);
        assert.deepEqual(values(text, "本地子网IP/掩码 Local subnet/mask"), [
            "192.168.10.0 / 255.255.255.0",
            "192.168.10.0 / 255.255.255.0",
            "192.168.20.0 / 255.255.255.128",
            "192.168.20.0 / 255.255.255.128",
        ]);
        assert.deepEqual(values(text, "对端子网IP/掩码 Remote subnet/mask"), ["172.16.0.0 / 255.255.0.0", "172.17.0.0 / 255.255.0.0", "172.16.0.0 / 255.255.0.0", "172.17.0.0 / 255.255.0.0"]);
        assert.deepEqual(values(text, "协商模式 Negotiation mode"), ["野蛮模式 aggressive"]);
        assert.deepEqual(values(text, "DH组 DH group"), ["DH5 modp1536"]);
        assert.deepEqual(values(text, "加密算法 Encryption"), ["3DES"]);
        assert.deepEqual(values(text, "认证算法 Authentication"), ["MD5"]);
        assert.deepEqual(values(text, "ESP加密算法 ESP encryption"), ["AES-128"]);
        assert.deepEqual(values(text, "PFS"), ["禁用 none", "禁用 none", "禁用 none", "禁用 none"]);
        assert.deepEqual(values(text, "DPD"), ["关闭 off"]);
        assert.ok(linesOf(text).includes("   * the ER takes one local and one remote subnet per policy: add all 4 policies above."));
        assert.doesNotMatch(text, /隧道 Tunnel 2/);
    });

    describe("links the ER cannot express", () => {
        it("refuses the IKEv2 spoke link, naming ike.version", () => {
            assert.throws(
                () => renderH3cEr(spokeLink),
                (err: unknown) => {
                    assert.ok(err instanceof UnsupportedByPeerError);
                    assert.equal(err.platform, "h3c-er");
                    assert.equal(err.field, "ike.version");
                    assert.equal(err.value, "ikev2");
                    assert.match(err.message, /ike\.version = "ikev2"/);
                    assert.match(err.message, /Fix: .*ikev1/);
                    return true;
                },
            );
            assert.deepEqual(
                h3cErProblems(spokeLink).map((p) => p.field),
                ["ike.version", "ike.dhGroup", "ipsec.pfs", "ike.integrity", "ipsec.integrity"],
            );
        });

        it("refuses the destination-routing link", () => {
            assert.throws(() => renderH3cEr(destinationLink), UnsupportedByPeerError);
            assert.ok(h3cErProblems(destinationLink).some((p) => p.field === "routingMode" && p.value === "destination"));
            const ikev1Destination: ResolvedLink = {
                ...destinationLink,
                profile: {
                    ...destinationLink.profile,
                    ike: { ...destinationLink.profile.ike, version: "ikev1", dhGroup: "group5", integrity: "sha1" },
                    ipsec: { ...destinationLink.profile.ipsec, integrity: "sha1" },
                },
            };
            assert.throws(() => renderH3cEr(ikev1Destination), /h3c-er cannot do routingMode = "destination"\. Fix: /);
        });

        it("refuses a DH group the ER lacks, in phase 1 and in PFS", () => {
            const group14: ResolvedLink = {
                ...hypermotionLink,
                profile: { ...hypermotionLink.profile, ike: { ...hypermotionLink.profile.ike, dhGroup: "group14" } },
            };
            assert.throws(() => renderH3cEr(group14), /h3c-er cannot do ike\.dhGroup = "group14"/);
            const pfs14: ResolvedLink = {
                ...hypermotionLink,
                profile: { ...hypermotionLink.profile, ipsec: { ...hypermotionLink.profile.ipsec, pfs: "group14" } },
            };
            assert.throws(() => renderH3cEr(pfs14), /h3c-er cannot do ipsec\.pfs = "group14"/);
        });

        it("accepts the hypermotion link", () => {
            assert.deepEqual(h3cErProblems(hypermotionLink), []);
        });
    });

    it("exports its capabilities for checks", () => {
        assert.deepEqual(H3C_ER_CAPABILITIES.ikeVersions, ["ikev1"]);
        assert.deepEqual(H3C_ER_CAPABILITIES.dhGroups, ["group1", "group2", "group5"]);
        assert.ok(H3C_ER_CAPABILITIES.encryption.includes("aes256"));
        assert.ok(H3C_ER_CAPABILITIES.integrity.includes("sha1"));
        assert.equal(erDhLabel("group2"), "DH2 modp1024");
        assert.equal(erDhLabel("group1"), "DH1 modp768");
    });

    it("is deterministic and registered under its platform", () => {
        assert.equal(renderH3cEr(hypermotionLink), renderH3cEr(structuredClone(hypermotionLink)));
        assert.equal(h3cErRenderer.render(hypermotionLink), renderH3cEr(hypermotionLink));
        assert.equal(h3cErRenderer.platform, "h3c-er");
        assert.equal(h3cErRenderer.title, "H3C ER series web form (field by field)");
        assert.equal(h3cErRenderer.fileName(hypermotionLink), "office.h3c-er.txt");
    });

    describe("golden files (tests/golden/renderers, UPDATE_GOLDEN=1 rewrites them)", () => {
        const dual = renderH3cEr(erDualLink);
        const single = renderH3cEr(erSingleLink);

        it("dual-tunnel IKEv1 link matches h3c-er.dual-ikev1.txt (the ER has no IKEv2)", () => assertGolden("h3c-er.dual-ikev1.txt", dual));
        it("single-tunnel IKEv1 link matches h3c-er.single-ikev1.txt", () => assertGolden("h3c-er.single-ikev1.txt", single));

        it("warns that the ER cannot follow the master/slave switch on the dual link only", () => {
            assert.ok(linesOf(dual).some((l) => l.startsWith("# WARNING: the H3C ER cannot follow Alibaba's master/slave switch")));
            assert.ok(!linesOf(single).some((l) => l.includes("master/slave switch")));
            assert.equal(h3cErRenderer.caveats!(erDualLink).length, 2);
            assert.equal(h3cErRenderer.caveats!(erSingleLink).length, 1);
        });

        it("says plainly that no Alibaba guide exists for the ER and names the pages it follows instead", () => {
            for (const text of [dual, single]) {
                const lines = linesOf(text);
                assert.ok(lines.includes("# No Alibaba Cloud guide for the H3C ER series was found. Values follow Alibaba's IPsec connection; its dual-tunnel guide:"));
                assert.ok(lines.includes(`#   ${H3C_ER_GUIDE_URL}`));
                assert.ok(lines.includes(`# and the order of its H3C firewall guide "${COMWARE_GUIDE_TITLE}": ${COMWARE_GUIDE_URL}`));
            }
        });

        it("ends with the verification section", () => {
            assert.ok(linesOf(dual).includes("7. 验证 Verification"));
        });
    });
});

// H3C ER series (ER3200G2 and its siblings): the router is configured through its web UI only, so this
// renderer writes a field-by-field sheet in the UI's order (seed 000):
//   1 虚接口 -> 2 IKE安全提议 -> 3 IKE对等体 -> 4 IPsec安全提议 -> 5 IPsec安全策略
// "Local" is the ER router (peerPublicIp, peerId, peerSubnets), "remote" is Alibaba (tunnel.alibabaIp,
// tunnel.alibabaId, alibabaSubnets); the two ends' subnets mirror each other.
//
// Failover: the ER has no route-based IPsec and no route tracking in its IPsec pages, so it cannot follow Alibaba's
// master/slave switch: with two policies for the same subnets, outbound traffic takes the first (master). The sheet
// says so and the renderer's caveats warn for every dual-tunnel link. DPD is an on/off switch on the ER; its timers
// are the firmware's and not shown, so no detection bound can be stated.
//
// What the ER can do. From the seed: IKEv1 only (main / aggressive), one local and one remote subnet per
// IPsec policy, DH shown as "DH2 modp1024", DPD off by default. NOT confirmed from an H3C manual (none was
// found): the DH groups are assumed to be DH1/DH2/DH5 (modp768/1024/1536, no group14), the ciphers DES,
// 3DES and AES-128/192/256, the integrity algorithms MD5 and SHA1 only. If a firmware offers more, widen
// H3C_ER_CAPABILITIES; until then such links are refused before any resource exists.
//
// Alibaba's device guide for this platform: none found. Alibaba's local-gateway guides (AlibabaCloudDocs/vpn,
// intl.en-US/User Guide/Configure IPsec-VPN connections/Configure local gateways, and the cn.zh-CN/intl.zh-CN
// 本地网关配置 folders) cover Cisco, Huawei and H3C firewalls, Juniper SRX, Hillstone, Sangfor and strongSwan, not the
// H3C ER series. The sheet therefore cites Alibaba's dual-tunnel page (H3C_ER_GUIDE_URL) and, for the order of the
// steps, the nearest device guide, "Configure H3C firewall" (COMWARE_GUIDE_URL in ./h3c-comware).
// Golden files reviewed against that H3C firewall guide: matched: protected flows local -> VPC, IKE proposal, IPsec
// proposal, allowing the subnets both ways in the firewall. Differences: the guide's default route is not in the sheet
// (the ER's WAN page already routes out of the port the virtual interface is bound to, assumed), and the ER's
// pages (虚接口 -> IKE安全提议 -> IKE对等体 -> IPsec安全提议 -> IPsec安全策略) come from the seed, not from an Alibaba or
// H3C document, so field names and the capability limits above remain unconfirmed.
import { COMWARE_GUIDE_TITLE, COMWARE_GUIDE_URL } from "./h3c-comware";
import { DH_GROUP_INFO, DhGroup, EncryptionAlgorithm, IkeVersion, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address, netmask, networkAddress } from "../model/cidr";
import { ResolvedLink, ResolvedTunnel, RoutingMode, trafficSelectors } from "../model/link";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

export interface PeerCapabilities {
    ikeVersions: readonly IkeVersion[];
    dhGroups: readonly DhGroup[];
    encryption: readonly EncryptionAlgorithm[];
    integrity: readonly IntegrityAlgorithm[];
    routingModes: readonly RoutingMode[];
}

/** What the ER web UI offers (see the file comment for what is assumed rather than confirmed). */
export const H3C_ER_CAPABILITIES: PeerCapabilities = {
    ikeVersions: ["ikev1"],
    dhGroups: ["group1", "group2", "group5"],
    encryption: ["des", "3des", "aes", "aes192", "aes256"],
    integrity: ["md5", "sha1"],
    routingModes: ["policy"],
};

/**
 * Every value of the link the ER cannot express, as UnsupportedByPeerError (field, value, fix), most
 * fundamental first. A check can call this before any resource exists; the renderer throws the first one.
 */
export function h3cErProblems(link: Pick<ResolvedLink, "profile" | "routingMode">): UnsupportedByPeerError[] {
    const caps = H3C_ER_CAPABILITIES;
    const { ike, ipsec } = link.profile;
    const problems: UnsupportedByPeerError[] = [];
    const err = (field: string, value: unknown, fix: string) => problems.push(new UnsupportedByPeerError("h3c-er", field, value, fix));
    const list = (values: readonly string[]) => values.join(", ");

    if (!caps.ikeVersions.includes(ike.version)) {
        err("ike.version", ike.version, `the H3C ER series speaks IKEv1 only: set profile.ike.version to ikev1, or use a Comware V7 device (platform h3c-comware) for IKEv2.`);
    }
    if (!caps.routingModes.includes(link.routingMode)) {
        err("routingMode", link.routingMode, `the H3C ER series has no route-based (tunnel interface) IPsec: set routingMode to policy and list the subnets, or use platform h3c-comware.`);
    }
    if (!caps.dhGroups.includes(ike.dhGroup)) {
        err("ike.dhGroup", ike.dhGroup, `the H3C ER series offers ${list(caps.dhGroups)} (DH1/DH2/DH5): pick one of them on both ends (weak groups need weakCryptoOptIn), or use platform h3c-comware for ${ike.dhGroup}.`);
    }
    if (ipsec.pfs !== "disabled" && !caps.dhGroups.includes(ipsec.pfs)) {
        err("ipsec.pfs", ipsec.pfs, `the H3C ER series offers PFS ${list(caps.dhGroups)} or none: pick one of them on both ends, or use platform h3c-comware for ${ipsec.pfs}.`);
    }
    for (const [field, value] of [
        ["ike.encryption", ike.encryption],
        ["ipsec.encryption", ipsec.encryption],
    ] as const) {
        if (!caps.encryption.includes(value)) {
            err(field, value, `the H3C ER series offers ${list(caps.encryption)}: set profile.${field} to aes256 on both ends.`);
        }
    }
    for (const [field, value] of [
        ["ike.integrity", ike.integrity],
        ["ipsec.integrity", ipsec.integrity],
    ] as const) {
        if (!caps.integrity.includes(value)) {
            err(field, value, `the H3C ER series is assumed to offer only ${list(caps.integrity)}: set profile.${field} to sha1 on both ends, or use platform h3c-comware for ${value}.`);
        }
    }
    return problems;
}

// ---- UI spellings -------------------------------------------------------------------------------------------

const ENCRYPTION_LABEL: Record<EncryptionAlgorithm, string> = {
    des: "DES",
    "3des": "3DES",
    aes: "AES-128",
    aes192: "AES-192",
    aes256: "AES-256",
};

const INTEGRITY_LABEL: Record<IntegrityAlgorithm, string> = {
    md5: "MD5",
    sha1: "SHA1",
    sha256: "SHA256",
    sha384: "SHA384",
    sha512: "SHA512",
};

/** The DH group as the ER UI shows it: "DH2 modp1024". */
export function erDhLabel(group: DhGroup): string {
    const info = DH_GROUP_INFO[group];
    return `DH${info.number} modp${info.modpBits}`;
}

function idType(id: string): string {
    return isIpv4Address(id) ? "IP地址 IP address" : "FQDN 域名 name";
}

// ---- layout: bilingual label, aligned ":" column (CJK characters are two columns wide) ----------------------

type Row = { label: string; value: string } | { note: string };

interface Section {
    title: string;
    rows: Row[];
}

function isWide(codePoint: number): boolean {
    return (
        (codePoint >= 0x1100 && codePoint <= 0x115f) ||
        (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
        (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
        (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
        (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
        (codePoint >= 0xff00 && codePoint <= 0xff60) ||
        (codePoint >= 0xffe0 && codePoint <= 0xffe6)
    );
}

/** Terminal columns a string takes: CJK characters count two. */
export function displayWidth(text: string): number {
    let width = 0;
    for (const ch of text) {
        width += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
    }
    return width;
}

function layout(sections: Section[]): string[] {
    const labelWidth = Math.max(
        ...sections.flatMap((s) => s.rows.map((r) => ("label" in r ? displayWidth(r.label) : 0))),
    );
    const lines: string[] = [];
    for (const section of sections) {
        lines.push("", section.title);
        for (const row of section.rows) {
            if ("label" in row) {
                lines.push(`   ${row.label}${" ".repeat(labelWidth - displayWidth(row.label))} : ${row.value}`);
            } else {
                lines.push(`   * ${row.note}`);
            }
        }
    }
    return lines;
}

// ---- the sheet ----------------------------------------------------------------------------------------------

const WAN_PLACEHOLDER = "WAN1";

/** No Alibaba device guide exists for the ER (see the file comment): its dual-tunnel page is the one cited. */
export const H3C_ER_GUIDE_URL = "https://www.alibabacloud.com/help/en/vpn/getting-started/establish-a-connection-between-the-vpc-and-the-on-premises-data";

/** What the sheet cannot do for the link although it renders; the header repeats them. */
export function h3cErCaveats(link: ResolvedLink): string[] {
    const caveats: string[] = [];
    if (link.tunnels.length > 1) {
        caveats.push(
            "the H3C ER cannot follow Alibaba's master/slave switch: both policies protect the same subnets and outbound traffic " +
                "always takes the master's; when Alibaba moves to the slave tunnel, traffic from the office keeps going into the dead master " +
                "until the master recovers. Use a Comware V7 device (h3c-comware, destination routing) for failover in both directions.",
        );
    }
    if (link.profile.dpd) {
        caveats.push("the ER's DPD timers are fixed by its firmware and not shown in the UI: how fast it notices a dead tunnel is unknown.");
    }
    return caveats;
}

function closingSections(link: ResolvedLink): Section[] {
    const first = link.alibabaSubnets[0] ?? "<ALIBABA_NETWORK>";
    return [
        {
            title: "6. 其他 Other settings",
            rows: [
                { note: `MTU/MSS: Alibaba's gateway MTU is 1400. If the WAN page offers MTU or TCP MSS, set MTU 1400 / TCP MSS 1360 (not confirmed on the ER).` },
                { note: "NAT: the ER protects traffic that matches an IPsec policy before its WAN NAT (assumed from the ER's design; no NAT exemption field exists)." },
                { note: "Firewall: if 安全 Security > 访问控制 Access control has a deny-all rule, allow the subnets above both ways." },
            ],
        },
        {
            title: "7. 验证 Verification",
            rows: [
                { note: "VPN > IPsec > 安全联盟 Security associations (or 监控 Monitor): one SA per Alibaba address, state 已连接 connected." },
                { note: `From a LAN host ping a host in ${first}: replies; the first packets may be lost while the SAs come up.` },
                { note: "Alibaba console, IPsec connection: the master tunnel shows 第二阶段协商成功 Phase 2 negotiations succeeded." },
            ],
        },
    ];
}

function objectName(text: string): string {
    const cleaned = text.replace(/[^A-Za-z0-9_-]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    return cleaned.length > 0 ? cleaned : "aliyun";
}

function tunnelSections(link: ResolvedLink, tunnel: ResolvedTunnel, index: number): Section[] {
    const { ike, ipsec } = link.profile;
    const suffix = tunnel.role === "master" ? "m" : "s";
    const base = `${objectName(link.name)}-${suffix}`;
    const names = {
        vif: `ipsec${index}`,
        ikeProposal: `${base}-ike`,
        peer: `${base}-peer`,
        ipsecProposal: `${base}-esp`,
    };
    const selectors = trafficSelectors(link);
    const lifetimeNote = (s: number) => `${s} 秒 s`;
    const roleLabel = tunnel.role === "master" ? "主隧道 master" : "备隧道 slave";

    const peerRows: Row[] = [
        { label: "名称 Name", value: names.peer },
        { label: "虚接口 Virtual interface", value: names.vif },
        { label: "对端地址 Remote address", value: tunnel.alibabaIp },
        { label: "协商模式 Negotiation mode", value: ike.mode === "main" ? "主模式 main" : "野蛮模式 aggressive" },
        { label: "本端ID类型 Local ID type", value: idType(tunnel.peerId) },
        { label: "本端ID Local ID", value: tunnel.peerId },
        { label: "对端ID类型 Remote ID type", value: idType(tunnel.alibabaId) },
        { label: "对端ID Remote ID", value: tunnel.alibabaId },
        { label: "安全提议 IKE proposal", value: names.ikeProposal },
        { label: "预共享密钥 Pre-shared key", value: tunnel.psk },
        { label: "DPD", value: link.profile.dpd ? "开启 on" : "关闭 off" },
        { label: "NAT穿越 NAT traversal", value: `${link.profile.natTraversal ? "开启 on" : "关闭 off"} (if the UI offers this option)` },
        { label: "生存时间 Lifetime", value: lifetimeNote(ike.lifetimeSeconds) },
    ];
    peerRows.push({
        note: link.profile.dpd
            ? "DPD is on at Alibaba for this link and off by default on the ER: switch it on."
            : "DPD is off at Alibaba for this link: leave it off on the ER.",
    });
    if (ike.mode === "main" && !(isIpv4Address(tunnel.peerId) && isIpv4Address(tunnel.alibabaId))) {
        peerRows.push({
            note: "IKEv1 main mode with a pre-shared key identifies peers by IP address on H3C; if the ER refuses the name IDs, use aggressive mode on both ends or drop localId/remoteId.",
        });
    }

    const policyRows: Row[] = [];
    let n = 0;
    for (const peer of selectors.peer) {
        for (const alibaba of selectors.alibaba) {
            n += 1;
            policyRows.push(
                { label: "名称 Name", value: `${base}-${n}` },
                { label: "本地子网IP/掩码 Local subnet/mask", value: `${networkAddress(peer)} / ${netmask(peer)}` },
                { label: "对端子网IP/掩码 Remote subnet/mask", value: `${networkAddress(alibaba)} / ${netmask(alibaba)}` },
                { label: "对等体 IKE peer", value: names.peer },
                { label: "安全提议 IPsec proposal", value: names.ipsecProposal },
                { label: "PFS", value: ipsec.pfs === "disabled" ? "禁用 none" : erDhLabel(ipsec.pfs) },
                { label: "生存时间 Lifetime", value: lifetimeNote(ipsec.lifetimeSeconds) },
            );
        }
    }
    if (n > 1) {
        policyRows.push({ note: `the ER takes one local and one remote subnet per policy: add all ${n} policies above.` });
    }
    if (tunnel.role === "slave") {
        policyRows.push({
            note: "same subnets as the master tunnel's policies, toward the slave address. If the ER refuses a second policy with the same subnets, configure the master tunnel only: traffic still flows, Alibaba shows the slave tunnel down.",
        });
    }

    return [
        {
            title: `=== 隧道 Tunnel ${index + 1}: ${roleLabel}, Alibaba ${tunnel.alibabaIp} ===`,
            rows: [],
        },
        {
            title: "1. 虚接口 Virtual interface",
            rows: [
                { label: "名称 Name", value: `${names.vif} (any free virtual interface; the IKE peer below must use the same)` },
                { label: "绑定接口 Bound WAN interface", value: `${WAN_PLACEHOLDER}  <- CHANGE: the WAN port that holds ${link.peerPublicIp}` },
            ],
        },
        {
            title: "2. IKE安全提议 IKE proposal",
            rows: [
                { label: "名称 Name", value: names.ikeProposal },
                { label: "认证算法 Authentication", value: INTEGRITY_LABEL[ike.integrity] },
                { label: "加密算法 Encryption", value: ENCRYPTION_LABEL[ike.encryption] },
                { label: "DH组 DH group", value: erDhLabel(ike.dhGroup) },
            ],
        },
        { title: "3. IKE对等体 IKE peer", rows: peerRows },
        {
            title: "4. IPsec安全提议 IPsec proposal",
            rows: [
                { label: "名称 Name", value: names.ipsecProposal },
                { label: "安全协议 Security protocol", value: "ESP" },
                { label: "ESP验证算法 ESP authentication", value: INTEGRITY_LABEL[ipsec.integrity] },
                { label: "ESP加密算法 ESP encryption", value: ENCRYPTION_LABEL[ipsec.encryption] },
            ],
        },
        { title: "5. IPsec安全策略 IPsec policy", rows: policyRows },
    ];
}

export function renderH3cEr(link: ResolvedLink): string {
    const problems = h3cErProblems(link);
    if (problems.length > 0) {
        throw problems[0];
    }
    const { ike, ipsec } = link.profile;
    const lines = [
        `# H3C ER series web form for the peer end of link "${link.name}"`,
        `# Alibaba Cloud VPN connection: ${link.connectionId}`,
        `# This router: ${link.peerPublicIp}, networks ${link.peerSubnets.join(", ")}`,
        `# Alibaba: ${link.tunnels.map((t) => `${t.role} ${t.alibabaIp}`).join(", ")}; networks ${link.alibabaSubnets.join(", ")}`,
        `# Profile: IKEv1 ${ike.mode} mode, ${ike.encryption}/${ike.integrity}/${ike.dhGroup}, IKE SA ${ike.lifetimeSeconds} s; ` +
            `ESP ${ipsec.encryption}/${ipsec.integrity}, PFS ${ipsec.pfs}, IPsec SA ${ipsec.lifetimeSeconds} s; DPD ${link.profile.dpd ? "on" : "off"}`,
    ];
    if (link.profile.weakCryptoOptIn) {
        lines.push(`# Weak algorithms allowed by weakCryptoOptIn: ${link.profile.weakCryptoOptIn.reason}`);
    }
    lines.push(
        "# No Alibaba Cloud guide for the H3C ER series was found. Values follow Alibaba's IPsec connection; its dual-tunnel guide:",
        `#   ${H3C_ER_GUIDE_URL}`,
        `# and the order of its H3C firewall guide "${COMWARE_GUIDE_TITLE}": ${COMWARE_GUIDE_URL}`,
        "# For the ER series web UI (ER3200G2/ER5200G2/ER8300G2 class firmware with 虚接口 / IKE / IPsec pages).",
    );
    for (const caveat of h3cErCaveats(link)) {
        lines.push(`# WARNING: ${caveat}`);
    }
    lines.push(
        "# Fill the web UI's IPsec pages in this order for every tunnel: 虚接口 -> IKE安全提议 -> IKE对等体 -> IPsec安全提议 -> IPsec安全策略.",
        "# Every value must equal Alibaba's side; names are suggestions (shorten them if the UI limits their length, keep references consistent).",
        "# Assumed, not confirmed from an H3C manual: DH groups DH1/DH2/DH5, integrity MD5/SHA1, the NAT traversal option.",
    );
    const sections = [...link.tunnels.flatMap((tunnel, i) => tunnelSections(link, tunnel, i)), ...closingSections(link)];
    lines.push(...layout(sections), "");
    return lines.join("\n");
}

export const h3cErRenderer: PeerRenderer = {
    platform: "h3c-er",
    title: "H3C ER series web form (field by field)",
    fileName: (link) => `${link.name}.h3c-er.txt`,
    render: renderH3cEr,
    caveats: h3cErCaveats,
};

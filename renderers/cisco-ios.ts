// Cisco IOS / IOS XE CLI for the peer end of a link: the router facing Alibaba Cloud.
// Local = this router (peerPublicIp, peerId, peerSubnets); remote = the Alibaba VPN gateway
// (tunnel.alibabaIp, tunnel.alibabaId, alibabaSubnets).
//
// IKEv2: crypto ikev2 proposal / policy / keyring / profile. IKEv1: crypto isakmp policy, and either
// crypto isakmp key (main mode, address identities) or crypto keyring + crypto isakmp profile
// (aggressive mode, or an FQDN identity on the Alibaba side).
// Policy-based links ("policy"): extended ACL + crypto map on the WAN interface, NAT exemption in the NAT ACL.
// Destination-routing links ("destination"): route-based VTIs (interface TunnelN) and static routes,
// the slave tunnel as a floating route. Failover follows Alibaba's master/slave: periodic DPD deletes the SAs
// of a dead tunnel, the VTI's line protocol goes down with them, its static routes leave the routing table
// and the floating routes through the other tunnel take over; when the master's SAs come back, so do its routes.
// Policy-based dual tunnels cannot follow the switch (outbound traffic always takes crypto map entry 10): the
// renderer says so and its caveats warn.
//
// Every algorithm is named explicitly: IOS defaults differ between releases.
//
// Alibaba's device guide for this platform: "Load the IPsec-VPN configuration to a Cisco firewall device" (IOS CLI,
// IKEv1 and IKEv2, one tunnel, crypto map), mirrored at CISCO_GUIDE_URL (AlibabaCloudDocs/vpn, intl.en-US; the same
// page in Chinese is 思科防火墙配置.md). Its help-center address could not be determined offline.
// Golden files reviewed against this guide: matched: its order (ISAKMP policy or IKEv2 proposal/policy/keyring/profile,
// pre-shared key, transform-set in tunnel mode, an ACL of local -> VPC pairs, crypto map with set peer /
// set transform-set / set pfs / match address and, for IKEv2, set ikev2-profile, the map on the WAN interface) and
// its syntax (crypto isakmp key ... address, match identity remote address A 255.255.255.255, authentication
// remote/local pre-share, keyring local). The guide's static routes (ip route VPC-net mask <Alibaba address>, resolved
// through the default route) are rendered as a commented fallback for policy-based links (added after this review).
// Deliberate differences: named ACLs instead of access-list 100; identity local is the link's peerId (the identity
// Alibaba expects) where the guide shows a LAN address; IPsec SA lifetime, kilobytes disable, DPD, the IKEv2 lifetime,
// TCP MSS and the NAT exemption are added (the guide leaves IOS defaults that differ from Alibaba's); destination-routing
// links use VTIs and floating routes for Alibaba's dual-tunnel master/slave, which the single-tunnel guide does not cover.
import { DH_GROUP_INFO, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address, netmask, networkAddress, wildcardMask } from "../model/cidr";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

/** The interface that owns the peer's public address: a marked placeholder the engineer replaces (IOS refuses it as is). */
export const CISCO_WAN_INTERFACE = "<WAN_INTERFACE>";

/** The extended ACL the router's PAT uses (`ip nat inside source list <NAT_ACL> ...`): a marked placeholder. */
export const CISCO_NAT_ACL = "<NAT_ACL>";

/** Alibaba's device guide for this platform (see the file comment): its title and the public copy of the page. */
export const CISCO_GUIDE_TITLE = "Load the IPsec-VPN configuration to a Cisco firewall device";
export const CISCO_GUIDE_URL =
    "https://github.com/AlibabaCloudDocs/vpn/blob/master/intl.en-US/User%20Guide/Configure%20IPsec-VPN%20connections/Configure%20local%20gateways/Load%20the%20IPsec-VPN%20configuration%20to%20a%20Cisco%20firewall%20device.md";
/** Alibaba's dual-tunnel page (master/slave), which the single-tunnel device guide predates. */
export const CISCO_DUAL_TUNNEL_GUIDE_URL = "https://www.alibabacloud.com/help/en/vpn/getting-started/establish-a-connection-between-the-vpc-and-the-on-premises-data";

/** DPD / ISAKMP keepalive: probe every 10 s, retry every 3 s; IOS declares the peer dead after 5 unanswered retries. */
const DPD_INTERVAL_SECONDS = 10;
const DPD_RETRY_SECONDS = 3;
const DPD_RETRIES = 5;
/** Seconds until a dead peer is declared dead and its SAs deleted (first probe, its wait, then the retries): the bound the header states. */
export const CISCO_DPD_DEAD_SECONDS = DPD_INTERVAL_SECONDS + (DPD_RETRIES + 1) * DPD_RETRY_SECONDS;

/** Optional IP SLA probe through the master tunnel (rendered when link.probeAddress is set): every 5 s, 2 s timeout. */
const IP_SLA_NUMBER = 10;
const IP_SLA_FREQUENCY_SECONDS = 5;
const IP_SLA_TIMEOUT_MS = 2000;
export const CISCO_SLA_FAILOVER_SECONDS = IP_SLA_FREQUENCY_SECONDS + IP_SLA_TIMEOUT_MS / 1000;

/** Alibaba's VPN gateway MTU is 1400; inner TCP MSS = 1400 - 40 (IPv4 + TCP headers). */
const TUNNEL_MTU = 1400;
const TCP_MSS = 1360;

/** Administrative distance of the slave tunnel's floating static routes (a plain static route has 1). */
const FLOATING_ROUTE_DISTANCE = 10;

/** IOS accepts these lifetimes (seconds): crypto isakmp policy 60-86400, IKEv2 profile 120-86400, IPsec SA from 120. */
const MIN_ISAKMP_LIFETIME = 60;
const MIN_IKEV2_LIFETIME = 120;
const MIN_IPSEC_LIFETIME = 120;

const PLATFORM = "cisco-ios" as const;

// --- algorithm spellings -------------------------------------------------------------------------

/** crypto isakmp policy: `encr ...`. */
const ISAKMP_ENCRYPTION: Record<EncryptionAlgorithm, string> = {
    aes: "aes 128",
    aes192: "aes 192",
    aes256: "aes 256",
    des: "des",
    "3des": "3des",
};

/** crypto isakmp policy: `hash ...` ("sha" is SHA-1). */
const ISAKMP_HASH: Record<IntegrityAlgorithm, string> = {
    md5: "md5",
    sha1: "sha",
    sha256: "sha256",
    sha384: "sha384",
    sha512: "sha512",
};

/** crypto ikev2 proposal: `encryption ...`. */
const IKEV2_ENCRYPTION: Record<EncryptionAlgorithm, string> = {
    aes: "aes-cbc-128",
    aes192: "aes-cbc-192",
    aes256: "aes-cbc-256",
    des: "des",
    "3des": "3des",
};

/** crypto ikev2 proposal: `integrity ...` (the PRF follows the integrity algorithm). */
const IKEV2_INTEGRITY: Record<IntegrityAlgorithm, string> = {
    md5: "md5",
    sha1: "sha1",
    sha256: "sha256",
    sha384: "sha384",
    sha512: "sha512",
};

/** crypto ipsec transform-set: ESP cipher transform. */
const ESP_ENCRYPTION: Record<EncryptionAlgorithm, string> = {
    aes: "esp-aes 128",
    aes192: "esp-aes 192",
    aes256: "esp-aes 256",
    des: "esp-des",
    "3des": "esp-3des",
};

/** crypto ipsec transform-set: ESP authentication transform. */
const ESP_INTEGRITY: Record<IntegrityAlgorithm, string> = {
    md5: "esp-md5-hmac",
    sha1: "esp-sha-hmac",
    sha256: "esp-sha256-hmac",
    sha384: "esp-sha384-hmac",
    sha512: "esp-sha512-hmac",
};

const groupNumber = (group: DhGroup): number => DH_GROUP_INFO[group].number;

// --- naming --------------------------------------------------------------------------------------

function slug(name: string): string {
    const cleaned = name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "");
    return cleaned.length > 0 ? cleaned : "link";
}

interface Names {
    base: string;
    profile: (t: ResolvedTunnel) => string;
}

function namesOf(link: ResolvedLink): Names {
    const base = `ALIYUN-${slug(link.name)}`;
    return { base, profile: (t) => `${base}-${t.role}` };
}

// --- checks --------------------------------------------------------------------------------------

function orderedTunnels(link: ResolvedLink): ResolvedTunnel[] {
    if (link.tunnels.length === 0) {
        throw new UnsupportedByPeerError(PLATFORM, "tunnels", [], "resolve the link's tunnels (one or two) before rendering.");
    }
    // Master first, then slave: crypto map 10 / Tunnel1 is the master tunnel.
    return [...link.tunnels].sort((a, b) => (a.role === b.role ? 0 : a.role === "master" ? -1 : 1));
}

function checkLink(link: ResolvedLink, tunnels: ResolvedTunnel[]): void {
    const { ike, ipsec } = link.profile;
    const minIke = ike.version === "ikev2" ? MIN_IKEV2_LIFETIME : MIN_ISAKMP_LIFETIME;
    if (ike.lifetimeSeconds < minIke || ike.lifetimeSeconds > 86400) {
        throw new UnsupportedByPeerError(
            PLATFORM,
            "profile.ike.lifetimeSeconds",
            ike.lifetimeSeconds,
            `set profile.ike.lifetimeSeconds between ${minIke} and 86400 (IOS ${ike.version === "ikev2" ? "IKEv2 profile" : "ISAKMP policy"} range).`,
        );
    }
    if (ipsec.lifetimeSeconds < MIN_IPSEC_LIFETIME) {
        throw new UnsupportedByPeerError(
            PLATFORM,
            "profile.ipsec.lifetimeSeconds",
            ipsec.lifetimeSeconds,
            `set profile.ipsec.lifetimeSeconds to at least ${MIN_IPSEC_LIFETIME} (IOS security-association lifetime minimum).`,
        );
    }
    tunnels.forEach((t) => {
        if (t.psk.includes("?")) {
            // The IOS parser treats "?" as a help request, so the key would be cut short.
            throw new UnsupportedByPeerError(
                PLATFORM,
                `tunnels.${t.role}.psk`,
                "[secret]",
                "use a pre-shared key without '?' (leave psk unset to generate one).",
            );
        }
        if (ike.version === "ikev1" && link.peerBehindNat) {
            // IKEv1 on IOS identifies itself by the WAN interface's own address: the private one behind NAT.
            throw new UnsupportedByPeerError(
                PLATFORM,
                "profile.ike.version",
                ike.version,
                "behind NAT, IOS IKEv1 sends the private WAN address as its identity: use IKEv2 (identity local address is set to the public address).",
            );
        }
        if (ike.version === "ikev1" && !isIpv4Address(t.peerId)) {
            // IKEv1 on IOS can only send an FQDN identity built from the router's hostname and
            // ip domain name (crypto isakmp identity hostname / self-identity fqdn).
            throw new UnsupportedByPeerError(
                PLATFORM,
                "profile.remoteId",
                t.peerId,
                "use IKEv2 (profile.ike.version = ikev2, which sets any FQDN with identity local fqdn), or leave profile.remoteId unset so the router is identified by its address.",
            );
        }
    });
}

// --- rendering -----------------------------------------------------------------------------------

function cidrPair(cidr: string): string {
    return `${networkAddress(cidr)} ${wildcardMask(cidr)}`;
}

function remoteIdentity(t: ResolvedTunnel): string {
    return isIpv4Address(t.alibabaId) ? `match identity remote address ${t.alibabaId} 255.255.255.255` : `match identity remote fqdn ${t.alibabaId}`;
}

function localIdentity(t: ResolvedTunnel): string {
    return isIpv4Address(t.peerId) ? `identity local address ${t.peerId}` : `identity local fqdn ${t.peerId}`;
}

/** IKEv1 needs a keyring + ISAKMP profile when it must initiate aggressive mode or match an FQDN. */
function needsIsakmpProfile(link: ResolvedLink, tunnels: ResolvedTunnel[]): boolean {
    return link.profile.ike.mode === "aggressive" || tunnels.some((t) => !isIpv4Address(t.alibabaId));
}

/** What the rendered file cannot do for the link (see the file comment); the header repeats them. */
export function ciscoCaveats(link: ResolvedLink): string[] {
    const caveats: string[] = [];
    if (link.tunnels.length > 1 && link.routingMode === "policy") {
        caveats.push(
            "policy-based dual tunnel: both crypto map entries match one ACL, so outbound traffic always takes entry 10 (master); " +
                "when Alibaba switches to the slave tunnel, traffic from this router keeps going into the dead master. " +
                "Use routingMode: destination for failover in both directions.",
        );
    }
    if (link.tunnels.length > 1 && link.routingMode === "destination" && !link.profile.dpd) {
        caveats.push(
            "DPD is off (profile.dpd = false): a dead master tunnel is only noticed when its SAs expire, so the floating route through " +
                "the slave takes over late. Enable profile.dpd.",
        );
    }
    return caveats;
}

function header(link: ResolvedLink, tunnels: ResolvedTunnel[]): string[] {
    const { ike } = link.profile;
    const remote = tunnels.map((t) => `${t.role} ${t.alibabaIp}`).join(", ");
    const mode = link.routingMode === "policy" ? "policy-based (crypto map on the WAN interface)" : "destination routing (route-based VTI)";
    const used = [namesOf(link).base];
    if (ike.version === "ikev1") {
        used.push("crypto isakmp policy 10");
    }
    if (link.routingMode === "destination") {
        used.push(tunnels.map((_, i) => `Tunnel${i + 1}`).join("/"));
        if (tunnels.length > 1 && link.probeAddress !== undefined) {
            used.push(`ip sla ${IP_SLA_NUMBER}`, `track ${IP_SLA_NUMBER}`);
        }
    }
    const placeholders = [`${CISCO_WAN_INTERFACE} (the interface that owns ${link.peerPublicIp})`];
    if (link.routingMode === "policy") {
        placeholders.push(`${CISCO_NAT_ACL} (the extended ACL of your ip nat inside source list)`);
    }
    if (link.routingMode === "destination" && tunnels.length > 1 && link.probeAddress !== undefined && link.probeSource === undefined) {
        placeholders.push("<LAN_SOURCE_IP> (this router's own address in its LAN)");
    }
    const lines = [
        `! Cisco IOS / IOS XE configuration for link "${link.name}"`,
        `! Alibaba Cloud IPsec connection: ${link.connectionId}`,
        `! Local (this router): ${link.peerPublicIp}, networks ${link.peerSubnets.join(", ") || "-"}`,
        `! Remote (Alibaba VPN gateway): ${remote}, networks ${link.alibabaSubnets.join(", ") || "-"}`,
        `! ${ike.version === "ikev2" ? "IKEv2" : `IKEv1 ${ike.mode} mode`}, ${mode}`,
        `! Alibaba Cloud's device guide "${CISCO_GUIDE_TITLE}": ${CISCO_GUIDE_URL}`,
        ...(tunnels.length > 1 ? [`! and its dual-tunnel guide (master carries the traffic, slave on standby): ${CISCO_DUAL_TUNNEL_GUIDE_URL}`] : []),
        "! Syntax: IOS XE 16.x/17.x (ISR 1000/4000, CSR1000v/Catalyst 8000); IOS 15.4+ accepts the same commands.",
        "! Paste in global configuration mode (configure terminal). The file holds pre-shared keys: keep it secret.",
        `! Names and numbers below (${used.join(", ")}) must not clash with existing configuration.`,
        `! Replace every <PLACEHOLDER> before pasting: ${placeholders.join("; ")}.`,
    ];
    if (link.profile.dpd) {
        lines.push(
            `! DPD: probe every ${DPD_INTERVAL_SECONDS} s, retry every ${DPD_RETRY_SECONDS} s, ${DPD_RETRIES} retries: a dead tunnel is declared dead and its SAs deleted within ${CISCO_DPD_DEAD_SECONDS} s.`,
        );
    }
    if (tunnels.length > 1) {
        lines.push(
            link.routingMode === "destination"
                ? `! Failover: master via Tunnel1, slave via floating routes on Tunnel2; when DPD deletes Tunnel1's SAs its line protocol goes down and ` +
                      `traffic moves to Tunnel2${link.profile.dpd ? ` within ${CISCO_DPD_DEAD_SECONDS} s` : ""}, and back when the master's SAs return.` +
                      (link.probeAddress !== undefined
                          ? ` IP SLA ${IP_SLA_NUMBER} also withdraws the master's routes within ${CISCO_SLA_FAILOVER_SECONDS} s when its data path fails.`
                          : " Set the link's probeAddress to also track the master's data path with IP SLA.")
                : "! Failover: NOT AUTOMATIC for outbound traffic (policy-based); see the warning below.",
        );
    }
    for (const caveat of ciscoCaveats(link)) {
        lines.push(`! WARNING: ${caveat}`);
    }
    if (link.profile.weakCryptoOptIn) {
        lines.push(`! Weak algorithms accepted by explicit opt-in: ${link.profile.weakCryptoOptIn.reason}`);
    }
    if (!link.profile.natTraversal) {
        lines.push(
            "! NAT traversal is off on the Alibaba side; IOS keeps NAT-T on globally, which is harmless when no NAT sits between the ends.",
        );
    }
    return lines;
}

function ikev2Phase1(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const { ike } = link.profile;
    const lines = [
        "!",
        "! ---- Phase 1: IKEv2 ----",
        `crypto ikev2 proposal ${names.base}`,
        ` encryption ${IKEV2_ENCRYPTION[ike.encryption]}`,
        ` integrity ${IKEV2_INTEGRITY[ike.integrity]}`,
        ` group ${groupNumber(ike.dhGroup)}`,
        "!",
        `crypto ikev2 policy ${names.base}`,
        ` proposal ${names.base}`,
        "!",
        `crypto ikev2 keyring ${names.base}`,
    ];
    for (const t of tunnels) {
        lines.push(` peer alibaba-${t.role}`, `  address ${t.alibabaIp}`, `  pre-shared-key ${t.psk}`);
    }
    for (const t of tunnels) {
        lines.push(
            "!",
            `crypto ikev2 profile ${names.profile(t)}`,
            ` ${remoteIdentity(t)}`,
            ` ${localIdentity(t)}`,
            " authentication remote pre-share",
            " authentication local pre-share",
            ` keyring local ${names.base}`,
            ` lifetime ${ike.lifetimeSeconds}`,
        );
        if (link.profile.dpd) {
            lines.push(` dpd ${DPD_INTERVAL_SECONDS} ${DPD_RETRY_SECONDS} periodic`);
        }
    }
    return lines;
}

function ikev1Phase1(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const { ike } = link.profile;
    const lines = [
        "!",
        "! ---- Phase 1: IKEv1 (ISAKMP) ----",
        "crypto isakmp policy 10",
        ` encr ${ISAKMP_ENCRYPTION[ike.encryption]}`,
        ` hash ${ISAKMP_HASH[ike.integrity]}`,
        " authentication pre-share",
        ` group ${groupNumber(ike.dhGroup)}`,
        ` lifetime ${ike.lifetimeSeconds}`,
    ];
    if (needsIsakmpProfile(link, tunnels)) {
        for (const t of tunnels) {
            lines.push("!", `crypto keyring ${names.profile(t)}`, ` pre-shared-key address ${t.alibabaIp} key ${t.psk}`);
        }
        for (const t of tunnels) {
            lines.push(
                "!",
                `crypto isakmp profile ${names.profile(t)}`,
                ` keyring ${names.profile(t)}`,
                " self-identity address",
                isIpv4Address(t.alibabaId) ? ` match identity address ${t.alibabaId} 255.255.255.255` : ` match identity host ${t.alibabaId}`,
            );
            if (ike.mode === "aggressive") {
                lines.push(" initiate mode aggressive");
            }
        }
    } else {
        lines.push("!");
        for (const t of tunnels) {
            lines.push(`crypto isakmp key ${t.psk} address ${t.alibabaIp}`);
        }
    }
    if (link.profile.dpd) {
        lines.push(
            "!",
            "! Dead peer detection (global: applies to every ISAKMP peer of this router)",
            `crypto isakmp keepalive ${DPD_INTERVAL_SECONDS} ${DPD_RETRY_SECONDS} periodic`,
        );
    }
    return lines;
}

/** The `set ...` lines shared by crypto map entries and IPsec profiles. */
function sa(link: ResolvedLink, t: ResolvedTunnel, names: Names, usesIsakmpProfile: boolean): string[] {
    const { ike, ipsec } = link.profile;
    const lines = [` set transform-set ${names.base}`];
    if (ipsec.pfs !== "disabled") {
        lines.push(` set pfs group${groupNumber(ipsec.pfs)}`);
    }
    // Alibaba rekeys on time only: no volume lifetime, so IOS must not rekey after its default 4608000 KB either.
    lines.push(
        ` set security-association lifetime seconds ${ipsec.lifetimeSeconds}`,
        " set security-association lifetime kilobytes disable",
    );
    if (ike.version === "ikev2") {
        lines.push(` set ikev2-profile ${names.profile(t)}`);
    } else if (usesIsakmpProfile) {
        lines.push(` set isakmp-profile ${names.profile(t)}`);
    }
    return lines;
}

function policyBased(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names, usesIsakmpProfile: boolean): string[] {
    const selectors = trafficSelectors(link);
    const lines = ["!", "! ---- Protected traffic: local networks -> Alibaba networks (one line per pair) ----", `ip access-list extended ${names.base}`];
    for (const local of selectors.peer) {
        for (const remote of selectors.alibaba) {
            lines.push(` permit ip ${cidrPair(local)} ${cidrPair(remote)}`);
        }
    }
    tunnels.forEach((t, i) => {
        lines.push(
            "!",
            `crypto map ${names.base} ${(i + 1) * 10} ipsec-isakmp`,
            ` description Alibaba ${t.role} tunnel ${t.alibabaIp} (${link.connectionId})`,
            ` set peer ${t.alibabaIp}`,
            ...sa(link, t, names, usesIsakmpProfile),
            ` match address ${names.base}`,
        );
    });
    if (tunnels.length > 1) {
        lines.push(
            "! Both entries match the same ACL: IOS initiates through entry 10 (master); entry 20 accepts the slave tunnel when Alibaba",
            "! brings it up and decrypts what Alibaba sends on it, but outbound traffic does not move to it (see the WARNING above).",
        );
    }
    lines.push(
        "!",
        `! ---- WAN interface (${CISCO_WAN_INTERFACE} = the interface that owns ${link.peerPublicIp}) ----`,
        "! An interface carries one crypto map: add the entries above to its existing map instead if it already has one.",
        `! TCP MSS ${TCP_MSS}: Alibaba's gateway MTU is ${TUNNEL_MTU}, so clamp the SYNs that cross the tunnel (applies to all TCP on this interface).`,
        `interface ${CISCO_WAN_INTERFACE}`,
        ` crypto map ${names.base}`,
        ` ip tcp adjust-mss ${TCP_MSS}`,
        "!",
        `! ---- NAT exemption: the tunnel's flows must leave untranslated (${CISCO_NAT_ACL} = the ACL of ip nat inside source list) ----`,
        "! Sequence numbers 1.. put the deny lines before the ACL's existing permits; pick free numbers if they are taken.",
        "! If the NAT rule uses a standard ACL, point it at a route-map matching an extended ACL like this one instead.",
        `ip access-list extended ${CISCO_NAT_ACL}`,
    );
    let sequence = 1;
    for (const local of selectors.peer) {
        for (const remote of selectors.alibaba) {
            lines.push(` ${sequence} deny ip ${cidrPair(local)} ${cidrPair(remote)}`);
            sequence += 1;
        }
    }
    lines.push(
        "!",
        `! Route ${link.alibabaSubnets.join(", ")} out of ${CISCO_WAN_INTERFACE} (the default route usually does).`,
    );
    if (link.alibabaSubnets.length > 0) {
        lines.push(
            `! If another route sends them elsewhere, add the static routes of Alibaba's guide (next hop ${tunnels[0].alibabaIp}, resolved through the default route):`,
            ...link.alibabaSubnets.map((c) => `! ip route ${networkAddress(c)} ${netmask(c)} ${tunnels[0].alibabaIp}`),
        );
    }
    return lines;
}

function routeBased(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names, usesIsakmpProfile: boolean): string[] {
    const selectors = trafficSelectors(link);
    const lines = [
        "!",
        `! ---- Route-based tunnels: traffic selectors ${selectors.peer.join(", ")} <-> ${selectors.alibaba.join(", ")} (VTI default) ----`,
    ];
    for (const t of tunnels) {
        lines.push("!", `crypto ipsec profile ${names.profile(t)}`, ...sa(link, t, names, usesIsakmpProfile));
    }
    lines.push(
        "!",
        `! ---- Tunnel interfaces (${CISCO_WAN_INTERFACE} = the interface that owns ${link.peerPublicIp}) ----`,
        `! IP MTU ${TUNNEL_MTU} (Alibaba's gateway MTU) and TCP MSS ${TCP_MSS}; the line protocol is up only while the tunnel's IPsec SAs are.`,
        "! No NAT exemption is needed: ip nat outside on the WAN interface does not translate traffic routed into the tunnels.",
    );
    tunnels.forEach((t, i) => {
        lines.push(
            `interface Tunnel${i + 1}`,
            ` description Alibaba ${t.role} tunnel ${t.alibabaIp} (${link.connectionId})`,
            ` ip unnumbered ${CISCO_WAN_INTERFACE}`,
            ` ip mtu ${TUNNEL_MTU}`,
            ` ip tcp adjust-mss ${TCP_MSS}`,
            ` tunnel source ${CISCO_WAN_INTERFACE}`,
            " tunnel mode ipsec ipv4",
            ` tunnel destination ${t.alibabaIp}`,
            ` tunnel protection ipsec profile ${names.profile(t)}`,
            "!",
        );
    });
    if (link.alibabaSubnets.length === 0) {
        lines.push("! No Alibaba networks listed on the link: add ip route <network> <mask> Tunnel1 for each of them.");
        return lines;
    }
    lines.push(
        tunnels.length > 1
            ? `! Alibaba networks through Tunnel1 (master); the floating routes through Tunnel2 (slave, administrative distance ${FLOATING_ROUTE_DISTANCE}) ` +
                  "take over while Tunnel1 is down."
            : "! Alibaba networks through Tunnel1.",
    );
    // With a probe address, the master's routes also track an IP SLA ICMP probe pinned to Tunnel1: that catches a master
    // whose IKE still answers DPD but whose data path is broken.
    const sla = tunnels.length > 1 && link.probeAddress !== undefined;
    if (sla) {
        const source = link.probeSource ?? "<LAN_SOURCE_IP>";
        lines.splice(
            lines.length - 1,
            0,
            `! Data-plane tracking: IP SLA ${IP_SLA_NUMBER} pings ${link.probeAddress} from ${source} (this router's LAN address) through Tunnel1 every ` +
                `${IP_SLA_FREQUENCY_SECONDS} s; track ${IP_SLA_NUMBER} withdraws the master's routes when it fails (within ${CISCO_SLA_FAILOVER_SECONDS} s).`,
            `ip sla ${IP_SLA_NUMBER}`,
            ` icmp-echo ${link.probeAddress} source-ip ${source}`,
            ` frequency ${IP_SLA_FREQUENCY_SECONDS}`,
            ` timeout ${IP_SLA_TIMEOUT_MS}`,
            `ip sla schedule ${IP_SLA_NUMBER} life forever start-time now`,
            `track ${IP_SLA_NUMBER} ip sla ${IP_SLA_NUMBER} reachability`,
            "! The probe's host route stays on Tunnel1, so the probe keeps measuring the master while its routes are withdrawn.",
            `ip route ${link.probeAddress} 255.255.255.255 Tunnel1`,
        );
    }
    tunnels.forEach((t, i) => {
        for (const cidr of link.alibabaSubnets) {
            const tail = i === 0 ? (sla ? ` track ${IP_SLA_NUMBER}` : "") : ` ${FLOATING_ROUTE_DISTANCE}`;
            lines.push(`ip route ${networkAddress(cidr)} ${netmask(cidr)} Tunnel${i + 1}${tail}`);
        }
    });
    return lines;
}

function verification(link: ResolvedLink, tunnels: ResolvedTunnel[]): string[] {
    const ikev2 = link.profile.ike.version === "ikev2";
    const firstNet = link.alibabaSubnets[0] ? networkAddress(link.alibabaSubnets[0]) : "<ALIBABA_NETWORK>";
    const lines = [
        "!",
        "! ---- Verification (exec mode, after the paste) and what a healthy tunnel shows ----",
        ikev2
            ? `! show crypto ikev2 sa -> one SA per Alibaba address (${tunnels.map((t) => t.alibabaIp).join(", ")}), Status READY`
            : `! show crypto isakmp sa -> one SA per Alibaba address (${tunnels.map((t) => t.alibabaIp).join(", ")}), state QM_IDLE, status ACTIVE`,
    ];
    for (const t of tunnels) {
        lines.push(
            t.role === "master"
                ? `! show crypto ipsec sa peer ${t.alibabaIp} -> master: #pkts encaps and #pkts decaps both increasing while traffic flows`
                : `! show crypto ipsec sa peer ${t.alibabaIp} -> slave: inbound and outbound ESP SAs present, counters still while the master carries traffic`,
        );
    }
    lines.push("! show crypto session -> Session status: UP-ACTIVE for every tunnel");
    if (link.routingMode === "destination") {
        if (tunnels.length > 1 && link.probeAddress !== undefined) {
            lines.push(`! show track ${IP_SLA_NUMBER} -> Reachability is Up (Down while the master's data path fails)`);
        }
        lines.push(
            "! show interfaces Tunnel1 -> Tunnel1 is up, line protocol is up (down while the tunnel has no IPsec SA)",
            `! show ip route ${firstNet} -> directly connected via Tunnel1${tunnels.length > 1 ? "; via Tunnel2 only while Tunnel1 is down" : ""}`,
        );
    } else {
        lines.push(`! show ip nat translations -> no entry for traffic to ${link.alibabaSubnets.join(", ")} (the NAT exemption works)`);
    }
    if (link.profile.dpd) {
        lines.push(
            ikev2
                ? `! show crypto ikev2 sa detailed -> DPD configured for ${DPD_INTERVAL_SECONDS} seconds, retry ${DPD_RETRY_SECONDS}`
                : "! show crypto isakmp sa detail -> Cap. column includes D (dead peer detection negotiated with Alibaba)",
        );
    }
    lines.push(`! ping <HOST_IN_${firstNet}> source <LAN_INTERFACE> -> replies; the first packets may be lost while the SAs come up`);
    return lines;
}

export function renderCiscoIos(link: ResolvedLink): string {
    const tunnels = orderedTunnels(link);
    checkLink(link, tunnels);
    const names = namesOf(link);
    const { ike, ipsec } = link.profile;
    const usesIsakmpProfile = ike.version === "ikev1" && needsIsakmpProfile(link, tunnels);

    const lines = [
        ...header(link, tunnels),
        ...(ike.version === "ikev2" ? ikev2Phase1(link, tunnels, names) : ikev1Phase1(link, tunnels, names)),
        "!",
        "! ---- Phase 2: IPsec (ESP) ----",
        `crypto ipsec transform-set ${names.base} ${ESP_ENCRYPTION[ipsec.encryption]} ${ESP_INTEGRITY[ipsec.integrity]}`,
        " mode tunnel",
        ...(link.routingMode === "policy"
            ? policyBased(link, tunnels, names, usesIsakmpProfile)
            : routeBased(link, tunnels, names, usesIsakmpProfile)),
        ...verification(link, tunnels),
        "!",
        "end",
    ];
    return lines.join("\n") + "\n";
}

export const ciscoIosRenderer: PeerRenderer = {
    platform: PLATFORM,
    title: "Cisco IOS / IOS XE CLI",
    fileName: (link) => `${link.name}.cisco-ios.txt`,
    render: renderCiscoIos,
    caveats: ciscoCaveats,
};

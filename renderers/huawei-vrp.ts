// Huawei VRP (AR routers, USG firewalls) CLI for the peer end of a link: the device facing Alibaba Cloud.
// Local = this device (peerPublicIp, peerId, peerSubnets); remote = the Alibaba VPN gateway
// (tunnel.alibabaIp, tunnel.alibabaId, alibabaSubnets).
//
// Syntax of AR V200R008 and later (`ike peer NAME` takes no version argument, the IKE version is chosen with
// `version 1|2` / `undo version 1|2` inside the peer) and USG6000/USG6000E V500R005/V600R006 and later.
// link.peerDevice picks the variant: "router" (AR, the default) or "firewall" (USG: security zones, security
// policies, nat-policy, `ipsec sha2 compatible enable`, tunnel interfaces named TunnelN).
// Policy-based links ("policy"): advanced ACL + ISAKMP IPsec policy on the WAN interface, NAT exemption.
// Destination-routing links ("destination"): IPsec tunnel interfaces (tunnel-protocol ipsec) with an IPsec
// profile each and static routes: the master's routes track an NQA ICMP test pinned to the master tunnel, the
// slave's are floating routes (preference 70). When the probe fails the master's routes leave the table and the
// slave's take over; when it succeeds again they come back, as Alibaba fails back to the master.
// Policy-based dual tunnels cannot follow Alibaba's switch (outbound traffic always takes policy 10): the
// renderer says so and its caveats warn.
//
// Every algorithm is named explicitly: VRP defaults differ between releases (DES/MD5 on old ones).
//
// Alibaba's device guide for this platform: "Load the IPsec-VPN configuration to a Huawei firewall device", mirrored at
// HUAWEI_GUIDE_URL (AlibabaCloudDocs/vpn, intl.en-US; in Chinese 华为防火墙配置.md). Its help-center address could not
// be determined offline. It covers a USG firewall through its web UI (IKEv1 and IKEv2, one tunnel, policy-based), so it
// gives the steps and their order, not CLI syntax; no Alibaba guide for the AR routers was found (the "router" variant
// is checked against the same steps minus zones and security policies).
// Golden files reviewed against this guide: matched: WAN in zone untrust and LAN in zone trust (its step 1, stated in
// the firewall output since this review), a security policy, an IPsec policy on the WAN interface with the Alibaba
// address as peer and the pre-shared key, protected flows source = local networks / destination = VPC networks, an IKE
// proposal and an IPsec proposal from the downloaded parameters, and traffic to the VPC routed toward the Alibaba
// address (its step 7: a static route with the VPN gateway as next hop; the policy-based output says to route out of
// the WAN interface and names the guide's route). Deliberate differences: the guide adds no DPD, NAT exemption, TCP MSS,
// SHA-2 truncation setting or explicit lifetimes (VRP defaults differ from Alibaba's), and destination-routing links use
// IPsec tunnel interfaces with NQA-tracked and floating routes for Alibaba's dual-tunnel master/slave, which the
// single-tunnel guide does not cover. The guide's screenshots (zone, policy and proposal pages) were not readable here.
import { DH_GROUP_INFO, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address, netmask, networkAddress, wildcardMask } from "../model/cidr";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

/** The interface that owns the peer's public address: a marked placeholder the engineer replaces (VRP refuses it as is). */
export const HUAWEI_WAN_INTERFACE = "<WAN_INTERFACE>";

/** The ACL of the router's `nat outbound` (AR): a marked placeholder. */
export const HUAWEI_NAT_ACL = "<NAT_ACL_NUMBER>";

/** Alibaba's device guide for this platform (see the file comment): its title and the public copy of the page. */
export const HUAWEI_GUIDE_TITLE = "Load the IPsec-VPN configuration to a Huawei firewall device";
export const HUAWEI_GUIDE_URL =
    "https://github.com/AlibabaCloudDocs/vpn/blob/master/intl.en-US/User%20Guide/Configure%20IPsec-VPN%20connections/Configure%20local%20gateways/Load%20the%20IPsec-VPN%20configuration%20to%20a%20Huawei%20firewall%20device.md";
/** Alibaba's dual-tunnel page (master/slave), which the single-tunnel device guide predates. */
export const HUAWEI_DUAL_TUNNEL_GUIDE_URL = "https://www.alibabacloud.com/help/en/vpn/getting-started/establish-a-connection-between-the-vpc-and-the-on-premises-data";

/** DPD: probe every 10 s (periodic), retransmit every 3 s, give up after 3 retransmissions. */
const DPD_IDLE_SECONDS = 10;
const DPD_RETRANSMIT_SECONDS = 3;
const DPD_RETRY_LIMIT = 3;
/** Seconds until a dead peer's SAs are deleted: the first probe, its wait, then the retransmissions. */
export const HUAWEI_DPD_DEAD_SECONDS = DPD_IDLE_SECONDS + (DPD_RETRY_LIMIT + 1) * DPD_RETRANSMIT_SECONDS;

/** NQA ICMP test that tracks the master tunnel: a test every 10 s of 3 probes 2 s apart, 2 s timeout each. */
const NQA_FREQUENCY_SECONDS = 10;
const NQA_PROBES = 3;
const NQA_INTERVAL_SECONDS = 2;
const NQA_TIMEOUT_SECONDS = 2;
/** Worst case from the master's death to its routes leaving the table: one test period, then the failing test's probes. */
export const HUAWEI_FAILOVER_SECONDS = NQA_FREQUENCY_SECONDS + (NQA_PROBES - 1) * NQA_INTERVAL_SECONDS + NQA_TIMEOUT_SECONDS;

/** Alibaba's VPN gateway MTU is 1400; inner TCP MSS = 1400 - 40. */
const TUNNEL_MTU = 1400;
const TCP_MSS = 1360;

/** Preference of the slave tunnel's floating static routes (a plain static route has 60). */
const FLOATING_ROUTE_PREFERENCE = 70;

/** Lower bounds VRP accepts: IKE proposal `sa duration` from 60 s, IPsec `sa duration time-based` from 30 s. */
const MIN_IKE_LIFETIME = 60;
const MIN_IPSEC_LIFETIME = 30;

/** IKE proposal number and advanced ACL number this renderer uses. */
const IKE_PROPOSAL_NUMBER = 10;
const ACL_NUMBER = 3000;

/** VRP limits IKE peer, IPsec proposal, policy and profile names to 15 characters. */
const MAX_NAME_LENGTH = 15;

const PLATFORM = "huawei-vrp" as const;

// --- algorithm spellings -------------------------------------------------------------------------

/** `encryption-algorithm` (IKE proposal) and `esp encryption-algorithm` (IPsec proposal). */
const ENCRYPTION: Record<EncryptionAlgorithm, string> = {
    aes: "aes-128",
    aes192: "aes-192",
    aes256: "aes-256",
    des: "des",
    "3des": "3des",
};

/** `authentication-algorithm` (IKEv1) and `esp authentication-algorithm`. */
const AUTHENTICATION: Record<IntegrityAlgorithm, string> = {
    md5: "md5",
    sha1: "sha1",
    sha256: "sha2-256",
    sha384: "sha2-384",
    sha512: "sha2-512",
};

/** `integrity-algorithm` (IKEv2). */
const IKEV2_INTEGRITY: Record<IntegrityAlgorithm, string> = {
    md5: "hmac-md5-96",
    sha1: "hmac-sha1-96",
    sha256: "hmac-sha2-256",
    sha384: "hmac-sha2-384",
    sha512: "hmac-sha2-512",
};

/** `prf` (IKEv2): the HMAC of the integrity algorithm. */
const IKEV2_PRF: Record<IntegrityAlgorithm, string> = {
    md5: "hmac-md5",
    sha1: "hmac-sha1",
    sha256: "hmac-sha2-256",
    sha384: "hmac-sha2-384",
    sha512: "hmac-sha2-512",
};

const groupNumber = (group: DhGroup): number => DH_GROUP_INFO[group].number;

// --- naming --------------------------------------------------------------------------------------

/** FNV-1a, for short deterministic name suffixes. */
function fnv1a(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
}

/** A name of at most 10 characters, so "<base>-m" stays within VRP's 15: the link name, or a prefix of it plus a hash. */
function baseName(linkName: string): string {
    const cleaned = linkName.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "link";
    if (cleaned.length <= 10) {
        return cleaned;
    }
    return cleaned.slice(0, 6) + fnv1a(linkName).toString(16).padStart(8, "0").slice(0, 4);
}

interface Names {
    base: string;
    perTunnel: (t: ResolvedTunnel) => string;
}

function namesOf(link: ResolvedLink): Names {
    const base = baseName(link.name);
    const names: Names = { base, perTunnel: (t) => `${base}-${t.role === "master" ? "m" : "s"}` };
    if (names.perTunnel(link.tunnels[0]).length > MAX_NAME_LENGTH) {
        throw new Error(`internal: VRP name ${names.perTunnel(link.tunnels[0])} is longer than ${MAX_NAME_LENGTH} characters`);
    }
    return names;
}

// --- checks --------------------------------------------------------------------------------------

function orderedTunnels(link: ResolvedLink): ResolvedTunnel[] {
    if (link.tunnels.length === 0) {
        throw new UnsupportedByPeerError(PLATFORM, "tunnels", [], "resolve the link's tunnels (one or two) before rendering.");
    }
    // Master first, then slave: IPsec policy 10 / Tunnel0/0/1 is the master tunnel.
    return [...link.tunnels].sort((a, b) => (a.role === b.role ? 0 : a.role === "master" ? -1 : 1));
}

function checkLink(link: ResolvedLink, tunnels: ResolvedTunnel[]): void {
    const { ike, ipsec } = link.profile;
    if (ike.lifetimeSeconds < MIN_IKE_LIFETIME) {
        throw new UnsupportedByPeerError(
            PLATFORM,
            "profile.ike.lifetimeSeconds",
            ike.lifetimeSeconds,
            `set profile.ike.lifetimeSeconds to at least ${MIN_IKE_LIFETIME} (VRP IKE proposal sa duration minimum).`,
        );
    }
    if (ipsec.lifetimeSeconds < MIN_IPSEC_LIFETIME) {
        throw new UnsupportedByPeerError(
            PLATFORM,
            "profile.ipsec.lifetimeSeconds",
            ipsec.lifetimeSeconds,
            `set profile.ipsec.lifetimeSeconds to at least ${MIN_IPSEC_LIFETIME} (VRP sa duration time-based minimum).`,
        );
    }
    // Behind NAT `local-id-type ip` sends the WAN interface's private address, which Alibaba does not expect.
    if (link.peerBehindNat && tunnels.some((t) => isIpv4Address(t.peerId))) {
        throw new UnsupportedByPeerError(
            PLATFORM,
            "profile.remoteId",
            tunnels[0].peerId,
            "behind NAT, VRP's IP identity is the private WAN address: set profile.remoteId to an FQDN (e.g. office.example.com), " +
                "which both ends then use (local-id-type fqdn here).",
        );
    }
    // An FQDN local identity comes from the global `ike local-name`: one name for the whole device.
    const fqdnIds = [...new Set(tunnels.map((t) => t.peerId).filter((id) => !isIpv4Address(id)))];
    const mixed = fqdnIds.length > 0 && tunnels.some((t) => isIpv4Address(t.peerId));
    if (fqdnIds.length > 1 || mixed) {
        throw new UnsupportedByPeerError(
            PLATFORM,
            "profile.remoteId",
            tunnels.map((t) => t.peerId),
            "give both tunnels the same peer identity: VRP sends an FQDN identity from the single global `ike local-name`.",
        );
    }
}

// --- rendering -----------------------------------------------------------------------------------

function cidrPair(cidr: string): string {
    return `${networkAddress(cidr)} ${wildcardMask(cidr)}`;
}

/** VRP reads "?" as a help request unless the key is quoted. */
function pskArgument(psk: string): string {
    return psk.includes("?") ? `"${psk}"` : psk;
}

const isFirewall = (link: ResolvedLink): boolean => link.peerDevice === "firewall";

/** Tunnel interface names: AR numbers them slot/card/port, USG plainly. */
function tunnelInterface(link: ResolvedLink, i: number): string {
    return isFirewall(link) ? `Tunnel${i + 1}` : `Tunnel0/0/${i + 1}`;
}

/** What the rendered file cannot do for the link (see the file comment); the header repeats them. */
export function huaweiCaveats(link: ResolvedLink): string[] {
    const caveats: string[] = [];
    if (link.tunnels.length > 1 && link.routingMode === "policy") {
        caveats.push(
            "policy-based dual tunnel: both IPsec policies match one ACL, so outbound traffic always takes policy 10 (master); " +
                "when Alibaba switches to the slave tunnel, traffic from this device keeps going into the dead master. " +
                "Use routingMode: destination for failover in both directions.",
        );
    }
    return caveats;
}

function header(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const { ike } = link.profile;
    const remote = tunnels.map((t) => `${t.role} ${t.alibabaIp}`).join(", ");
    const mode = link.routingMode === "policy" ? "policy-based (IPsec policy on the WAN interface)" : "destination routing (IPsec tunnel interfaces)";
    const used = [`names starting ${names.base}`, `ike proposal ${IKE_PROPOSAL_NUMBER}`];
    if (link.routingMode === "policy") {
        used.push(`acl number ${ACL_NUMBER}`);
    } else {
        used.push(tunnels.map((_, i) => tunnelInterface(link, i)).join(", "));
    }
    const placeholders = [`${HUAWEI_WAN_INTERFACE} (the interface that owns ${link.peerPublicIp})`];
    if (link.routingMode === "policy" && !isFirewall(link)) {
        placeholders.push(`${HUAWEI_NAT_ACL} (the ACL of the WAN interface's nat outbound)`);
    }
    if (link.routingMode === "destination" && tunnels.length > 1) {
        if (!link.probeAddress) {
            placeholders.push("<ALIBABA_PROBE_IP> (a host in the Alibaba networks that answers ping)");
        }
        if (!link.probeSource) {
            placeholders.push("<LAN_SOURCE_IP> (this device's own address in its LAN)");
        }
    }
    const device = isFirewall(link)
        ? "Huawei USG firewall (USG6000/USG6000E V500R005C00/V600R006C00 and later)"
        : "Huawei AR router (AR V200R008 and later, IKE version set inside the ike peer)";
    const lines = [
        `# Huawei VRP configuration for link "${link.name}": ${device}`,
        `# Alibaba Cloud IPsec connection: ${link.connectionId}`,
        `# Local (this device): ${link.peerPublicIp}, networks ${link.peerSubnets.join(", ") || "-"}`,
        `# Remote (Alibaba VPN gateway): ${remote}, networks ${link.alibabaSubnets.join(", ") || "-"}`,
        `# ${ike.version === "ikev2" ? "IKEv2" : `IKEv1 ${ike.mode} mode`}, ${mode}`,
        isFirewall(link)
            ? `# Alibaba Cloud's device guide "${HUAWEI_GUIDE_TITLE}" (USG web UI; the same steps in CLI): ${HUAWEI_GUIDE_URL}`
            : `# No Alibaba Cloud guide for Huawei AR routers was found; the IPsec steps follow its USG guide "${HUAWEI_GUIDE_TITLE}": ${HUAWEI_GUIDE_URL}`,
        ...(tunnels.length > 1 ? [`# and its dual-tunnel guide (master carries the traffic, slave on standby): ${HUAWEI_DUAL_TUNNEL_GUIDE_URL}`] : []),
        `# For a ${isFirewall(link) ? "Huawei AR router render with peerDevice: router" : "Huawei USG firewall render with peerDevice: firewall"} (zones, security policies and some commands differ).`,
        "# Enter system-view, then paste. The file holds pre-shared keys: keep it secret.",
        `# These must not clash with existing configuration: ${used.join(", ")}.`,
        `# Replace every <PLACEHOLDER> before pasting: ${placeholders.join("; ")}.`,
    ];
    if (link.profile.dpd) {
        lines.push(
            `# DPD: periodic every ${DPD_IDLE_SECONDS} s, retransmit every ${DPD_RETRANSMIT_SECONDS} s, ${DPD_RETRY_LIMIT} retries: a dead peer's SAs are deleted within ${HUAWEI_DPD_DEAD_SECONDS} s.`,
        );
    }
    if (tunnels.length > 1) {
        lines.push(
            link.routingMode === "destination"
                ? `# Failover: the master's routes track NQA test admin/${names.perTunnel(tunnels[0])} through ${tunnelInterface(link, 0)}; a dead master is ` +
                      `left within ${HUAWEI_FAILOVER_SECONDS} s for the floating routes through ${tunnelInterface(link, 1)}, and taken back once the probe answers again.`
                : "# Failover: NOT AUTOMATIC for outbound traffic (policy-based); see the warning below.",
        );
    }
    for (const caveat of huaweiCaveats(link)) {
        lines.push(`# WARNING: ${caveat}`);
    }
    if (link.profile.weakCryptoOptIn) {
        lines.push(`# Weak algorithms accepted by explicit opt-in: ${link.profile.weakCryptoOptIn.reason}`);
        lines.push("# Recent releases need the weak-algorithm component (WEAKEA) installed to accept them.");
    }
    return lines;
}

function ikeProposal(link: ResolvedLink): string[] {
    const { ike } = link.profile;
    const lines = ["#", "# ---- Phase 1: IKE proposal ----", `ike proposal ${IKE_PROPOSAL_NUMBER}`, ` encryption-algorithm ${ENCRYPTION[ike.encryption]}`];
    if (ike.version === "ikev1") {
        lines.push(` authentication-algorithm ${AUTHENTICATION[ike.integrity]}`);
    } else {
        lines.push(` integrity-algorithm ${IKEV2_INTEGRITY[ike.integrity]}`, ` prf ${IKEV2_PRF[ike.integrity]}`);
    }
    lines.push(" authentication-method pre-share", ` dh group${groupNumber(ike.dhGroup)}`, ` sa duration ${ike.lifetimeSeconds}`, "quit");
    return lines;
}

function ikePeers(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const { ike } = link.profile;
    const lines: string[] = [];
    const fqdnLocal = tunnels.find((t) => !isIpv4Address(t.peerId));
    if (fqdnLocal) {
        lines.push(
            "#",
            "# Local IKE identity of this device (the connection's remote id at Alibaba): a global setting. A name identity, unlike",
            "# local-id-type ip (which sends the WAN interface's own address), stays right when the device sits behind NAT.",
            `ike local-name ${fqdnLocal.peerId}`,
        );
    }
    for (const t of tunnels) {
        lines.push("#", `# IKE peer: Alibaba ${t.role} tunnel ${t.alibabaIp}`, `ike peer ${names.perTunnel(t)}`);
        if (ike.version === "ikev1") {
            lines.push(" version 1", " undo version 2", ` exchange-mode ${ike.mode}`);
        } else {
            lines.push(" version 2", " undo version 1");
        }
        lines.push(` pre-shared-key cipher ${pskArgument(t.psk)}`, ` ike-proposal ${IKE_PROPOSAL_NUMBER}`);
        const idType = isIpv4Address(t.peerId) ? "ip" : t.peerId.includes("@") ? "user-fqdn" : "fqdn";
        lines.push(` local-id-type ${idType}`);
        if (!isIpv4Address(t.alibabaId)) {
            lines.push(` remote-id ${t.alibabaId}`);
        }
        lines.push(` remote-address ${t.alibabaIp}`);
        lines.push(link.profile.natTraversal ? " nat traversal" : " undo nat traversal");
        if (link.profile.dpd) {
            lines.push(
                " dpd type periodic",
                ` dpd idle-time ${DPD_IDLE_SECONDS}`,
                ` dpd retransmit-interval ${DPD_RETRANSMIT_SECONDS}`,
                ` dpd retry-limit ${DPD_RETRY_LIMIT}`,
            );
        }
        lines.push("quit");
    }
    return lines;
}

function ipsecProposal(link: ResolvedLink, names: Names): string[] {
    const { ipsec } = link.profile;
    const lines = ["#", "# ---- Phase 2: IPsec proposal ----"];
    if (ipsec.integrity === "sha256" || ipsec.integrity === "sha384" || ipsec.integrity === "sha512") {
        lines.push(
            "# RFC 4868 truncation for ESP SHA-2 (older releases default to a Huawei-only length): a global setting",
            isFirewall(link) ? "ipsec sha2 compatible enable" : "ipsec authentication sha2 compatible enable",
        );
    }
    lines.push(
        `ipsec proposal ${names.base}`,
        " transform esp",
        " encapsulation-mode tunnel",
        ` esp authentication-algorithm ${AUTHENTICATION[ipsec.integrity]}`,
        ` esp encryption-algorithm ${ENCRYPTION[ipsec.encryption]}`,
        "quit",
    );
    return lines;
}

/** The lines shared by ISAKMP IPsec policies and IPsec profiles. */
function sa(link: ResolvedLink, t: ResolvedTunnel, names: Names): string[] {
    const { ipsec } = link.profile;
    const lines = [` ike-peer ${names.perTunnel(t)}`, ` proposal ${names.base}`];
    if (ipsec.pfs !== "disabled") {
        lines.push(` pfs dh-group${groupNumber(ipsec.pfs)}`);
    }
    lines.push(` sa duration time-based ${ipsec.lifetimeSeconds}`);
    return lines;
}

function maskPair(cidr: string): string {
    return `${networkAddress(cidr)} mask ${netmask(cidr)}`;
}

/** Every (local, Alibaba) pair of networks the tunnel carries. */
function flows(link: ResolvedLink): [string, string][] {
    const pairs: [string, string][] = [];
    for (const local of link.peerSubnets) {
        for (const remote of link.alibabaSubnets) {
            pairs.push([local, remote]);
        }
    }
    return pairs;
}

function policyBased(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const selectors = trafficSelectors(link);
    const lines = ["#", "# ---- Protected traffic: local networks -> Alibaba networks (one rule per pair) ----", `acl number ${ACL_NUMBER}`];
    let rule = 5;
    for (const local of selectors.peer) {
        for (const remote of selectors.alibaba) {
            lines.push(` rule ${rule} permit ip source ${cidrPair(local)} destination ${cidrPair(remote)}`);
            rule += 5;
        }
    }
    lines.push("quit");
    tunnels.forEach((t, i) => {
        lines.push("#", `# IPsec policy ${names.base} ${(i + 1) * 10}: Alibaba ${t.role} tunnel ${t.alibabaIp}`);
        lines.push(`ipsec policy ${names.base} ${(i + 1) * 10} isakmp`, ` security acl ${ACL_NUMBER}`, ...sa(link, t, names), "quit");
    });
    if (tunnels.length > 1) {
        lines.push(
            "# Both policies match the same ACL: the device initiates through policy 10 (master); policy 20 accepts the slave tunnel",
            "# when Alibaba brings it up, but outbound traffic does not move to it (see the WARNING above).",
        );
    }
    lines.push(
        "#",
        `# ---- WAN interface (${HUAWEI_WAN_INTERFACE} = the interface that owns ${link.peerPublicIp}) ----`,
        `# TCP MSS ${TCP_MSS}: Alibaba's gateway MTU is ${TUNNEL_MTU} (applies to all TCP through this interface).`,
        `interface ${HUAWEI_WAN_INTERFACE}`,
        ` ipsec policy ${names.base}`,
        ` tcp adjust-mss ${TCP_MSS}`,
        "quit",
    );
    if (!isFirewall(link)) {
        lines.push(
            "#",
            `# ---- NAT exemption: deny the tunnel's flows in the ACL of the WAN interface's nat outbound (${HUAWEI_NAT_ACL}) ----`,
            "# Rules 1.. match before the ACL's existing permits (rules match in ascending number); pick free numbers if they are taken.",
            `acl number ${HUAWEI_NAT_ACL}`,
        );
        flows(link).forEach(([local, remote], i) => {
            lines.push(` rule ${i + 1} deny ip source ${cidrPair(local)} destination ${cidrPair(remote)}`);
        });
        lines.push("quit");
    }
    lines.push("#", `# Route ${link.alibabaSubnets.join(", ")} out of ${HUAWEI_WAN_INTERFACE} (the default route usually does).`);
    if (link.alibabaSubnets.length > 0) {
        lines.push(
            `# If another route sends them elsewhere, add the static routes of Alibaba's guide (next hop ${tunnels[0].alibabaIp}, resolved through the default route):`,
            ...link.alibabaSubnets.map((c) => `# ip route-static ${networkAddress(c)} ${netmask(c)} ${tunnels[0].alibabaIp}`),
        );
    }
    return lines;
}

function routeBased(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const selectors = trafficSelectors(link);
    const lines = [
        "#",
        `# ---- Route-based tunnels: traffic selectors ${selectors.peer.join(", ")} <-> ${selectors.alibaba.join(", ")} (IPsec profile default) ----`,
    ];
    for (const t of tunnels) {
        lines.push("#", `ipsec profile ${names.perTunnel(t)}`, ...sa(link, t, names), "quit");
    }
    lines.push(
        "#",
        `# ---- Tunnel interfaces (${HUAWEI_WAN_INTERFACE} = the interface that owns ${link.peerPublicIp}) ----`,
        `# MTU ${TUNNEL_MTU} (Alibaba's gateway MTU) and TCP MSS ${TCP_MSS}.` +
            (isFirewall(link) ? "" : " No NAT exemption is needed: nat outbound on the WAN interface does not apply to traffic routed into these."),
    );
    tunnels.forEach((t, i) => {
        lines.push(
            `interface ${tunnelInterface(link, i)}`,
            ` description Alibaba ${t.role} tunnel ${t.alibabaIp} (${link.connectionId})`,
            ` ip address unnumbered interface ${HUAWEI_WAN_INTERFACE}`,
            " tunnel-protocol ipsec",
            ` source ${HUAWEI_WAN_INTERFACE}`,
            ` destination ${t.alibabaIp}`,
            ` mtu ${TUNNEL_MTU}`,
            ` tcp adjust-mss ${TCP_MSS}`,
            ` ipsec profile ${names.perTunnel(t)}`,
            "quit",
            "#",
        );
    });
    if (isFirewall(link)) {
        lines.push(
            "# The tunnel interfaces join the untrust zone (the security policies below allow the protected networks).",
            "firewall zone untrust",
        );
        tunnels.forEach((_, i) => lines.push(` add interface ${tunnelInterface(link, i)}`));
        lines.push("quit", "#");
    }
    if (link.alibabaSubnets.length === 0) {
        lines.push(`# No Alibaba networks listed on the link: add ip route-static <network> <mask> ${tunnelInterface(link, 0)} for each of them.`);
        return lines;
    }
    if (tunnels.length === 1) {
        lines.push(`# Alibaba networks through ${tunnelInterface(link, 0)}.`);
        for (const cidr of link.alibabaSubnets) {
            lines.push(`ip route-static ${networkAddress(cidr)} ${netmask(cidr)} ${tunnelInterface(link, 0)}`);
        }
        return lines;
    }
    const probe = link.probeAddress ?? "<ALIBABA_PROBE_IP>";
    const source = link.probeSource ?? "<LAN_SOURCE_IP>";
    const test = names.perTunnel(tunnels[0]);
    lines.push(
        `# ---- Failover: NQA ICMP test from ${source} (this device's LAN address) to ${probe} (an Alibaba host that answers ping) ----`,
        `# A test every ${NQA_FREQUENCY_SECONDS} s of ${NQA_PROBES} probes; when it fails the master's routes leave the table (within ${HUAWEI_FAILOVER_SECONDS} s).`,
        `nqa test-instance admin ${test}`,
        " test-type icmp",
        ` destination-address ipv4 ${probe}`,
        ` source-address ipv4 ${source}`,
        ` frequency ${NQA_FREQUENCY_SECONDS}`,
        ` probe-count ${NQA_PROBES}`,
        ` interval seconds ${NQA_INTERVAL_SECONDS}`,
        ` timeout ${NQA_TIMEOUT_SECONDS}`,
        " start now",
        "quit",
        "#",
        `# The probe's host route stays on the master tunnel, so the test keeps measuring the master while its routes are withdrawn.`,
        `ip route-static ${probe} 255.255.255.255 ${tunnelInterface(link, 0)}`,
        `# Alibaba networks through ${tunnelInterface(link, 0)} (master, tracked); the floating routes through ${tunnelInterface(link, 1)} (slave, ` +
            `preference ${FLOATING_ROUTE_PREFERENCE}) take over while the test fails.`,
    );
    for (const cidr of link.alibabaSubnets) {
        lines.push(`ip route-static ${networkAddress(cidr)} ${netmask(cidr)} ${tunnelInterface(link, 0)} track nqa admin ${test}`);
    }
    for (const cidr of link.alibabaSubnets) {
        lines.push(`ip route-static ${networkAddress(cidr)} ${netmask(cidr)} ${tunnelInterface(link, 1)} preference ${FLOATING_ROUTE_PREFERENCE}`);
    }
    return lines;
}

/** USG only: security policies for IKE/ESP with Alibaba and for the protected networks, and the NAT exemption. */
function firewallPolicies(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const hosts = tunnels.map((t) => `${t.alibabaIp} mask 255.255.255.255`);
    const probe = link.routingMode === "destination" && tunnels.length > 1 ? (link.probeAddress ?? "<ALIBABA_PROBE_IP>") : undefined;
    const lines = [
        "#",
        "# ---- USG security policies: IKE (UDP 500/4500) and ESP with the Alibaba gateways, the protected networks both ways ----",
        `# Zones as in Alibaba's guide: ${HUAWEI_WAN_INTERFACE} in untrust, the LAN interface in trust (rename the zones below if yours differ).`,
        "# New rules go below the existing ones; move them above any broader deny rule.",
        "security-policy",
        ` rule name ${names.base}-ike-out`,
        "  source-zone local",
        "  destination-zone untrust",
        ...hosts.map((h) => `  destination-address ${h}`),
        ...(probe ? [`  destination-address ${probe} mask 255.255.255.255`] : []),
        "  action permit",
        ` rule name ${names.base}-ike-in`,
        "  source-zone untrust",
        "  destination-zone local",
        ...hosts.map((h) => `  source-address ${h}`),
        "  service protocol udp destination-port 500",
        "  service protocol udp destination-port 4500",
        "  service esp",
        "  action permit",
        ` rule name ${names.base}-out`,
        "  source-zone trust",
        "  destination-zone untrust",
        ...link.peerSubnets.map((c) => `  source-address ${maskPair(c)}`),
        ...link.alibabaSubnets.map((c) => `  destination-address ${maskPair(c)}`),
        "  action permit",
        ` rule name ${names.base}-in`,
        "  source-zone untrust",
        "  destination-zone trust",
        ...link.alibabaSubnets.map((c) => `  source-address ${maskPair(c)}`),
        ...link.peerSubnets.map((c) => `  destination-address ${maskPair(c)}`),
        "  action permit",
        "quit",
        "#",
        "# ---- NAT exemption: the tunnel's flows leave untranslated (moved above the source-NAT rules) ----",
        "nat-policy",
        ` rule name ${names.base}-no-nat`,
        "  source-zone trust",
        "  destination-zone untrust",
        ...link.peerSubnets.map((c) => `  source-address ${maskPair(c)}`),
        ...link.alibabaSubnets.map((c) => `  destination-address ${maskPair(c)}`),
        "  action no-nat",
        ` rule move ${names.base}-no-nat top`,
        "quit",
    ];
    return lines;
}

function verification(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const firstNet = link.alibabaSubnets[0] ? networkAddress(link.alibabaSubnets[0]) : "<ALIBABA_NETWORK>";
    const lines = [
        "#",
        "# ---- Verification (user view, after the paste) and what a healthy tunnel shows ----",
        `# display ike sa -> one phase 1 and one phase 2 SA per Alibaba address (${tunnels.map((t) => t.alibabaIp).join(", ")}), Flag includes RD (ready)`,
        "# display ipsec sa brief -> an inbound and an outbound ESP SA per tunnel",
        "# display ipsec statistics -> encrypted and decrypted packet counters increasing while traffic flows",
    ];
    if (link.routingMode === "destination") {
        lines.push(`# display interface ${tunnelInterface(link, 0)} -> current state : UP, Line protocol current state : UP`);
        if (tunnels.length > 1) {
            lines.push(
                `# display nqa results test-instance admin ${names.perTunnel(tunnels[0])} -> Completion:success, Lost packet ratio: 0 %`,
                `# display ip routing-table ${firstNet} -> via ${tunnelInterface(link, 0)}; via ${tunnelInterface(link, 1)} (preference ${FLOATING_ROUTE_PREFERENCE}) only while the test fails`,
            );
        } else {
            lines.push(`# display ip routing-table ${firstNet} -> via ${tunnelInterface(link, 0)}`);
        }
    }
    if (isFirewall(link)) {
        lines.push(
            `# display security-policy rule name ${names.base}-in -> the hit count grows with traffic from Alibaba`,
            `# display firewall session table -> sessions to ${link.alibabaSubnets.join(", ")} listed without a NAT translation`,
        );
    } else if (link.routingMode === "policy") {
        lines.push(`# display nat session all -> no session for traffic to ${link.alibabaSubnets.join(", ")} (the NAT exemption works)`);
    }
    lines.push(`# ping -a ${link.probeSource ?? "<LAN_SOURCE_IP>"} <HOST_IN_${firstNet}> -> replies; the first packets may be lost while the SAs come up`);
    return lines;
}

export function renderHuaweiVrp(link: ResolvedLink): string {
    const tunnels = orderedTunnels(link);
    checkLink(link, tunnels);
    const names = namesOf(link);
    const lines = [
        ...header(link, tunnels, names),
        ...ikeProposal(link),
        ...ikePeers(link, tunnels, names),
        ...ipsecProposal(link, names),
        ...(link.routingMode === "policy" ? policyBased(link, tunnels, names) : routeBased(link, tunnels, names)),
        ...(isFirewall(link) ? firewallPolicies(link, tunnels, names) : []),
        ...verification(link, tunnels, names),
        "#",
        "return",
    ];
    return lines.join("\n") + "\n";
}

export const huaweiVrpRenderer: PeerRenderer = {
    platform: PLATFORM,
    title: "Huawei VRP (AR/USG) CLI",
    caveats: huaweiCaveats,
    fileName: (link) => `${link.name}.huawei-vrp.txt`,
    render: renderHuaweiVrp,
};

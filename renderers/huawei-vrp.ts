// Huawei VRP (AR routers, USG firewalls) CLI for the peer end of a link: the device facing Alibaba Cloud.
// Local = this device (peerPublicIp, peerId, peerSubnets); remote = the Alibaba VPN gateway
// (tunnel.alibabaIp, tunnel.alibabaId, alibabaSubnets).
//
// Syntax of AR V200R008 and later: `ike peer NAME` takes no version argument, the IKE version is chosen
// with `version 1|2` / `undo version 1|2` inside the peer.
// Policy-based links ("policy"): advanced ACL + ISAKMP IPsec policy on the WAN interface.
// Destination-routing links ("destination"): IPsec tunnel interfaces (tunnel-protocol ipsec) with an
// IPsec profile each, and static routes, the slave tunnel as a floating route.
//
// Every algorithm is named explicitly: VRP defaults differ between releases (DES/MD5 on old ones).
import { DH_GROUP_INFO, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address, netmask, networkAddress, wildcardMask } from "../model/cidr";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

/** The interface that owns the peer's public address. The rendered file marks it for the engineer to replace. */
export const HUAWEI_WAN_INTERFACE = "GigabitEthernet0/0/1";

/** DPD: probe after 10 s without traffic, retransmit every 3 s. */
const DPD_IDLE_SECONDS = 10;
const DPD_RETRANSMIT_SECONDS = 3;

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

function header(link: ResolvedLink, tunnels: ResolvedTunnel[], names: Names): string[] {
    const { ike } = link.profile;
    const remote = tunnels.map((t) => `${t.role} ${t.alibabaIp}`).join(", ");
    const mode = link.routingMode === "policy" ? "policy-based (IPsec policy on the WAN interface)" : "destination routing (IPsec tunnel interfaces)";
    const used = [`names starting ${names.base}`, `ike proposal ${IKE_PROPOSAL_NUMBER}`];
    if (link.routingMode === "policy") {
        used.push(`acl number ${ACL_NUMBER}`);
    } else {
        used.push(tunnels.map((_, i) => `Tunnel0/0/${i + 1}`).join(", "));
    }
    const lines = [
        `# Huawei VRP (AR/USG) configuration for link "${link.name}"`,
        `# Alibaba Cloud IPsec connection: ${link.connectionId}`,
        `# Local (this device): ${link.peerPublicIp}, networks ${link.peerSubnets.join(", ") || "-"}`,
        `# Remote (Alibaba VPN gateway): ${remote}, networks ${link.alibabaSubnets.join(", ") || "-"}`,
        `# ${ike.version === "ikev2" ? "IKEv2" : `IKEv1 ${ike.mode} mode`}, ${mode}`,
        "# Enter system-view, then paste. The file holds pre-shared keys: keep it secret.",
        "# Syntax of AR V200R008 and later (IKE version set inside the ike peer).",
        `# These must not clash with existing configuration: ${used.join(", ")}.`,
    ];
    if (link.profile.weakCryptoOptIn) {
        lines.push(`# Weak algorithms accepted by explicit opt-in: ${link.profile.weakCryptoOptIn.reason}`);
        lines.push("# Recent releases need the weak-algorithm component installed to accept them.");
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
        lines.push("#", "# Local IKE identity (FQDN) of this device: a global setting", `ike local-name ${fqdnLocal.peerId}`);
    }
    for (const t of tunnels) {
        lines.push("#", `# IKE peer: Alibaba ${t.role} tunnel ${t.alibabaIp}`, `ike peer ${names.perTunnel(t)}`);
        if (ike.version === "ikev1") {
            lines.push(" version 1", " undo version 2", ` exchange-mode ${ike.mode}`);
        } else {
            lines.push(" version 2", " undo version 1");
        }
        lines.push(` pre-shared-key cipher ${pskArgument(t.psk)}`, ` ike-proposal ${IKE_PROPOSAL_NUMBER}`);
        lines.push(isIpv4Address(t.peerId) ? " local-id-type ip" : " local-id-type fqdn");
        if (!isIpv4Address(t.alibabaId)) {
            lines.push(` remote-id ${t.alibabaId}`);
        }
        lines.push(` remote-address ${t.alibabaIp}`);
        lines.push(link.profile.natTraversal ? " nat traversal" : " undo nat traversal");
        if (link.profile.dpd) {
            lines.push(" dpd type periodic", ` dpd idle-time ${DPD_IDLE_SECONDS}`, ` dpd retransmit-interval ${DPD_RETRANSMIT_SECONDS}`);
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
            "ipsec authentication sha2 compatible enable",
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
            "# Both policies match the same ACL: the device initiates through policy 10 (master); policy 20 accepts the slave",
            "# tunnel when Alibaba brings it up. For failover in both directions prefer destination routing (tunnel interfaces).",
        );
    }
    lines.push(
        "#",
        `# >>> WAN interface: replace ${HUAWEI_WAN_INTERFACE} with the interface that owns ${link.peerPublicIp} <<<`,
        `interface ${HUAWEI_WAN_INTERFACE}`,
        ` ipsec policy ${names.base}`,
        "quit",
        "#",
        `# Route ${link.alibabaSubnets.join(", ")} out of the WAN interface (the default route usually does) and exempt these flows from NAT.`,
    );
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
    lines.push("#", `# >>> WAN interface: replace ${HUAWEI_WAN_INTERFACE} with the interface that owns ${link.peerPublicIp} <<<`);
    tunnels.forEach((t, i) => {
        lines.push(
            `interface Tunnel0/0/${i + 1}`,
            ` description Alibaba ${t.role} tunnel ${t.alibabaIp} (${link.connectionId})`,
            ` ip address unnumbered interface ${HUAWEI_WAN_INTERFACE}`,
            " tunnel-protocol ipsec",
            ` source ${HUAWEI_WAN_INTERFACE}`,
            ` destination ${t.alibabaIp}`,
            ` ipsec profile ${names.perTunnel(t)}`,
            "quit",
            "#",
        );
    });
    if (link.alibabaSubnets.length === 0) {
        lines.push("# No Alibaba networks listed on the link: add ip route-static <network> <mask> Tunnel0/0/1 for each of them.");
        return lines;
    }
    lines.push(
        tunnels.length > 1
            ? `# Alibaba networks through Tunnel0/0/1 (master); Tunnel0/0/2 (slave) takes over at preference ${FLOATING_ROUTE_PREFERENCE}.`
            : "# Alibaba networks through Tunnel0/0/1.",
    );
    tunnels.forEach((_, i) => {
        for (const cidr of link.alibabaSubnets) {
            const preference = i === 0 ? "" : ` preference ${FLOATING_ROUTE_PREFERENCE}`;
            lines.push(`ip route-static ${networkAddress(cidr)} ${netmask(cidr)} Tunnel0/0/${i + 1}${preference}`);
        }
    });
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
        "#",
        "return",
    ];
    return lines.join("\n") + "\n";
}

export const huaweiVrpRenderer: PeerRenderer = {
    platform: PLATFORM,
    title: "Huawei VRP (AR/USG) CLI",
    fileName: (link) => `${link.name}.huawei-vrp.txt`,
    render: renderHuaweiVrp,
};

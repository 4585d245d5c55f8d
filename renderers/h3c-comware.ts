// H3C Comware V7 CLI for the peer end of a link (MSR routers, SecPath firewalls, V7 switches).
//
// The output is pasted in system view on the device that faces Alibaba: "local" is the peer
// (peerPublicIp, peerId, peerSubnets), "remote" is Alibaba (tunnel.alibabaIp, tunnel.alibabaId, alibabaSubnets).
//
// Syntax sources (see the report of the change for what could not be confirmed on a device):
// - H3C/HPE Comware 7 IKE, IKEv2 and IPsec command references: `ike proposal` (encryption-algorithm
//   aes-cbc-128|aes-cbc-192|aes-cbc-256|3des-cbc|des-cbc, authentication-algorithm md5|sha|sha256|sha384|sha512,
//   dh groupN, sa duration), `ike profile` (dpd interval N [retry N] {on-demand|periodic}), IPsec policy
//   (remote-address, sa duration time-based), the non-FIPS defaults (DES encryption, MD5 for ESP).
// - A Comware V7 interop guide: `ipsec transform-set` (protocol esp, esp ... -algorithm, pfs dh-groupN),
//   `ikev2 proposal` (encryption, integrity, prf, dh), `ikev2 policy`, `ikev2 keychain` / `peer` (address,
//   identity, pre-shared-key plaintext), `ikev2 profile`, `ipsec profile NAME isakmp`,
//   `interface tunnel N mode ipsec` + `tunnel protection ipsec profile`, `ip route-static P LEN Tunnel N`.
import { DH_GROUP_INFO, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address, networkAddress, prefixLength, wildcardMask } from "../model/cidr";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer } from "./types";

/** Placeholders the engineer must check on the device; every one is called out in a comment where it is used. */
export const COMWARE_PLACEHOLDERS = {
    wanInterface: "GigabitEthernet1/0/1",
    aclNumber: 3000,
    ikeProposalNumber: 10,
    firstTunnelInterface: 1,
} as const;

/** Sequence numbers of the IPsec policies, master first. */
const POLICY_SEQUENCE = { master: 10, slave: 20 } as const;

/** DPD timer the generated profiles use (Alibaba's own DPD interval is not configurable). */
const DPD_INTERVAL_SECONDS = 10;

/** Static-route preference of the slave tunnel in destination-routing mode (Comware's default is 60). */
const SLAVE_ROUTE_PREFERENCE = 70;

/** Comware spells the ciphers the same way in `ike proposal`, `ikev2 proposal` and `esp encryption-algorithm`. */
const ENCRYPTION: Record<EncryptionAlgorithm, string> = {
    aes: "aes-cbc-128",
    aes192: "aes-cbc-192",
    aes256: "aes-cbc-256",
    des: "des-cbc",
    "3des": "3des-cbc",
};

/** `ike proposal` (IKEv1) spells SHA-1 "sha". */
const IKEV1_AUTHENTICATION: Record<IntegrityAlgorithm, string> = {
    md5: "md5",
    sha1: "sha",
    sha256: "sha256",
    sha384: "sha384",
    sha512: "sha512",
};

/** `ikev2 proposal` integrity/prf and `esp authentication-algorithm` spell SHA-1 "sha1". */
const HMAC: Record<IntegrityAlgorithm, string> = {
    md5: "md5",
    sha1: "sha1",
    sha256: "sha256",
    sha384: "sha384",
    sha512: "sha512",
};

const dhNumber = (group: DhGroup): number => DH_GROUP_INFO[group].number;

/** Comware object names: letters, digits, "-" and "_" (other characters become "-"), at most 63 characters. */
function objectName(text: string): string {
    const cleaned = text.replace(/[^A-Za-z0-9_-]/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "");
    return (cleaned.length > 0 ? cleaned : "alibaba").slice(0, 63);
}

/** The identity commands for an IKE id: an IPv4 address or, otherwise, an FQDN. */
function identityKind(id: string): "address" | "fqdn" {
    return isIpv4Address(id) ? "address" : "fqdn";
}

function describeProfile(link: ResolvedLink): string {
    const { ike, ipsec } = link.profile;
    const phase1 = `${ike.version === "ikev1" ? `IKEv1 ${ike.mode} mode` : "IKEv2"}, ${ike.encryption}/${ike.integrity}/${ike.dhGroup}, IKE SA ${ike.lifetimeSeconds} s`;
    const phase2 = `ESP ${ipsec.encryption}/${ipsec.integrity}, PFS ${ipsec.pfs}, IPsec SA ${ipsec.lifetimeSeconds} s`;
    return `${phase1}; ${phase2}; DPD ${link.profile.dpd ? "on" : "off"}; NAT-T ${link.profile.natTraversal ? "on" : "off"}`;
}

function header(link: ResolvedLink, base: string): string[] {
    const selectors = trafficSelectors(link);
    const tunnels = link.tunnels.map((t) => `${t.role} tunnel ${t.alibabaIp}`).join(", ");
    const peerId = link.tunnels[0]?.peerId ?? link.peerPublicIp;
    const lines = [
        `# H3C Comware V7 configuration for the peer end of link "${link.name}"`,
        `# Alibaba Cloud VPN connection: ${link.connectionId}`,
        `# This device: ${link.peerPublicIp} (IKE identity ${peerId}), networks ${link.peerSubnets.join(", ")}`,
        `# Alibaba: ${tunnels}; networks ${link.alibabaSubnets.join(", ")}`,
        `# Profile: ${describeProfile(link)}`,
        link.routingMode === "destination"
            ? `# Routing: destination routing, traffic selectors ${selectors.peer[0]} <-> ${selectors.alibaba[0]} (route-based, IPsec tunnel interfaces)`
            : "# Routing: protected data flows (policy-based, an ACL of the subnet pairs)",
    ];
    if (link.profile.weakCryptoOptIn) {
        lines.push(`# Weak algorithms allowed by weakCryptoOptIn: ${link.profile.weakCryptoOptIn.reason}`);
    }
    lines.push(
        "# Comware's non-FIPS defaults (DES encryption, MD5 for ESP) do not match Alibaba: every algorithm is named below.",
        `# Placeholders to check on the device: ${COMWARE_PLACEHOLDERS.wanInterface} (WAN interface)` +
            (link.routingMode === "destination"
                ? `, Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface}..Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface + link.tunnels.length - 1}`
                : `, ACL ${COMWARE_PLACEHOLDERS.aclNumber}`) +
            (link.profile.ike.version === "ikev1" ? `, IKE proposal ${COMWARE_PLACEHOLDERS.ikeProposalNumber}` : "") +
            `; object names start with "${base}".`,
        `# NAT traversal: ${link.profile.natTraversal ? "on at Alibaba" : "off at Alibaba"}; Comware V7 detects NAT during IKE by itself (no per-profile switch).`,
        "#",
        "system-view",
    );
    return lines;
}

function ikev1Proposal(link: ResolvedLink): string[] {
    const { ike } = link.profile;
    return [
        "#",
        "# Phase 1 (IKEv1): one proposal for every tunnel of this link",
        `ike proposal ${COMWARE_PLACEHOLDERS.ikeProposalNumber}`,
        ` encryption-algorithm ${ENCRYPTION[ike.encryption]}`,
        ` authentication-algorithm ${IKEV1_AUTHENTICATION[ike.integrity]}`,
        " authentication-method pre-share",
        ` dh group${dhNumber(ike.dhGroup)}`,
        ` sa duration ${ike.lifetimeSeconds}`,
        " quit",
    ];
}

function ikev1Tunnel(link: ResolvedLink, tunnel: ResolvedTunnel, name: string): string[] {
    const local = identityKind(tunnel.peerId);
    const remote = identityKind(tunnel.alibabaId);
    return [
        "#",
        `# ${tunnel.role} tunnel: Alibaba ${tunnel.alibabaIp}`,
        `ike keychain ${name}`,
        ` pre-shared-key address ${tunnel.alibabaIp} 255.255.255.255 key simple ${tunnel.psk}`,
        " quit",
        `ike profile ${name}`,
        ` keychain ${name}`,
        ` exchange-mode ${link.profile.ike.mode}`,
        ` local-identity ${local} ${tunnel.peerId}`,
        remote === "address"
            ? ` match remote identity address ${tunnel.alibabaId} 255.255.255.255`
            : ` match remote identity fqdn ${tunnel.alibabaId}`,
        ` proposal ${COMWARE_PLACEHOLDERS.ikeProposalNumber}`,
        link.profile.dpd
            ? ` dpd interval ${DPD_INTERVAL_SECONDS} periodic`
            : " # DPD stays off: it is off at Alibaba for this link (profile.dpd = false)",
        " quit",
    ];
}

function ikev2Proposal(link: ResolvedLink, base: string): string[] {
    const { ike } = link.profile;
    return [
        "#",
        "# Phase 1 (IKEv2): one proposal and policy for every tunnel of this link; PRF = the integrity algorithm",
        `ikev2 proposal ${base}`,
        ` encryption ${ENCRYPTION[ike.encryption]}`,
        ` integrity ${HMAC[ike.integrity]}`,
        ` prf ${HMAC[ike.integrity]}`,
        ` dh group${dhNumber(ike.dhGroup)}`,
        " quit",
        `ikev2 policy ${base}`,
        ` proposal ${base}`,
        " quit",
    ];
}

function ikev2Tunnel(link: ResolvedLink, tunnel: ResolvedTunnel, name: string): string[] {
    const local = identityKind(tunnel.peerId);
    const remote = identityKind(tunnel.alibabaId);
    return [
        "#",
        `# ${tunnel.role} tunnel: Alibaba ${tunnel.alibabaIp}`,
        `ikev2 keychain ${name}`,
        " peer alibaba",
        `  address ${tunnel.alibabaIp} 255.255.255.255`,
        `  identity ${remote} ${tunnel.alibabaId}`,
        `  pre-shared-key plaintext ${tunnel.psk}`,
        "  quit",
        " quit",
        `ikev2 profile ${name}`,
        " authentication-method local pre-share",
        " authentication-method remote pre-share",
        ` keychain ${name}`,
        ` identity local ${local} ${tunnel.peerId}`,
        remote === "address"
            ? ` match remote identity address ${tunnel.alibabaId} 255.255.255.255`
            : ` match remote identity fqdn ${tunnel.alibabaId}`,
        ` sa duration ${link.profile.ike.lifetimeSeconds}`,
        link.profile.dpd
            ? ` dpd interval ${DPD_INTERVAL_SECONDS} periodic`
            : " # DPD stays off: it is off at Alibaba for this link (profile.dpd = false)",
        " quit",
    ];
}

function transformSet(link: ResolvedLink, base: string): string[] {
    const { ipsec } = link.profile;
    return [
        "#",
        "# Phase 2: ESP in tunnel mode",
        `ipsec transform-set ${base}`,
        " encapsulation-mode tunnel",
        " protocol esp",
        ` esp encryption-algorithm ${ENCRYPTION[ipsec.encryption]}`,
        ` esp authentication-algorithm ${HMAC[ipsec.integrity]}`,
        ipsec.pfs === "disabled"
            ? " # no pfs line: PFS is disabled at Alibaba for this link (ipsec.pfs = disabled)"
            : ` pfs dh-group${dhNumber(ipsec.pfs)}`,
        " quit",
    ];
}

function profileReference(link: ResolvedLink, name: string): string {
    return link.profile.ike.version === "ikev1" ? ` ike-profile ${name}` : ` ikev2-profile ${name}`;
}

/** Policy-based: an advanced ACL of the protected flows and one IPsec policy per tunnel, applied to the WAN interface. */
function policyMode(link: ResolvedLink, base: string, names: string[]): string[] {
    const selectors = trafficSelectors(link);
    const acl = COMWARE_PLACEHOLDERS.aclNumber;
    const lines = [
        "#",
        `# Protected flows, one rule per subnet pair (source = this side, destination = Alibaba; they mirror Alibaba's`,
        `# local/remote subnets). Change ${acl} if that ACL number is already used on this device.`,
        `acl advanced ${acl}`,
    ];
    let rule = 0;
    for (const peer of selectors.peer) {
        for (const alibaba of selectors.alibaba) {
            rule += 5;
            lines.push(
                ` rule ${rule} permit ip source ${networkAddress(peer)} ${wildcardMask(peer)} destination ${networkAddress(alibaba)} ${wildcardMask(alibaba)}`,
            );
        }
    }
    lines.push(" quit");
    if (link.tunnels.length > 1) {
        lines.push(
            "#",
            `# Dual tunnel: both policies of group "${base}" use ACL ${acl}. Comware checks the policies of a group in`,
            "# ascending sequence order and protects an outbound packet with the first policy whose ACL permits it, so",
            `# outbound traffic always takes sequence ${POLICY_SEQUENCE.master} (master). Sequence ${POLICY_SEQUENCE.slave} (slave) matches the slave tunnel's`,
            "# remote address and IKE identity, so it answers when Alibaba brings the slave tunnel up and decrypts what",
            "# Alibaba sends on it; Comware does not move outbound traffic to it when the master is down. For automatic",
            "# failover in both directions use routingMode: destination (two IPsec tunnel interfaces and floating routes).",
        );
    }
    link.tunnels.forEach((tunnel, i) => {
        lines.push(
            "#",
            `ipsec policy ${base} ${POLICY_SEQUENCE[tunnel.role]} isakmp`,
            ` transform-set ${base}`,
            ` security acl ${acl}`,
            ` remote-address ${tunnel.alibabaIp}`,
            profileReference(link, names[i]),
            ` sa duration time-based ${link.profile.ipsec.lifetimeSeconds}`,
            " quit",
        );
    });
    lines.push(
        "#",
        `# CHANGE ${COMWARE_PLACEHOLDERS.wanInterface} to the WAN interface that holds ${link.peerPublicIp} (placeholder).`,
        `# If that interface does "nat outbound", make its NAT ACL deny the flows of ACL ${acl} first, or they are`,
        "# translated before IPsec sees them. Traffic to Alibaba's networks must route out of this interface.",
        `interface ${COMWARE_PLACEHOLDERS.wanInterface}`,
        ` ipsec apply policy ${base}`,
        " quit",
    );
    return lines;
}

/** Route-based: one IPsec tunnel interface per tunnel (0.0.0.0/0 selectors both ways) and static routes. */
function destinationMode(link: ResolvedLink, names: string[]): string[] {
    const lines: string[] = [];
    const tunnelInterface = (i: number) => `Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface + i}`;
    link.tunnels.forEach((tunnel, i) => {
        lines.push(
            "#",
            `ipsec profile ${names[i]} isakmp`,
            ` transform-set ${objectName(link.name)}`,
            profileReference(link, names[i]),
            ` sa duration time-based ${link.profile.ipsec.lifetimeSeconds}`,
            " quit",
        );
    });
    lines.push(
        "#",
        "# Destination routing: Alibaba proposes 0.0.0.0/0 <-> 0.0.0.0/0; an IPsec tunnel interface protects whatever",
        `# is routed into it. CHANGE ${COMWARE_PLACEHOLDERS.wanInterface} to the WAN interface that holds ${link.peerPublicIp} (placeholder),`,
        "# and the tunnel numbers if they are taken.",
    );
    link.tunnels.forEach((tunnel, i) => {
        lines.push(
            `interface ${tunnelInterface(i)} mode ipsec`,
            ` description ${tunnel.role} tunnel to Alibaba ${tunnel.alibabaIp} (${link.connectionId})`,
            ` ip address unnumbered interface ${COMWARE_PLACEHOLDERS.wanInterface}`,
            ` source ${COMWARE_PLACEHOLDERS.wanInterface}`,
            ` destination ${tunnel.alibabaIp}`,
            ` tunnel protection ipsec profile ${names[i]}`,
            " quit",
        );
    });
    lines.push("#", "# Alibaba's networks through the tunnels");
    if (link.tunnels.length > 1) {
        lines.push(
            `# Master preferred (default preference 60); the slave route (preference ${SLAVE_ROUTE_PREFERENCE}) takes over only when`,
            `# ${tunnelInterface(0)} goes down. To fail over when the master's IKE/DPD fails while the interface stays up, bind the`,
            "# master route to an NQA track entry (not generated here).",
        );
    }
    for (const block of link.alibabaSubnets) {
        link.tunnels.forEach((tunnel, i) => {
            const preference = tunnel.role === "slave" ? ` preference ${SLAVE_ROUTE_PREFERENCE}` : "";
            lines.push(`ip route-static ${networkAddress(block)} ${prefixLength(block)} ${tunnelInterface(i)}${preference}`);
        });
    }
    return lines;
}

export function renderH3cComware(link: ResolvedLink): string {
    const base = objectName(link.name);
    const names = link.tunnels.map((t) => objectName(`${base}-${t.role}`));
    const ikev1 = link.profile.ike.version === "ikev1";
    const lines: string[] = [...header(link, base)];
    if (ikev1) {
        lines.push(...ikev1Proposal(link));
        link.tunnels.forEach((t, i) => lines.push(...ikev1Tunnel(link, t, names[i])));
    } else {
        lines.push(...ikev2Proposal(link, base));
        link.tunnels.forEach((t, i) => lines.push(...ikev2Tunnel(link, t, names[i])));
    }
    lines.push(...transformSet(link, base));
    lines.push(...(link.routingMode === "destination" ? destinationMode(link, names) : policyMode(link, base, names)));
    lines.push("#", "return", "");
    return lines.join("\n");
}

export const h3cComwareRenderer: PeerRenderer = {
    platform: "h3c-comware",
    title: "H3C Comware V7 CLI",
    fileName: (link) => `${link.name}.h3c-comware.txt`,
    render: renderH3cComware,
};

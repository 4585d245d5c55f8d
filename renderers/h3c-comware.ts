// H3C Comware V7 CLI for the peer end of a link (MSR routers, SecPath firewalls, V7 switches).
//
// The output is pasted in system view on the device that faces Alibaba: "local" is the peer
// (peerPublicIp, peerId, peerSubnets), "remote" is Alibaba (tunnel.alibabaIp, tunnel.alibabaId, alibabaSubnets).
// link.peerDevice picks the variant: "router" (MSR, the default) or "firewall" (SecPath: security zones and
// `security-policy ip` rules for IKE/ESP and the protected networks).
//
// Failover (destination routing, dual tunnel): the master's static routes track an NQA ICMP test pinned to the
// master tunnel (track entry); the slave's are floating routes (preference 70). Policy-based dual tunnels cannot
// follow Alibaba's master/slave switch (outbound traffic always takes sequence 10): the header says so and the
// renderer's caveats warn.
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
// - H3C ACL command reference (https://h3c.com/cn/d_202201/1523543_30005_0.htm): `acl number 3000` is accepted by
//   every Comware V7 release; newer releases also take (and display) `acl advanced 3000`.
//
// Alibaba's device guide for this platform: "Configure H3C firewall", mirrored at COMWARE_GUIDE_URL
// (AlibabaCloudDocs/vpn, intl.en-US; in Chinese 华三防火墙配置.md). Its help-center address could not be determined
// offline. It covers a SecPath-class firewall through its web UI (IKEv1 main mode, one tunnel, policy-based), so it
// gives the steps and their order, not CLI syntax; no Alibaba guide for the MSR routers was found (the "router"
// variant is checked against the same steps minus zones and security policies).
// Golden files reviewed against this guide: matched: an IPsec policy whose protected data flow has the local networks
// as source and the VPC networks as destination, an IKE proposal and an IPsec transform set from Alibaba's
// parameters, security policies for both directions (VPC -> local and local -> VPC, Untrust <-> Trust), and traffic
// leaving through the uplink by the default route (its steps 7-8). Since this review the firewall output states the
// zones the rules assume (uplink in Untrust, LAN in Trust), as the guide's screenshots of the two policies use them.
// Deliberate differences: the guide adds no DPD, NAT exemption, TCP MSS or explicit lifetimes (Comware's non-FIPS
// defaults differ from Alibaba's), the rendered rules also allow IKE/ESP to the Local zone, and destination-routing
// links use IPsec tunnel interfaces with NQA-tracked and floating routes for Alibaba's dual-tunnel master/slave, which
// the single-tunnel guide does not cover. The guide's screenshots (policy, proposal and route pages) were not readable here.
import { DH_GROUP_INFO, DhGroup, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address, netmask, networkAddress, prefixLength, wildcardMask } from "../model/cidr";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer } from "./types";

/** Placeholders the engineer must check on the device; every one is called out in a comment where it is used. */
export const COMWARE_PLACEHOLDERS = {
    wanInterface: "<WAN_INTERFACE>",
    natAcl: "<NAT_ACL_NUMBER>",
    aclNumber: 3000,
    ikeProposalNumber: 10,
    firstTunnelInterface: 1,
} as const;

/** Sequence numbers of the IPsec policies, master first. */
const POLICY_SEQUENCE = { master: 10, slave: 20 } as const;

/** Alibaba's device guide for this platform (see the file comment): its title and the public copy of the page. */
export const COMWARE_GUIDE_TITLE = "Configure H3C firewall";
export const COMWARE_GUIDE_URL =
    "https://github.com/AlibabaCloudDocs/vpn/blob/master/intl.en-US/User%20Guide/Configure%20IPsec-VPN%20connections/Configure%20local%20gateways/Configure%20H3C%20firewall.md";
/** Alibaba's dual-tunnel page (master/slave), which the single-tunnel device guide predates. */
export const COMWARE_DUAL_TUNNEL_GUIDE_URL = "https://www.alibabacloud.com/help/en/vpn/getting-started/establish-a-connection-between-the-vpc-and-the-on-premises-data";

/** DPD: probe every 10 s (periodic), retry every 3 s; Comware gives up after 2 retransmissions (assumed, see the report). */
const DPD_INTERVAL_SECONDS = 10;
const DPD_RETRY_SECONDS = 3;
const DPD_RETRANSMISSIONS = 2;
export const COMWARE_DPD_DEAD_SECONDS = DPD_INTERVAL_SECONDS + (DPD_RETRANSMISSIONS + 1) * DPD_RETRY_SECONDS;

/** NQA ICMP test that tracks the master tunnel: one probe every 3 s, 2 s timeout; the track goes negative after 3 consecutive failures. */
const NQA_FREQUENCY_MS = 3000;
const NQA_TIMEOUT_MS = 2000;
const NQA_CONSECUTIVE_FAILURES = 3;
export const COMWARE_FAILOVER_SECONDS = (NQA_CONSECUTIVE_FAILURES * NQA_FREQUENCY_MS + NQA_TIMEOUT_MS) / 1000;
/** Track entry number the master's routes use: a placeholder-like number the header lists. */
const TRACK_ENTRY = 1;

/** Alibaba's VPN gateway MTU is 1400; inner TCP MSS = 1400 - 40. */
const TUNNEL_MTU = 1400;
const TCP_MSS = 1360;

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

const isFirewall = (link: ResolvedLink): boolean => link.peerDevice === "firewall";

/** What the rendered file cannot do for the link (see the file comment); the header repeats them. */
export function comwareCaveats(link: ResolvedLink): string[] {
    const caveats: string[] = [];
    if (link.tunnels.length > 1 && link.routingMode === "policy") {
        caveats.push(
            "policy-based dual tunnel: both IPsec policies match one ACL, so outbound traffic always takes sequence 10 (master); " +
                "when Alibaba switches to the slave tunnel, traffic from this device keeps going into the dead master. " +
                "Use routingMode: destination for failover in both directions.",
        );
    }
    return caveats;
}

function header(link: ResolvedLink, base: string): string[] {
    const selectors = trafficSelectors(link);
    const tunnels = link.tunnels.map((t) => `${t.role} tunnel ${t.alibabaIp}`).join(", ");
    const peerId = link.tunnels[0]?.peerId ?? link.peerPublicIp;
    const dualRouted = link.routingMode === "destination" && link.tunnels.length > 1;
    const device = isFirewall(link)
        ? "H3C SecPath firewall (Comware V7 with security-policy ip: F1000/F5000 R8xxx and later)"
        : "H3C MSR router (Comware V7: MSR 2600/3600/5600 and later)";
    const lines = [
        `# H3C Comware V7 configuration for the peer end of link "${link.name}": ${device}`,
        `# Alibaba Cloud VPN connection: ${link.connectionId}`,
        `# This device: ${link.peerPublicIp} (IKE identity ${peerId}), networks ${link.peerSubnets.join(", ")}`,
        `# Alibaba: ${tunnels}; networks ${link.alibabaSubnets.join(", ")}`,
        `# Profile: ${describeProfile(link)}`,
        link.routingMode === "destination"
            ? `# Routing: destination routing, traffic selectors ${selectors.peer[0]} <-> ${selectors.alibaba[0]} (route-based, IPsec tunnel interfaces)`
            : "# Routing: protected data flows (policy-based, an ACL of the subnet pairs)",
        isFirewall(link)
            ? `# Alibaba Cloud's device guide "${COMWARE_GUIDE_TITLE}" (web UI; the same steps in CLI): ${COMWARE_GUIDE_URL}`
            : `# No Alibaba Cloud guide for H3C MSR routers was found; the IPsec steps follow its firewall guide "${COMWARE_GUIDE_TITLE}": ${COMWARE_GUIDE_URL}`,
        ...(link.tunnels.length > 1 ? [`# and its dual-tunnel guide (master carries the traffic, slave on standby): ${COMWARE_DUAL_TUNNEL_GUIDE_URL}`] : []),
        `# For ${isFirewall(link) ? "an H3C MSR router render with peerDevice: router" : "an H3C SecPath firewall render with peerDevice: firewall"} (security zones and policies differ).`,
    ];
    if (link.profile.dpd) {
        lines.push(
            `# DPD: periodic every ${DPD_INTERVAL_SECONDS} s, retry every ${DPD_RETRY_SECONDS} s: a dead peer's SAs are deleted within ${COMWARE_DPD_DEAD_SECONDS} s.`,
        );
    }
    if (link.tunnels.length > 1) {
        lines.push(
            dualRouted
                ? `# Failover: the master's routes follow track ${TRACK_ENTRY} (NQA through Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface}); a dead master is left within ` +
                      `${COMWARE_FAILOVER_SECONDS} s for the floating routes through Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface + 1}, and taken back once the probe answers.`
                : "# Failover: NOT AUTOMATIC for outbound traffic (policy-based); see the warning below.",
        );
    }
    for (const caveat of comwareCaveats(link)) {
        lines.push(`# WARNING: ${caveat}`);
    }
    if (link.profile.weakCryptoOptIn) {
        lines.push(`# Weak algorithms allowed by weakCryptoOptIn: ${link.profile.weakCryptoOptIn.reason}`);
    }
    const placeholders = [`${COMWARE_PLACEHOLDERS.wanInterface} (the WAN interface that holds ${link.peerPublicIp})`];
    if (link.routingMode === "policy") {
        placeholders.push(`${COMWARE_PLACEHOLDERS.natAcl} (the ACL of the WAN interface's nat outbound)`);
    }
    if (dualRouted) {
        if (!link.probeAddress) {
            placeholders.push("<ALIBABA_PROBE_IP> (a host in the Alibaba networks that answers ping)");
        }
        if (!link.probeSource) {
            placeholders.push("<LAN_SOURCE_IP> (this device's own address in its LAN)");
        }
    }
    const numbers =
        link.routingMode === "destination"
            ? `Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface}..Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface + link.tunnels.length - 1}` +
              (dualRouted ? `, track ${TRACK_ENTRY}` : "")
            : `ACL ${COMWARE_PLACEHOLDERS.aclNumber}`;
    lines.push(
        "# Comware's non-FIPS defaults (DES encryption, MD5 for ESP) do not match Alibaba: every algorithm is named below.",
        `# Replace every <PLACEHOLDER> before pasting: ${placeholders.join("; ")}.`,
        `# Numbers to check on the device: ${numbers}` +
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
            ? ` dpd interval ${DPD_INTERVAL_SECONDS} retry ${DPD_RETRY_SECONDS} periodic`
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
            ? ` dpd interval ${DPD_INTERVAL_SECONDS} retry ${DPD_RETRY_SECONDS} periodic`
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

function subnet(cidr: string): string {
    return `${networkAddress(cidr)} ${netmask(cidr)}`;
}

/** Policy-based: an advanced ACL of the protected flows and one IPsec policy per tunnel, applied to the WAN interface. */
function policyMode(link: ResolvedLink, base: string, names: string[]): string[] {
    const selectors = trafficSelectors(link);
    const acl = COMWARE_PLACEHOLDERS.aclNumber;
    const lines = [
        "#",
        `# Protected flows, one rule per subnet pair (source = this side, destination = Alibaba; they mirror Alibaba's`,
        `# local/remote subnets). Change ${acl} if that ACL number is already used on this device. Every Comware V7 release`,
        `# accepts "acl number ${acl}"; newer releases display it as "acl advanced ${acl}".`,
        `acl number ${acl}`,
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
            "# Alibaba sends on it; Comware does not move outbound traffic to it when the master is down (see the WARNING above).",
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
        `# WAN interface (${COMWARE_PLACEHOLDERS.wanInterface} = the interface that holds ${link.peerPublicIp}); traffic to Alibaba's networks must route out of it (Alibaba's guide: the default route through the uplink).`,
        `# TCP MSS ${TCP_MSS}: Alibaba's gateway MTU is ${TUNNEL_MTU} (applies to all TCP through this interface).`,
        `interface ${COMWARE_PLACEHOLDERS.wanInterface}`,
        ` ipsec apply policy ${base}`,
        ` tcp mss ${TCP_MSS}`,
        " quit",
        "#",
        `# NAT exemption: deny the protected flows in the ACL of the WAN interface's "nat outbound" (${COMWARE_PLACEHOLDERS.natAcl}),`,
        "# or they are translated before IPsec sees them. Rules 1.. match before the existing permits; pick free numbers if taken.",
        ...(isFirewall(link)
            ? ["# (A SecPath that translates with nat global-policy instead needs a rule with action no-nat above its other rules.)"]
            : []),
        `acl number ${COMWARE_PLACEHOLDERS.natAcl}`,
    );
    let natRule = 0;
    for (const peer of selectors.peer) {
        for (const alibaba of selectors.alibaba) {
            natRule += 1;
            lines.push(
                ` rule ${natRule} deny ip source ${networkAddress(peer)} ${wildcardMask(peer)} destination ${networkAddress(alibaba)} ${wildcardMask(alibaba)}`,
            );
        }
    }
    lines.push(" quit");
    return lines;
}

const tunnelInterface = (i: number) => `Tunnel${COMWARE_PLACEHOLDERS.firstTunnelInterface + i}`;

/** Route-based: one IPsec tunnel interface per tunnel (0.0.0.0/0 selectors both ways) and static routes. */
function destinationMode(link: ResolvedLink, base: string, names: string[]): string[] {
    const lines: string[] = [];
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
        `# is routed into it. ${COMWARE_PLACEHOLDERS.wanInterface} = the WAN interface that holds ${link.peerPublicIp}; change the tunnel numbers if they are taken.`,
        `# MTU ${TUNNEL_MTU} (Alibaba's gateway MTU) and TCP MSS ${TCP_MSS}. No NAT exemption is needed: "nat outbound" on the WAN interface`,
        "# does not apply to traffic routed into the tunnel interfaces.",
    );
    link.tunnels.forEach((tunnel, i) => {
        lines.push(
            `interface ${tunnelInterface(i)} mode ipsec`,
            ` description ${tunnel.role} tunnel to Alibaba ${tunnel.alibabaIp} (${link.connectionId})`,
            ` ip address unnumbered interface ${COMWARE_PLACEHOLDERS.wanInterface}`,
            ` source ${COMWARE_PLACEHOLDERS.wanInterface}`,
            ` destination ${tunnel.alibabaIp}`,
            ` mtu ${TUNNEL_MTU}`,
            ` tcp mss ${TCP_MSS}`,
            ` tunnel protection ipsec profile ${names[i]}`,
            " quit",
        );
    });
    const master = link.tunnels.findIndex((t) => t.role === "master");
    lines.push("#", "# Alibaba's networks through the tunnels");
    if (link.tunnels.length < 2) {
        for (const block of link.alibabaSubnets) {
            lines.push(`ip route-static ${networkAddress(block)} ${prefixLength(block)} ${tunnelInterface(0)}`);
        }
        return lines;
    }
    const probe = link.probeAddress ?? "<ALIBABA_PROBE_IP>";
    const source = link.probeSource ?? "<LAN_SOURCE_IP>";
    const entry = `${base}-master`;
    lines.push(
        `# Failover: NQA ICMP test from ${source} (this device's LAN address) to ${probe} (an Alibaba host that answers ping),`,
        `# one probe every ${NQA_FREQUENCY_MS / 1000} s; after ${NQA_CONSECUTIVE_FAILURES} consecutive failures track ${TRACK_ENTRY} goes negative and the master's routes leave`,
        `# the table (within ${COMWARE_FAILOVER_SECONDS} s); the slave's floating routes (preference ${SLAVE_ROUTE_PREFERENCE}) take over until the probe answers again.`,
        `nqa entry admin ${entry}`,
        " type icmp-echo",
        `  destination ip ${probe}`,
        `  source ip ${source}`,
        `  frequency ${NQA_FREQUENCY_MS}`,
        "  probe count 1",
        `  probe timeout ${NQA_TIMEOUT_MS}`,
        `  reaction 1 checked-element probe-fail threshold-type consecutive ${NQA_CONSECUTIVE_FAILURES} action-type trigger-only`,
        "  quit",
        " quit",
        `nqa schedule admin ${entry} start-time now lifetime forever`,
        `track ${TRACK_ENTRY} nqa entry admin ${entry} reaction 1`,
        " quit",
        "# The probe's host route stays on the master tunnel, so the test keeps measuring the master while its routes are withdrawn.",
        `ip route-static ${probe} 32 ${tunnelInterface(master)}`,
    );
    for (const block of link.alibabaSubnets) {
        link.tunnels.forEach((tunnel, i) => {
            const tail = tunnel.role === "slave" ? ` preference ${SLAVE_ROUTE_PREFERENCE}` : ` track ${TRACK_ENTRY}`;
            lines.push(`ip route-static ${networkAddress(block)} ${prefixLength(block)} ${tunnelInterface(i)}${tail}`);
        });
    }
    return lines;
}

/** SecPath only: the tunnel interfaces in the Untrust zone and security policies for IKE/ESP and the protected networks. */
function firewallPolicies(link: ResolvedLink, base: string): string[] {
    const lines: string[] = [
        "#",
        "# ---- SecPath security policies: IKE (UDP 500/4500) and ESP with Alibaba, the protected networks both ways ----",
        `# Zones as in Alibaba's guide: ${COMWARE_PLACEHOLDERS.wanInterface} in Untrust, the LAN interface in Trust (rename the zones below if yours differ).`,
    ];
    if (link.routingMode === "destination") {
        lines.push("security-zone name Untrust");
        link.tunnels.forEach((_, i) => lines.push(` import interface ${tunnelInterface(i)}`));
        lines.push(" quit");
    }
    const probe = link.routingMode === "destination" && link.tunnels.length > 1 ? (link.probeAddress ?? "<ALIBABA_PROBE_IP>") : undefined;
    lines.push(
        "security-policy ip",
        ` rule name ${base}-ike-in`,
        "  action pass",
        "  source-zone Untrust",
        "  destination-zone Local",
        ...link.tunnels.map((t) => `  source-ip-host ${t.alibabaIp}`),
        "  service-port udp destination eq 500",
        "  service-port udp destination eq 4500",
        "  service-port 50",
        "  quit",
        ` rule name ${base}-ike-out`,
        "  action pass",
        "  source-zone Local",
        "  destination-zone Untrust",
        ...link.tunnels.map((t) => `  destination-ip-host ${t.alibabaIp}`),
        ...(probe ? [`  destination-ip-host ${probe}`] : []),
        "  quit",
        ` rule name ${base}-out`,
        "  action pass",
        "  source-zone Trust",
        "  destination-zone Untrust",
        ...link.peerSubnets.map((c) => `  source-ip-subnet ${subnet(c)}`),
        ...link.alibabaSubnets.map((c) => `  destination-ip-subnet ${subnet(c)}`),
        "  quit",
        ` rule name ${base}-in`,
        "  action pass",
        "  source-zone Untrust",
        "  destination-zone Trust",
        ...link.alibabaSubnets.map((c) => `  source-ip-subnet ${subnet(c)}`),
        ...link.peerSubnets.map((c) => `  destination-ip-subnet ${subnet(c)}`),
        "  quit",
        " quit",
        "# New rules go below the existing ones: move them above any broader deny rule (rule move).",
    );
    return lines;
}

function verification(link: ResolvedLink, base: string): string[] {
    const firstNet = link.alibabaSubnets[0] ?? "<ALIBABA_NETWORK>";
    const ikev2 = link.profile.ike.version === "ikev2";
    const lines = [
        "#",
        "# ---- Verification (any view, after the paste) and what a healthy tunnel shows ----",
        ikev2
            ? `# display ikev2 sa -> one SA per Alibaba address (${link.tunnels.map((t) => t.alibabaIp).join(", ")}), Status EST`
            : `# display ike sa -> one SA per Alibaba address (${link.tunnels.map((t) => t.alibabaIp).join(", ")}), Flag RD`,
        "# display ipsec sa -> an inbound and an outbound ESP SA per tunnel, with the lifetimes of the profile",
        "# display ipsec statistics -> encrypted and decrypted packet counters increasing while traffic flows",
    ];
    if (link.routingMode === "destination") {
        lines.push(`# display interface ${tunnelInterface(0)} -> Current state: UP, Line protocol state: UP`);
        if (link.tunnels.length > 1) {
            lines.push(
                `# display nqa result admin ${base}-master -> Last succeeded probe time recent, Probe results: Receive response times 1`,
                `# display track ${TRACK_ENTRY} -> State: Positive (Negative while the master is down)`,
                `# display ip routing-table ${networkAddress(firstNet)} ${prefixLength(firstNet)} -> via ${tunnelInterface(0)}; via ${tunnelInterface(1)} only while track ${TRACK_ENTRY} is Negative`,
            );
        }
    } else {
        lines.push(`# display nat session verbose -> no session for traffic to ${link.alibabaSubnets.join(", ")} (the NAT exemption works)`);
    }
    if (isFirewall(link)) {
        lines.push(`# display security-policy statistics ip -> the ${base}-in and ${base}-out rules count packets`);
    }
    lines.push(`# ping -a ${link.probeSource ?? "<LAN_SOURCE_IP>"} <HOST_IN_${networkAddress(firstNet)}> -> replies; the first packets may be lost while the SAs come up`);
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
    lines.push(...(link.routingMode === "destination" ? destinationMode(link, base, names) : policyMode(link, base, names)));
    if (isFirewall(link)) {
        lines.push(...firewallPolicies(link, base));
    }
    lines.push(...verification(link, base), "#", "return", "");
    return lines.join("\n");
}

export const h3cComwareRenderer: PeerRenderer = {
    platform: "h3c-comware",
    title: "H3C Comware V7 CLI",
    fileName: (link) => `${link.name}.h3c-comware.txt`,
    render: renderH3cComware,
    caveats: comwareCaveats,
};

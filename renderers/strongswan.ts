// strongSwan 5.9 swanctl.conf for the peer end of a link: this host is "local", the Alibaba VPN gateway
// "remote". Every key is documented in swanctl.conf(5) (strongSwan src/swanctl/swanctl.opt).
// swanctl.conf takes one `key = value` a line; several on one line are rejected (docs/notes.md).
import { DH_GROUP_INFO, DhGroup, ENCRYPTION_INFO, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { IpsecProfile } from "../model/profile";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

/** Alibaba Cloud's own guide for this peer type (dual-tunnel strongSwan), named in the rendered header. */
export const STRONGSWAN_GUIDE = "https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/configure-strongswan";
/** Alibaba's dual-tunnel mode: both tunnels negotiate, the master carries traffic, traffic returns to it when it recovers. */
export const DUAL_TUNNEL_GUIDE = "https://www.alibabacloud.com/help/en/vpn/getting-started/establish-a-connection-between-the-vpc-and-the-on-premises-data";

/**
 * Dead-peer timing (seconds). DPD sends a probe once nothing arrived for dpd_delay. IKEv1: the SA is dead when
 * nothing arrived for dpd_timeout (queue_dpd schedules the check dpd_timeout - dpd_delay after the R_U_THERE,
 * https://github.com/strongswan/strongswan/blob/5.9.8/src/libcharon/sa/ikev1/task_manager_v1.c). IKEv2: the probe is an INFORMATIONAL retransmitted per strongswan.conf charon.retransmit_* and the SA
 * is dead after the last retransmission times out. Alibaba documents the behaviour, not the interval; the lab's
 * Alibaba side probes at the same 10 s / 30 s (lab/alibabaSide.ts).
 */
export const DPD_DELAY_SECONDS = 10;
export const DPD_TIMEOUT_IKEV1_SECONDS = 30;
/** strongswan.conf charon.retransmit_timeout / _base / _tries (defaults 4.0 / 1.8 / 5, i.e. 165 s until given up). */
export const RETRANSMIT = { timeout: 2, base: 1.5, tries: 3 } as const;

/** Seconds from sending an IKEv2 request until strongSwan gives up: sum of timeout * base^n, n = 0..tries. */
export function retransmitGiveUpSeconds(r: { timeout: number; base: number; tries: number } = RETRANSMIT): number {
    let total = 0;
    for (let n = 0; n <= r.tries; n++) {
        total += r.timeout * Math.pow(r.base, n);
    }
    return total;
}

/**
 * Upper bound (whole seconds) from the last packet of a dead peer until strongSwan deletes its SAs: IKEv1
 * dpd_delay + dpd_timeout (the probe goes out on the first DPD check after dpd_delay idle, scheduler granularity
 * 1 s); IKEv2 dpd_delay + 1 s + the retransmission give-up time.
 */
export function deadPeerBoundSeconds(version: "ikev1" | "ikev2"): number {
    return version === "ikev1" ? DPD_DELAY_SECONDS + DPD_TIMEOUT_IKEV1_SECONDS : Math.ceil(DPD_DELAY_SECONDS + 1 + retransmitGiveUpSeconds());
}

/**
 * Lifetimes as strongSwan proposes them (docs/notes.md): the hard limit is what goes on the wire, so it is set to
 * the profile's L exactly and rekeying starts a margin before it (10 %, strongSwan's own default margin).
 * IKE: rekey_time = L - m, over_time = m (IKEv1 Main Mode proposes rekey_time + over_time,
 * https://github.com/strongswan/strongswan/blob/5.9.8/src/libcharon/sa/ikev1/tasks/main_mode.c).
 * CHILD: life_time = L, rekey_time = L - m (Quick Mode proposes life_time, https://github.com/strongswan/strongswan/blob/5.9.8/src/libcharon/sa/ikev1/tasks/quick_mode.c).
 * L = 0 keeps strongSwan's "never".
 */
export function lifetimeSettings(seconds: number): { rekey: number; hard: number; margin: number } {
    if (seconds <= 0) {
        return { rekey: 0, hard: 0, margin: 0 };
    }
    const margin = Math.max(1, Math.round(seconds / 10));
    return { rekey: seconds - margin, hard: seconds, margin };
}

/** Fixed reqids of a dual-tunnel link's two CHILD_SAs (master, slave): deterministic, far above charon's dynamic ones (1, 2, ...). */
export function strongswanReqids(linkName: string): [number, number] {
    const base = 100_000 + 2 * (fnv1a(linkName) % 400_000);
    return [base, base + 1];
}

/** Policy priorities (swanctl.conf(5) children.priority: lower value wins) of the master and slave CHILD_SAs. */
export const MASTER_PRIORITY = 1000;
export const SLAVE_PRIORITY = 2000;

// strongSwan's proposal keywords (docs/notes.md): "aes" is AES-128 and must be spelled aes128.
function encryption(value: EncryptionAlgorithm): string {
    const { family, keyBits } = ENCRYPTION_INFO[value];
    return family === "aes" ? `aes${keyBits}` : family;
}
const integrity = (value: IntegrityAlgorithm): string => value; // md5, sha1, sha256, sha384, sha512: same words
const dhGroup = (value: DhGroup): string => `modp${DH_GROUP_INFO[value].modpBits}`;

/** IKE proposal enc-integ-dh; the PRF is implied by the integrity algorithm. */
export function strongswanIkeProposal(profile: IpsecProfile): string {
    const { encryption: enc, integrity: integ, dhGroup: dh } = profile.ike;
    return `${encryption(enc)}-${integrity(integ)}-${dhGroup(dh)}`;
}

/** ESP proposal; without PFS no DH group is named, so rekeying runs without a DH exchange. */
export function strongswanEspProposal(profile: IpsecProfile): string {
    const { encryption: enc, integrity: integ, pfs } = profile.ipsec;
    const base = `${encryption(enc)}-${integrity(integ)}`;
    return pfs === "disabled" ? base : `${base}-${dhGroup(pfs)}`;
}

/** Section names are settings keys: a dot would split the key path, braces/# would end it. */
function safeName(name: string): string {
    return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** `<link>-master` / `<link>-slave`, or just `<link>` for a single-tunnel (legacy) connection. */
export function strongswanConnectionName(link: ResolvedLink, tunnel: ResolvedTunnel): string {
    return link.tunnels.length === 1 ? safeName(link.name) : `${safeName(link.name)}-${tunnel.role}`;
}

/**
 * A value as swanctl.conf reads it: bare when it has no special character, otherwise a quoted string
 * in which `\` and `"` are escaped (settings_lexer.l: `\\.` inside quotes yields the character).
 */
export function value(text: string): string {
    return /^[A-Za-z0-9._:@/,%+*-]+$/.test(text) ? text : quoted(text);
}

export function quoted(text: string): string {
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * The closing `}` of the connections section and the secrets section of a swanctl.conf: one `ike-<name>` block per
 * tunnel with its two identities and its pre-shared key. Every swanctl.conf this project writes (the renderer and
 * the lab's translations of each cloud's end) ends with it.
 */
export function swanctlSecrets(entries: ReadonlyArray<{ name: string; localId: string; remoteId: string; psk: string }>): string[] {
    return [
        "}",
        "",
        "secrets {",
        ...entries.flatMap((e) => [`    ike-${e.name} {`, `        id-1 = ${value(e.localId)}`, `        id-2 = ${value(e.remoteId)}`, `        secret = ${quoted(e.psk)}`, "    }"]),
        "}",
        "",
    ];
}

function fnv1a(text: string): number {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(text, "utf8")) {
        hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return hash;
}

/** The slave tunnel's XFRM interface id on a BGP link (renderers/bgp.ts): the master's id plus 10000. */
export function bgpSlaveInterfaceId(masterId: number): number {
    return masterId + 10000;
}

/** Deterministic XFRM interface id of a destination-routing link, 1..9999, from its name (FNV-1a). */
export function xfrmInterfaceId(linkName: string): number {
    return 1 + (fnv1a(linkName) % 9999);
}

/**
 * strongSwan looks pre-shared keys up by the two IKE identities only, not by connection: two tunnels
 * with the same identity pair but different keys would authenticate one of them with the wrong key.
 */
function assertSecretsDistinguishable(link: ResolvedLink): void {
    link.tunnels.forEach((a, i) =>
        link.tunnels.slice(i + 1).forEach((b) => {
            if (a.peerId === b.peerId && a.alibabaId === b.alibabaId && a.psk !== b.psk) {
                throw new UnsupportedByPeerError(
                    "strongswan",
                    "tunnels[].psk",
                    "[secret]",
                    `tunnels ${a.role} and ${b.role} share the IKE identities ${a.peerId} / ${a.alibabaId} but have different pre-shared keys; give them one key, or distinct identities.`,
                );
            }
        }),
    );
}

function describeProfile(link: ResolvedLink): string[] {
    const p = link.profile;
    const lines = [
        `# Profile: ${p.ike.version} ${p.ike.version === "ikev1" ? `${p.ike.mode} mode, ` : ""}IKE ${p.ike.encryption}/${p.ike.integrity}/${p.ike.dhGroup} ${p.ike.lifetimeSeconds}s; ` +
            `IPsec ${p.ipsec.encryption}/${p.ipsec.integrity} PFS ${p.ipsec.pfs} ${p.ipsec.lifetimeSeconds}s; ` +
            `DPD ${p.dpd ? "on" : "off"}; NAT-T ${p.natTraversal ? "on" : "off"}; routing ${link.routingMode}.`,
    ];
    if (p.weakCryptoOptIn) {
        lines.push(`# Weak algorithms accepted on purpose: ${p.weakCryptoOptIn.reason}`);
    }
    return lines;
}

/** Markers of the strongswan.conf block inside the rendered file (lab/strongswan.ts extracts it for the lab's instance). */
export const STRONGSWAN_CONF_BEGIN = "# ----- BEGIN strongswan.conf: /etc/strongswan.d/alicloud-vpn.conf -----";
export const STRONGSWAN_CONF_END = "# ----- END strongswan.conf -----";

/** "192.168.10.0/24 -> 172.16.0.0/16" pairs for the NAT exemption and MSS rules (every LAN block to every Alibaba block). */
function subnetPairs(link: ResolvedLink): Array<[string, string]> {
    return link.peerSubnets.flatMap((local) => link.alibabaSubnets.map((remote): [string, string] => [local, remote]));
}

/** The Linux side of a working tunnel: forwarding, NAT exemption, MSS clamping (as commands, commented out). */
export function linuxSetupLines(link: ResolvedLink): string[] {
    const pairs = subnetPairs(link);
    return [
        "# ===== Setup on this host (as root, once) =====",
        "# 1. Forward between the LAN and the tunnel:",
        "#      sysctl -w net.ipv4.ip_forward=1",
        "#      echo net.ipv4.ip_forward=1 > /etc/sysctl.d/90-alicloud-vpn.conf",
        "# 2. NAT exemption: LAN traffic to Alibaba must keep its LAN source address (a MASQUERADE/SNAT rule would rewrite it",
        "#    and the IPsec policy would no longer match). iptables:",
        ...pairs.map(([a, b]) => `#      iptables -t nat -I POSTROUTING -s ${a} -d ${b} -j ACCEPT`),
        "#    or nftables (TABLE/CHAIN: your existing nat table and its postrouting chain, so the rule comes before masquerade):",
        ...pairs.map(([a, b]) => `#      nft insert rule ip TABLE CHAIN ip saddr ${a} ip daddr ${b} accept`),
        "# 3. MSS clamping: the Alibaba VPN gateway's MTU is 1400 bytes, so TCP segments carry at most 1400 - 40 = 1360 bytes:",
        ...pairs.flatMap(([a, b]) => [
            `#      iptables -t mangle -A FORWARD -s ${a} -d ${b} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1360`,
            `#      iptables -t mangle -A FORWARD -s ${b} -d ${a} -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1360`,
        ]),
        "#    or nftables:",
        "#      nft add table inet alicloud_vpn",
        "#      nft add chain inet alicloud_vpn forward '{ type filter hook forward priority mangle; }'",
        ...pairs.flatMap(([a, b]) => [
            `#      nft 'add rule inet alicloud_vpn forward ip saddr ${a} ip daddr ${b} tcp flags & (syn|rst) == syn tcp option maxseg size set 1360'`,
            `#      nft 'add rule inet alicloud_vpn forward ip saddr ${b} ip daddr ${a} tcp flags & (syn|rst) == syn tcp option maxseg size set 1360'`,
        ]),
    ];
}

/** Markers of the peer's translation ruleset (nftables) inside the rendered file; the lab loads it with `nft -f`. */
export const TRANSLATION_NFT_BEGIN = "# ----- BEGIN nftables: /etc/nftables.d/alicloud-vpn-translation.nft -----";
export const TRANSLATION_NFT_END = "# ----- END nftables -----";

/**
 * Overlapping networks: this side of the translation. With a peerMap the peer maps its network 1:1 (nftables prefix
 * NAT, the NETMAP of iptables) onto the translated block: sources on the way into the tunnel, destinations on the way
 * out. Without one Alibaba's VPC NAT gateway does all of it and this host translates nothing; it only reaches the VPC
 * by its translated block (alibabaSubnets).
 */
export function translationLines(link: ResolvedLink): string[] {
    const t = link.translation;
    if (!t) {
        return [];
    }
    const head = [
        "# ===== Overlapping networks: translation =====",
        `# Alibaba's side: a VPC NAT gateway presents the VPC's ${t.alibabaReal} as ${t.alibabaBlock} (SNAT for its outbound`,
        "#   traffic, one DNAT entry per VPC host you may reach). Reach those hosts by their addresses in that block.",
        `# This side: ${t.peerReason}`,
    ];
    if (t.peerMap.length === 0) {
        return [...head, "# Nothing to configure here: the tunnel's selectors above already carry your real networks."];
    }
    const table = "alicloud_vpn_translation";
    return [
        ...head,
        "# Load the ruleset below once (nft -f FILE with the lines between the markers, uncommented), and at boot",
        "# (include it from /etc/nftables.conf). It only touches traffic between the translated blocks: IKE and ESP are untouched.",
        TRANSLATION_NFT_BEGIN,
        `# table ip ${table} {`,
        "#     chain postrouting {",
        "#         type nat hook postrouting priority srcnat; policy accept;",
        ...t.peerMap.map((m) => `#         ip saddr ${m.real} ip daddr ${t.alibabaBlock} snat ip prefix to ip saddr map { ${m.real} : ${m.translated} }`),
        "#     }",
        "#     chain prerouting {",
        "#         type nat hook prerouting priority dstnat; policy accept;",
        ...t.peerMap.map((m) => `#         ip saddr ${t.alibabaBlock} ip daddr ${m.translated} dnat ip prefix to ip daddr map { ${m.translated} : ${m.real} }`),
        "#     }",
        "# }",
        TRANSLATION_NFT_END,
        "# or iptables:",
        ...t.peerMap.flatMap((m) => [
            `#      iptables -t nat -A POSTROUTING -s ${m.real} -d ${t.alibabaBlock} -j NETMAP --to ${m.translated}`,
            `#      iptables -t nat -A PREROUTING -s ${t.alibabaBlock} -d ${m.translated} -j NETMAP --to ${m.real}`,
        ]),
    ];
}

export function renderStrongswan(link: ResolvedLink): string {
    const { profile } = link;
    const selectors = trafficSelectors(link);
    // swanctl.conf(5) local_ts: "Unless the Unity extension is used, IKEv1 supports the first specified selector only."
    if (profile.ike.version === "ikev1" && (selectors.peer.length > 1 || selectors.alibaba.length > 1)) {
        throw new UnsupportedByPeerError("strongswan", "profile.ike.version", "ikev1", "IKEv1 carries one pair of traffic selectors; use ikev2 for several subnets.");
    }
    assertSecretsDistinguishable(link);

    const ikev1 = profile.ike.version === "ikev1";
    const destination = link.routingMode === "destination";
    const dual = link.tunnels.length > 1;
    const ifId = xfrmInterfaceId(link.name);
    const reqids = strongswanReqids(link.name);
    const ike = lifetimeSettings(profile.ike.lifetimeSeconds);
    const esp = lifetimeSettings(profile.ipsec.lifetimeSeconds);
    const bound = deadPeerBoundSeconds(profile.ike.version);
    const names = link.tunnels.map((t) => strongswanConnectionName(link, t));
    const [master, slave] = names;
    const giveUp = retransmitGiveUpSeconds();
    const out: string[] = [
        `# strongSwan swanctl.conf for link "${link.name}", Alibaba Cloud VPN connection ${link.connectionId}.`,
        `# This host (${link.peerPublicIp}) is local; the Alibaba VPN gateway is remote (${link.tunnels.length} tunnel${dual ? "s" : ""}).`,
        "# For strongSwan 5.9 (swanctl; Debian 12 ships 5.9.8) on Linux with the kernel's XFRM IPsec (kernel-netlink), per",
        `# Alibaba Cloud's guide "Configure strongSwan": ${STRONGSWAN_GUIDE}`,
        ...(dual ? [`# and its dual-tunnel mode (master carries the traffic, slave on standby, back to master on recovery): ${DUAL_TUNNEL_GUIDE}`] : []),
        "# Generated by alicloud-vpn renderers/strongswan.ts from the link's IPsec profile; re-render instead of editing.",
        `# Install as /etc/swanctl/conf.d/${safeName(link.name)}.conf (mode 600: it holds the pre-shared keys), then run: swanctl --load-all`,
        ...describeProfile(link),
        "#",
        `# Lifetimes proposed on the wire equal the profile: IKE ${profile.ike.lifetimeSeconds}s (rekey_time + over_time), ` +
            `CHILD_SA ${profile.ipsec.lifetimeSeconds}s (life_time); rekeying starts before (rekey_time, minus up to the same margin at random).`,
    ];
    if (profile.dpd) {
        out.push(
            `# Dead peer: probe after ${DPD_DELAY_SECONDS} s without traffic (dpd_delay); ` +
                (ikev1
                    ? `dead after ${DPD_TIMEOUT_IKEV1_SECONDS} s without an answer (IKEv1 dpd_timeout; strongSwan's default is 150 s).`
                    : `dead when the probe's retransmissions (strongswan.conf block below) give up after ${giveUp} s (strongSwan's defaults: 165 s).`),
            `# So a dead tunnel is abandoned at most ${bound} s after its last packet (${ikev1 ? `${DPD_DELAY_SECONDS} + ${DPD_TIMEOUT_IKEV1_SECONDS}` : `${DPD_DELAY_SECONDS} + 1 + ${giveUp}`} s), then renegotiated (dpd_action = restart).`,
        );
    } else {
        out.push("# DPD is off in the profile (as at Alibaba): a dead tunnel is only noticed at the next rekey.");
    }
    if (dual) {
        out.push(
            "# Failover: Alibaba negotiates both tunnels and sends through the master while it is up. Here both are started and",
            `# kept up too; their CHILD_SAs have their own reqids (${reqids[0]}, ${reqids[1]}: the kernel keeps both SAs) and fixed`,
            `# policy priorities (lower wins): XFRM sends through ${master} (priority ${MASTER_PRIORITY}) while it is installed, through`,
            `# ${slave} (priority ${SLAVE_PRIORITY}) once DPD deleted the master, and through the master again as soon as it is re-established.`,
            "# Inbound, XFRM accepts only the SA of the installed policy's reqid: ESP arriving on the slave while the master is",
            "# installed here is dropped. Alibaba uses the slave only when its master is down, and DPD removes the master here within",
            "# the bound above. (strongSwan's userspace kernel-libipsec ignores fixed priorities: it sends through the newest SA.)",
        );
    }
    if (destination) {
        // Route-based: 0.0.0.0/0 policies bound to an XFRM interface (if_id_in/if_id_out, strongSwan >= 5.8)
        // catch only what is routed into that interface; without the id they would capture all host traffic.
        out.push(
            `# Destination routing: create the XFRM interface and route the Alibaba networks into it (both tunnels share it;`,
            "# the priorities above choose the tunnel):",
            `#   ip link add xfrm${ifId} type xfrm dev eth0 if_id ${ifId}   (eth0: this host's WAN interface)`,
            `#   ip link set xfrm${ifId} up`,
            ...link.alibabaSubnets.map((cidr) => `#   ip route add ${cidr} dev xfrm${ifId}`),
        );
    }
    if (!profile.natTraversal) {
        out.push(
            "# Alibaba has NAT traversal off: no NAT may sit between this host and the gateway.",
            "# strongSwan cannot switch NAT detection off per connection; encap = no only stops forcing UDP encapsulation.",
        );
    }
    out.push(
        "#",
        ...translationLines(link),
        ...(link.translation ? ["#"] : []),
        ...linuxSetupLines(link),
        "# 4. IKE retransmission timing for every connection of this host (IKEv2 DPD gives up after these): write this block",
        "#    without the leading '# ' to the file it names, then: systemctl restart strongswan",
        STRONGSWAN_CONF_BEGIN,
        "# charon {",
        `#     retransmit_timeout = ${RETRANSMIT.timeout}`,
        `#     retransmit_base = ${RETRANSMIT.base}`,
        `#     retransmit_tries = ${RETRANSMIT.tries}`,
        "# }",
        STRONGSWAN_CONF_END,
        "#",
        "# ===== Verify =====",
        "#   swanctl --list-sas",
        ...names.map(
            (name, i) =>
                `#     healthy: "${name}: #N, ESTABLISHED, IKEv${ikev1 ? 1 : 2}" with child "${name}: #M, ${dual ? `reqid ${reqids[i]}, ` : ""}INSTALLED, TUNNEL` +
                `${profile.natTraversal ? " (TUNNEL-in-UDP behind NAT)" : ""}, ESP:..."${dual ? (i === 0 ? ", its packet counters rising with traffic" : ", counters idle (standby)") : ""}`,
        ),
        `#     a CHILD_SA "expires in" at most ${profile.ipsec.lifetimeSeconds}s; an IKE SA "rekeying in" (or "reauth in") less than ${profile.ike.lifetimeSeconds}s`,
        ...(dual ? [`#   ip xfrm policy   (the out policy ${selectors.peer[0]} -> ${selectors.alibaba[0]}: priority ${MASTER_PRIORITY}, reqid ${reqids[0]} = the master)`] : []),
        `#   ping -I <a LAN address of this host> <a host in ${link.alibabaSubnets[0]}>   (from a LAN address, so the policy matches)`,
        "#   swanctl --log   (live log; a dead tunnel shows \"DPD check timed out\" or \"giving up after N retransmits\")",
        "",
        "connections {",
    );

    link.tunnels.forEach((tunnel, index) => {
        const name = names[index];
        out.push(
            `    ${name} {`,
            `        # Alibaba tunnel ${tunnel.role}: gateway ${tunnel.alibabaIp}. local_addrs stays %any (${link.peerPublicIp} may be a NAT address).`,
            `        version = ${ikev1 ? 1 : 2}`,
        );
        if (ikev1) {
            out.push(`        aggressive = ${profile.ike.mode === "aggressive" ? "yes" : "no"}`);
        }
        out.push(
            `        remote_addrs = ${value(tunnel.alibabaIp)}`,
            `        proposals = ${strongswanIkeProposal(profile)}`,
            // IKEv1 has no IKE rekeying: strongSwan re-authenticates at rekey_time instead (swanctl.conf(5)).
            `        rekey_time = ${ike.rekey}s`,
            `        over_time = ${ike.margin}s`,
            "        # retry the initial negotiation until it succeeds",
            "        keyingtries = 0",
        );
        if (profile.dpd) {
            out.push(`        dpd_delay = ${DPD_DELAY_SECONDS}s`);
            if (ikev1) {
                out.push(`        dpd_timeout = ${DPD_TIMEOUT_IKEV1_SECONDS}s`);
            }
        }
        out.push(
            "        # NAT-T: automatic detection; yes would force UDP encapsulation",
            "        encap = no",
            "        local {",
            "            auth = psk",
            `            id = ${value(tunnel.peerId)}`,
            "        }",
            "        remote {",
            "            auth = psk",
            `            id = ${value(tunnel.alibabaId)}`,
            "        }",
            "        children {",
            `            ${name} {`,
            `                local_ts = ${selectors.peer.join(",")}`,
            `                remote_ts = ${selectors.alibaba.join(",")}`,
            `                esp_proposals = ${strongswanEspProposal(profile)}`,
            `                life_time = ${esp.hard}s`,
            `                rekey_time = ${esp.rekey}s`,
        );
        if (dual) {
            out.push(`                reqid = ${reqids[index]}`, `                priority = ${index === 0 ? MASTER_PRIORITY : SLAVE_PRIORITY}`);
        }
        if (destination) {
            // With BGP each tunnel's session must leave through its own tunnel: the slave gets an interface of its own.
            const childIfId = link.bgp && index > 0 ? bgpSlaveInterfaceId(ifId) : ifId;
            out.push(`                if_id_in = ${childIfId}`, `                if_id_out = ${childIfId}`);
        }
        if (profile.dpd) {
            out.push("                dpd_action = restart");
        }
        out.push("                start_action = start", "            }", "        }", "    }");
    });
    out.push(
        ...swanctlSecrets(
            link.tunnels.map((tunnel) => ({ name: strongswanConnectionName(link, tunnel), localId: tunnel.peerId, remoteId: tunnel.alibabaId, psk: tunnel.psk })),
        ),
    );
    return out.join("\n");
}

export const strongswanRenderer: PeerRenderer = {
    platform: "strongswan",
    title: "strongSwan swanctl.conf",
    fileName: (link) => `${link.name}.swanctl.conf`,
    render: renderStrongswan,
};

// strongSwan 5.9 swanctl.conf for the peer end of a link: this host is "local", the Alibaba VPN gateway
// "remote". Every key is documented in swanctl.conf(5) (strongSwan src/swanctl/swanctl.opt).
// swanctl.conf takes one `key = value` a line; several on one line are rejected (shared/notes/facts.md).
import { DH_GROUP_INFO, DhGroup, ENCRYPTION_INFO, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { IpsecProfile } from "../model/profile";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

/** DPD interval when the profile enables DPD (Alibaba probes at a similar rate). */
const DPD_DELAY = "30s";

// strongSwan's proposal keywords (shared/notes/facts.md): "aes" is AES-128 and must be spelled aes128.
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
function value(text: string): string {
    return /^[A-Za-z0-9._:@/,%+*-]+$/.test(text) ? text : quoted(text);
}

function quoted(text: string): string {
    return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Deterministic XFRM interface id of a destination-routing link, 1..9999, from its name (FNV-1a). */
export function xfrmInterfaceId(linkName: string): number {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(linkName, "utf8")) {
        hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return 1 + (hash % 9999);
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

export function renderStrongswan(link: ResolvedLink): string {
    const { profile } = link;
    const selectors = trafficSelectors(link);
    // swanctl.conf(5) local_ts: "Unless the Unity extension is used, IKEv1 supports the first specified selector only."
    if (profile.ike.version === "ikev1" && (selectors.peer.length > 1 || selectors.alibaba.length > 1)) {
        throw new UnsupportedByPeerError("strongswan", "profile.ike.version", "ikev1", "IKEv1 carries one pair of traffic selectors; use ikev2 for several subnets.");
    }
    assertSecretsDistinguishable(link);

    const destination = link.routingMode === "destination";
    const ifId = xfrmInterfaceId(link.name);
    const master = strongswanConnectionName(link, link.tunnels[0]);
    const out: string[] = [
        `# strongSwan swanctl.conf for link "${link.name}", Alibaba Cloud VPN connection ${link.connectionId}.`,
        `# This host (${link.peerPublicIp}) is local; the Alibaba VPN gateway is remote (${link.tunnels.length} tunnel${link.tunnels.length === 1 ? "" : "s"}).`,
        "# Generated by alicloud-vpn renderers/strongswan.ts from the link's IPsec profile; re-render instead of editing.",
        `# Install as /etc/swanctl/conf.d/${safeName(link.name)}.conf (mode 600: it holds the pre-shared keys), then run: swanctl --load-all`,
        ...describeProfile(link),
    ];
    if (destination) {
        // Route-based: 0.0.0.0/0 policies bound to an XFRM interface (if_id_in/if_id_out, strongSwan >= 5.8)
        // catch only what is routed into that interface; without the id they would capture all host traffic.
        out.push(
            `# Destination routing: create the XFRM interface and route the Alibaba networks into it:`,
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
    out.push("", "connections {");

    for (const tunnel of link.tunnels) {
        const name = strongswanConnectionName(link, tunnel);
        const standby = name !== master;
        out.push(
            `    ${name} {`,
            `        # Alibaba tunnel ${tunnel.role}: gateway ${tunnel.alibabaIp}. local_addrs stays %any (${link.peerPublicIp} may be a NAT address).`,
            `        version = ${profile.ike.version === "ikev1" ? 1 : 2}`,
        );
        if (profile.ike.version === "ikev1") {
            out.push(`        aggressive = ${profile.ike.mode === "aggressive" ? "yes" : "no"}`);
        }
        out.push(
            `        remote_addrs = ${value(tunnel.alibabaIp)}`,
            `        proposals = ${strongswanIkeProposal(profile)}`,
            // IKEv1 has no IKE rekeying: strongSwan re-authenticates at rekey_time instead (swanctl.conf(5)).
            `        rekey_time = ${profile.ike.lifetimeSeconds}s`,
            "        # retry the initial negotiation until it succeeds",
            "        keyingtries = 0",
        );
        if (profile.dpd) {
            out.push(`        dpd_delay = ${DPD_DELAY}`);
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
            `                rekey_time = ${profile.ipsec.lifetimeSeconds}s`,
        );
        if (destination) {
            out.push(`                if_id_in = ${ifId}`, `                if_id_out = ${ifId}`);
        }
        if (profile.dpd) {
            out.push("                dpd_action = restart");
        }
        if (standby) {
            out.push(
                `                # Standby: same traffic selectors as ${master}, so only one can be up. Switch with: swanctl --terminate --child ${master}; swanctl --initiate --child ${name}`,
                "                start_action = none",
            );
        } else {
            out.push("                start_action = start");
        }
        out.push("            }", "        }", "    }");
    }
    out.push("}", "", "secrets {");
    for (const tunnel of link.tunnels) {
        out.push(
            `    ike-${strongswanConnectionName(link, tunnel)} {`,
            `        id-1 = ${value(tunnel.peerId)}`,
            `        id-2 = ${value(tunnel.alibabaId)}`,
            `        secret = ${quoted(tunnel.psk)}`,
            "    }",
        );
    }
    out.push("}", "");
    return out.join("\n");
}

export const strongswanRenderer: PeerRenderer = {
    platform: "strongswan",
    title: "strongSwan swanctl.conf",
    fileName: (link) => `${link.name}.swanctl.conf`,
    render: renderStrongswan,
};

// libreswan 4.x (Debian 12 ships 4.10) ipsec.conf conn sections plus the matching ipsec.secrets lines for
// the peer end of a link: this host is "left", the Alibaba VPN gateway "right". Keywords per ipsec.conf(5)
// of libreswan 4.x (configs/d.ipsec.conf/*.xml in the libreswan sources).
import { DH_GROUP_INFO, DhGroup, ENCRYPTION_INFO, EncryptionAlgorithm, IntegrityAlgorithm } from "../model/alibaba";
import { isIpv4Address } from "../model/cidr";
import { IpsecProfile } from "../model/profile";
import { ResolvedLink, ResolvedTunnel, trafficSelectors } from "../model/link";
import { DUAL_TUNNEL_GUIDE, STRONGSWAN_GUIDE, linuxSetupLines } from "./strongswan";
import { PeerRenderer, UnsupportedByPeerError } from "./types";

/**
 * Dead-peer timing, seconds: a probe after DPD_DELAY without traffic; IKEv1 declares the peer dead after
 * dpdtimeout; IKEv2 ignores dpdtimeout and gives a probe up after retransmit-timeout (ipsec.conf(5) of
 * libreswan 4.x). Same bound as the strongSwan rendering (renderers/strongswan.ts, 10 s / 30 s).
 */
export const LIBRESWAN_DPD_DELAY = 10;
export const LIBRESWAN_DPD_TIMEOUT_IKEV1 = 30;
export const LIBRESWAN_RETRANSMIT_TIMEOUT_IKEV2 = 20;

/** Upper bound from a dead peer's last packet until pluto abandons the tunnel (delay + timeout). */
export function libreswanDeadPeerBoundSeconds(version: "ikev1" | "ikev2"): number {
    return LIBRESWAN_DPD_DELAY + (version === "ikev1" ? LIBRESWAN_DPD_TIMEOUT_IKEV1 : LIBRESWAN_RETRANSMIT_TIMEOUT_IKEV2);
}

// libreswan's algorithm names (ike= / esp=, ipsec_algparse): aes128|aes192|aes256|3des, sha2_256 etc.
function encryption(value: EncryptionAlgorithm, field: string): string {
    if (value === "des") {
        // Single DES was removed in libreswan 3.3 (CHANGES: "Removal of USE_WEAKSTUFF and USE_NOCRYPTO (1DES, modp768)").
        throw new UnsupportedByPeerError("libreswan", field, value, "libreswan has no single DES; use aes256 on both ends.");
    }
    const { family, keyBits } = ENCRYPTION_INFO[value];
    return family === "aes" ? `aes${keyBits}` : family;
}

const INTEGRITY: Record<IntegrityAlgorithm, string> = {
    md5: "md5",
    sha1: "sha1",
    sha256: "sha2_256",
    sha384: "sha2_384",
    sha512: "sha2_512",
};

function dhGroup(value: DhGroup, field: string): string {
    // ipsec.conf(5) ike=: "1DES and modp768(DH1) have been removed and modp1024(DH2) has been disabled at
    // compile time" (USE_DH2=false by default since 4.0; Debian's debian/rules does not turn it back on).
    if (value === "group1" || value === "group2") {
        throw new UnsupportedByPeerError(
            "libreswan",
            field,
            value,
            `libreswan 4.x is built without modp${DH_GROUP_INFO[value].modpBits}; use group14 on both ends, or the strongSwan renderer.`,
        );
    }
    return `modp${DH_GROUP_INFO[value].modpBits}`;
}

/** ike= proposal enc-integ-dh (libreswan always uses the integrity algorithm as PRF). */
export function libreswanIkeProposal(profile: IpsecProfile): string {
    const { encryption: enc, integrity: integ, dhGroup: dh } = profile.ike;
    return `${encryption(enc, "profile.ike.encryption")}-${INTEGRITY[integ]}-${dhGroup(dh, "profile.ike.dhGroup")}`;
}

/** esp= proposal; the DH group is named explicitly when PFS is on (it may differ from the IKE group). */
export function libreswanEspProposal(profile: IpsecProfile): string {
    const { encryption: enc, integrity: integ, pfs } = profile.ipsec;
    const base = `${encryption(enc, "profile.ipsec.encryption")}-${INTEGRITY[integ]}`;
    return pfs === "disabled" ? base : `${base}-${dhGroup(pfs, "profile.ipsec.pfs")}`;
}

/** Conn names: `/` is taken by the leftsubnets= expansion (name/1x2), keep to a safe alphabet. */
function safeName(name: string): string {
    return name.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** `<link>-master` / `<link>-slave`, or just `<link>` for a single-tunnel (legacy) connection. */
export function libreswanConnectionName(link: ResolvedLink, tunnel: ResolvedTunnel): string {
    return link.tunnels.length === 1 ? safeName(link.name) : `${safeName(link.name)}-${tunnel.role}`;
}

/** An IKE identity as libreswan spells it: addresses as they are, names with `@` so they are not resolved via DNS. */
function ikeId(id: string): string {
    return isIpv4Address(id) || id.includes("@") ? id : `@${id}`;
}

/** ipsec.secrets(5): a quoted PSK cannot contain a double quote or newline; fall back to the 0s (base64) form. */
function pskValue(psk: string): string {
    return /["\r\n]/.test(psk) ? `0s${Buffer.from(psk, "utf8").toString("base64")}` : `"${psk}"`;
}

/** Same id as renderers/strongswan.ts: a link keeps its XFRM interface number on either peer type. */
function xfrmInterfaceId(linkName: string): number {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from(linkName, "utf8")) {
        hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return 1 + (hash % 9999);
}

/** leftsubnet= for one block, leftsubnets={a b} for several (each pair becomes its own child SA). */
function subnets(side: "left" | "right", blocks: string[]): string {
    return blocks.length === 1 ? `${side}subnet=${blocks[0]}` : `${side}subnets={${blocks.join(" ")}}`;
}

export function renderLibreswan(link: ResolvedLink): string {
    const { profile } = link;
    const ikev1 = profile.ike.version === "ikev1";
    const ike = libreswanIkeProposal(profile);
    const esp = libreswanEspProposal(profile);
    const selectors = trafficSelectors(link);
    // ipsec.secrets is matched by the identity pair only: equal pairs with different keys cannot both work.
    link.tunnels.forEach((a, i) =>
        link.tunnels.slice(i + 1).forEach((b) => {
            if (a.peerId === b.peerId && a.alibabaId === b.alibabaId && a.psk !== b.psk) {
                throw new UnsupportedByPeerError(
                    "libreswan",
                    "tunnels[].psk",
                    "[secret]",
                    `tunnels ${a.role} and ${b.role} share the IKE identities ${a.peerId} / ${a.alibabaId} but have different pre-shared keys; give them one key, or distinct identities.`,
                );
            }
        }),
    );

    const destination = link.routingMode === "destination";
    const ifId = xfrmInterfaceId(link.name);
    const master = libreswanConnectionName(link, link.tunnels[0]);
    const p = profile;
    const out: string[] = [
        `# libreswan configuration for link "${link.name}", Alibaba Cloud VPN connection ${link.connectionId}.`,
        `# This host (${link.peerPublicIp}) is left; the Alibaba VPN gateway is right (${link.tunnels.length} tunnel${link.tunnels.length === 1 ? "" : "s"}).`,
        "# For libreswan 4.x (Debian 12 ships 4.10; 5.x still reads these keywords) on Linux with the kernel's XFRM IPsec.",
        "# Alibaba Cloud publishes no libreswan guide; the parameters follow its Linux guide \"Configure strongSwan\":",
        `#   ${STRONGSWAN_GUIDE}`,
        "# Generated by alicloud-vpn renderers/libreswan.ts from the link's IPsec profile; re-render instead of editing.",
        `# Profile: ${p.ike.version} ${ikev1 ? `${p.ike.mode} mode, ` : ""}IKE ${p.ike.encryption}/${p.ike.integrity}/${p.ike.dhGroup} ${p.ike.lifetimeSeconds}s; ` +
            `IPsec ${p.ipsec.encryption}/${p.ipsec.integrity} PFS ${p.ipsec.pfs} ${p.ipsec.lifetimeSeconds}s; ` +
            `DPD ${p.dpd ? "on" : "off"}; NAT-T ${p.natTraversal ? "on" : "off"}; routing ${link.routingMode}.`,
        ...(p.weakCryptoOptIn ? [`# Weak algorithms accepted on purpose: ${p.weakCryptoOptIn.reason}`] : []),
        "# Two files: part 1 is ipsec.conf syntax, part 2 is ipsec.secrets syntax. Then run: ipsec restart",
        `# Lifetimes proposed equal the profile: ikelifetime ${p.ike.lifetimeSeconds}s, salifetime ${p.ipsec.lifetimeSeconds}s (libreswan rekeys before, by rekeymargin).`,
    ];
    if (p.dpd) {
        out.push(
            `# Dead peer: probe after ${LIBRESWAN_DPD_DELAY} s without traffic (dpddelay); ` +
                (ikev1
                    ? `dead after ${LIBRESWAN_DPD_TIMEOUT_IKEV1} s without an answer (IKEv1 dpdtimeout).`
                    : `dead when the probe is not answered within ${LIBRESWAN_RETRANSMIT_TIMEOUT_IKEV2} s (IKEv2: retransmit-timeout; dpdtimeout is IKEv1 only).`),
            `# So a dead tunnel is abandoned at most ${libreswanDeadPeerBoundSeconds(p.ike.version)} s after its last packet, then renegotiated (dpdaction=restart).`,
        );
    }
    if (link.tunnels.length > 1) {
        out.push(
            `# Dual tunnel (${DUAL_TUNNEL_GUIDE}):`,
            "# Alibaba negotiates both tunnels and sends through the master. libreswan routes one selector pair through one",
            "# connection at a time, and this rendering does NOT fail over by itself (not proven here: this project's lab cannot",
            "# run libreswan's data path). The master starts; the slave is loaded as a standby, answered when Alibaba initiates it.",
            `# When the master is dead (DPD above), move the traffic: ipsec auto --down ${master}; ipsec auto --up ${libreswanConnectionName(link, link.tunnels[1])}`,
            "# and back when it recovers. For automatic master/slave failover both ways use the strongSwan rendering.",
        );
    }
    if (ikev1) {
        // Debian patches libreswan (>= 4.5-2, debian/NEWS) to drop IKEv1 unless the global policy allows it.
        out.push("# IKEv1 on Debian/Ubuntu: add ikev1-policy=accept under 'config setup' in /etc/ipsec.conf, or pluto drops IKEv1.");
    }
    if (destination) {
        // ipsec-interface (XFRMi, libreswan >= 3.30): with leftsubnet equal to rightsubnet the routes are not added for you.
        out.push(
            `# Destination routing: both conns use the XFRM interface ipsec${ifId}; route the Alibaba networks into it:`,
            ...link.alibabaSubnets.map((cidr) => `#   ip route add ${cidr} dev ipsec${ifId}`),
        );
    }

    out.push(
        "#",
        ...linuxSetupLines(link),
        "# ===== Verify =====",
        `#   ipsec status          healthy: "${master}" has an established IKE SA and an established IPsec SA; "Total IPsec connections: ... active 1"`,
        '#   journalctl -u ipsec   "IPsec SA established tunnel mode" with the esp= algorithms (e.g. ESP/NAT-T ... AES_CBC_256-HMAC_SHA2_256_128)',
        "#   ipsec trafficstatus   (inBytes/outBytes of the master rising while traffic flows)",
        `#   ping -I <a LAN address of this host> <a host in ${link.alibabaSubnets[0]}>`,
    );
    out.push("", `# ===== Part 1: /etc/ipsec.d/${safeName(link.name)}.conf (ipsec.conf) =====`);
    for (const tunnel of link.tunnels) {
        const name = libreswanConnectionName(link, tunnel);
        out.push(
            "",
            `conn ${name}`,
            `    # Alibaba tunnel ${tunnel.role}: gateway ${tunnel.alibabaIp}. left=%defaultroute: ${link.peerPublicIp} may be a NAT address.`,
            "    authby=secret",
            // libreswan 4.x spells the version ikev2=no|yes; 5.0 renamed it keyexchange= and still accepts ikev2= with a warning.
            `    ikev2=${ikev1 ? "no" : "yes"}`,
        );
        if (ikev1) {
            out.push(`    aggressive=${p.ike.mode === "aggressive" ? "yes" : "no"}`);
        }
        out.push(
            "    left=%defaultroute",
            `    leftid=${ikeId(tunnel.peerId)}`,
            `    ${subnets("left", selectors.peer)}`,
            `    right=${tunnel.alibabaIp}`,
            `    rightid=${ikeId(tunnel.alibabaId)}`,
            `    ${subnets("right", selectors.alibaba)}`,
            `    ike=${ike}`,
            `    esp=${esp}`,
            `    pfs=${p.ipsec.pfs === "disabled" ? "no" : "yes"}`,
            `    ikelifetime=${p.ike.lifetimeSeconds}s`,
            `    salifetime=${p.ipsec.lifetimeSeconds}s`,
        );
        if (p.dpd) {
            out.push(`    dpddelay=${LIBRESWAN_DPD_DELAY}`);
            if (ikev1) {
                // dpdtimeout= is IKEv1 only; IKEv2 liveness uses the retransmit timeout (ipsec.conf(5)).
                out.push(`    dpdtimeout=${LIBRESWAN_DPD_TIMEOUT_IKEV1}`);
            } else {
                out.push(`    retransmit-timeout=${LIBRESWAN_RETRANSMIT_TIMEOUT_IKEV2}s`);
            }
            out.push("    dpdaction=restart");
        }
        // encapsulation=no ignores NAT detection and sends plain ESP, as Alibaba does with NAT-T off.
        out.push(`    encapsulation=${p.natTraversal ? "auto" : "no"}`);
        if (destination) {
            out.push(`    ipsec-interface=${ifId}`);
        }
        if (name === master) {
            out.push("    auto=start");
        } else {
            out.push(`    # Standby (see the header): switch with ipsec auto --down ${master}; ipsec auto --up ${name}`, "    auto=add");
        }
    }

    out.push("", `# ===== Part 2: /etc/ipsec.d/${safeName(link.name)}.secrets (ipsec.secrets, mode 600) =====`);
    for (const tunnel of link.tunnels) {
        out.push(`${ikeId(tunnel.peerId)} ${ikeId(tunnel.alibabaId)} : PSK ${pskValue(tunnel.psk)}`);
    }
    out.push("");
    return out.join("\n");
}

export const libreswanRenderer: PeerRenderer = {
    platform: "libreswan",
    title: "libreswan ipsec.conf + ipsec.secrets",
    fileName: (link) => `${link.name}.libreswan.conf`,
    render: renderLibreswan,
};

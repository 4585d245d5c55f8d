// A site-to-site link: an Alibaba VPN gateway on one end, a peer device (on-premises router,
// another cloud's VM, another Alibaba gateway) on the other, one profile for both.
import {
    MAX_CONNECTION_SUBNETS,
    PSK_MAX_LENGTH,
    PSK_MIN_LENGTH,
    PSK_PATTERN,
    RESERVED_ROUTE_BLOCK,
    TunnelRole,
} from "./alibaba";
import { cidrSyntaxError, hasHostBits, isIpv4Address, overlaps, parseCidr } from "./cidr";
import { Finding } from "./findings";
import { IpsecProfile, IpsecProfileInput, resolveProfile } from "./profile";

/** The peer devices and daemons whose configuration is rendered from the link. */
export const PeerPlatform = {
    Strongswan: "strongswan",
    Libreswan: "libreswan",
    H3cComware: "h3c-comware",
    H3cEr: "h3c-er",
    CiscoIos: "cisco-ios",
    HuaweiVrp: "huawei-vrp",
} as const;
export type PeerPlatform = (typeof PeerPlatform)[keyof typeof PeerPlatform];
export const PEER_PLATFORMS = Object.values(PeerPlatform) as [PeerPlatform, ...PeerPlatform[]];

/** How the two ends select traffic. */
export const RoutingMode = {
    /** Protected data flows: the connection's local/remote subnets are the traffic selectors (policy-based). */
    Policy: "policy",
    /** Destination routing: 0.0.0.0/0 selectors on both sides, routes decide (route-based, VTI on the peer). */
    Destination: "destination",
} as const;
export type RoutingMode = (typeof RoutingMode)[keyof typeof RoutingMode];

/** The plain description of one link, before any resource exists. */
export interface LinkSpec extends PeerDeviceDetails {
    name: string;
    /**
     * The peer device's fixed public IPv4 address (the customer gateway). Undefined when it is only known
     * once other resources exist (another Alibaba gateway's address); it is then not checked here.
     */
    peerPublicIp?: string;
    /** Networks on the Alibaba side the tunnel carries (the connection's localSubnets). */
    alibabaSubnets: string[];
    /** Networks behind the peer (the connection's remoteSubnets). */
    peerSubnets: string[];
    profile?: IpsecProfileInput;
    routingMode?: RoutingMode;
    /** Pre-shared keys the caller supplies (one for every tunnel, or one per tunnel); validated when given as plain text. */
    psk?: string | string[];
    /** Peer BGP ASN for the customer gateway (informational, static routing is used). */
    peerAsn?: number;
}

export interface ValidatedLink {
    spec: LinkSpec;
    profile: IpsecProfile;
    routingMode: RoutingMode;
    findings: Finding[];
}

/**
 * Validates a link's plain values. `path` is the dotted prefix of the user's config ("links.office").
 * Returns every finding; the caller stops on errors (assertNoErrors) before registering anything.
 */
export function validateLink(spec: LinkSpec, path: string): ValidatedLink {
    const site = spec.name;
    const { profile, findings } = resolveProfile(spec.profile, `${path}.profile`, site);
    const routingMode: RoutingMode = spec.routingMode ?? "policy";
    const at = (field: string) => `${path}.${field}`;

    if (spec.peerPublicIp !== undefined && !isIpv4Address(spec.peerPublicIp)) {
        findings.push({
            severity: "error",
            code: "link.bad-peer-ip",
            site,
            field: at("peerPublicIp"),
            value: spec.peerPublicIp,
            message: "the customer gateway needs the peer's fixed public IPv4 address.",
            fix: `set ${at("peerPublicIp")} to the public address of the peer's WAN interface, e.g. 203.0.113.10.`,
        });
    }

    const subnetField = (field: "alibabaSubnets" | "peerSubnets", connectionField: string) => {
        const blocks = spec[field] ?? [];
        if (routingMode === "destination") {
            return;
        }
        if (blocks.length < 1 || blocks.length > MAX_CONNECTION_SUBNETS) {
            findings.push({
                severity: "error",
                code: "link.subnet-count",
                site,
                field: at(field),
                value: blocks,
                allowed: `1 to ${MAX_CONNECTION_SUBNETS} CIDR blocks`,
                message: `an IPsec connection's ${connectionField} takes 1 to ${MAX_CONNECTION_SUBNETS} CIDR blocks.`,
                fix:
                    blocks.length === 0
                        ? `list the networks the tunnel must carry in ${at(field)}.`
                        : `summarise ${at(field)} into at most ${MAX_CONNECTION_SUBNETS} blocks, or use routingMode: destination.`,
            });
        }
        blocks.forEach((block, i) => {
            const problem = cidrSyntaxError(block);
            if (problem) {
                findings.push({
                    severity: "error",
                    code: "link.bad-cidr",
                    site,
                    field: `${at(field)}[${i}]`,
                    value: block,
                    message: problem + ".",
                    fix: `write ${at(field)}[${i}] as network/prefix, e.g. 192.168.10.0/24.`,
                });
            } else if (hasHostBits(block)) {
                findings.push({
                    severity: "error",
                    code: "link.cidr-host-bits",
                    site,
                    field: `${at(field)}[${i}]`,
                    value: block,
                    message: "the address has host bits set beyond the prefix; Alibaba rejects it and peers disagree on what it means.",
                    fix: `write ${parseCidr(block).text} instead of ${block}.`,
                });
            }
        });
    };
    subnetField("alibabaSubnets", "local subnets");
    subnetField("peerSubnets", "remote subnets");

    if (routingMode === "policy") {
        const valid = (blocks: string[]) => (blocks ?? []).filter((b) => !cidrSyntaxError(b));
        for (const a of valid(spec.alibabaSubnets)) {
            for (const p of valid(spec.peerSubnets)) {
                if (overlaps(a, p)) {
                    findings.push({
                        severity: "error",
                        code: "link.subnets-overlap",
                        site,
                        field: at("peerSubnets"),
                        value: p,
                        message: `the peer network ${p} overlaps the Alibaba-side network ${a}; routes on both ends would point into themselves.`,
                        fix: `renumber one side, or narrow ${at("peerSubnets")} so it does not include ${a}.`,
                    });
                }
            }
        }
        // Alibaba: with IKEv1 an IPsec connection negotiates one pair of traffic selectors, so several
        // local or remote CIDR blocks need IKEv2 (seed 002: "複数のリモートアドレスを構成するためにIKEv2が必要").
        const several = (spec.alibabaSubnets ?? []).length > 1 || (spec.peerSubnets ?? []).length > 1;
        if (several && profile.ike.version === "ikev1") {
            findings.push({
                severity: "error",
                code: "link.ikev1-multiple-subnets",
                site,
                field: at("profile.ike.version"),
                value: "ikev1",
                allowed: "ikev2",
                message: "IKEv1 carries one pair of traffic selectors; several local or remote CIDR blocks need IKEv2.",
                fix: `set ${at("profile.ike.version")} to ikev2, or split the link into one connection per CIDR pair.`,
            });
        }
    }
    const routeBlocks = routingMode === "policy" ? (spec.peerSubnets ?? []).filter((b) => !cidrSyntaxError(b)) : [];
    routeBlocks.forEach((block, i) => {
        const problem = reservedRouteProblem(block);
        if (problem) {
            findings.push({
                severity: "error",
                code: "link.reserved-route",
                site,
                field: `${at("peerSubnets")}[${i}]`,
                value: block,
                message: problem,
                fix: `list the peer's real networks in ${at("peerSubnets")} instead of ${block}.`,
            });
        }
    });

    if (typeof spec.psk === "string") {
        findings.push(...validatePsk(spec.psk, at("psk"), site));
    } else if (Array.isArray(spec.psk)) {
        spec.psk.forEach((psk, i) => findings.push(...validatePsk(psk, `${at("psks")}[${i}]`, site)));
    }
    return { spec, profile, routingMode, findings };
}

/** Why a VPN gateway route to `block` is refused (0.0.0.0/0, or inside Alibaba's 100.64.0.0/10), or undefined. */
export function reservedRouteProblem(block: string): string | undefined {
    return block === "0.0.0.0/0" || overlaps(block, RESERVED_ROUTE_BLOCK)
        ? `the VPN gateway cannot route to ${block}: destinations may not be 0.0.0.0/0 or overlap ${RESERVED_ROUTE_BLOCK}.`
        : undefined;
}

export function validatePsk(psk: string, field: string, site?: string): Finding[] {
    if (typeof psk === "string" && psk.length >= PSK_MIN_LENGTH && psk.length <= PSK_MAX_LENGTH && PSK_PATTERN.test(psk)) {
        return psk.length < 16
            ? [
                  {
                      severity: "warning",
                      code: "link.short-psk",
                      site,
                      field,
                      value: "[secret]",
                      message: `the pre-shared key has ${psk.length} characters; short keys fall to offline guessing.`,
                      fix: `use at least 16 random characters, or leave ${field} unset to generate 32.`,
                  },
              ]
            : [];
    }
    return [
        {
            severity: "error",
            code: "link.bad-psk",
            site,
            field,
            value: "[secret]",
            allowed: `${PSK_MIN_LENGTH} to ${PSK_MAX_LENGTH} letters, digits or ~\`!@#$%^&*()_-+={}[]\\|;:',.<>/? (no spaces)`,
            message: "Alibaba Cloud rejects this pre-shared key.",
            fix: `set ${field} to 1-100 characters without spaces, or leave it unset to generate one.`,
        },
    ];
}

/** One tunnel of a link as both ends see it after the resources exist. */
export interface ResolvedTunnel {
    role: TunnelRole;
    /** Public IP of the Alibaba gateway end of this tunnel (internetIp or disasterRecoveryInternetIp). */
    alibabaIp: string;
    /** The pre-shared key of this tunnel. */
    psk: string;
    /** IKE identity of the Alibaba end (defaults to alibabaIp). */
    alibabaId: string;
    /** IKE identity of the peer end (defaults to the peer's public IP). */
    peerId: string;
}

/** Everything a renderer needs: the link with every Pulumi output resolved to plain values. */
export interface ResolvedLink extends PeerDeviceDetails {
    name: string;
    connectionId: string;
    profile: IpsecProfile;
    routingMode: RoutingMode;
    peerPublicIp: string;
    alibabaSubnets: string[];
    peerSubnets: string[];
    /** One tunnel (legacy single-tunnel gateway) or two (master first, then slave). */
    tunnels: ResolvedTunnel[];
    /**
     * Overlapping networks: the subnets above are the translated blocks. alibabaSubnets is how the VPC (alibabaReal)
     * appears; peerMap the peer's own networks it must map 1:1 (empty when Alibaba's side suffices).
     */
    translation?: ResolvedTranslation;
}

/** A translated link as the peer's renderer needs it (model/translation.ts). */
export interface ResolvedTranslation {
    alibabaReal: string;
    alibabaBlock: string;
    peerMap: Array<{ real: string; translated: string }>;
    /** Why the peer translates (or not), one sentence. */
    peerReason: string;
}

/** Which kind of device the vendor CLI renderers write for. */
export const PeerDevice = {
    /** Huawei AR, H3C MSR (the default). */
    Router: "router",
    /** Huawei USG, H3C SecPath: security zones and security policies. */
    Firewall: "firewall",
} as const;
export type PeerDevice = (typeof PeerDevice)[keyof typeof PeerDevice];

/** What the renderers may know of the peer device beyond the link itself; every field optional. */
export interface PeerDeviceDetails {
    /**
     * Optional: a host in the Alibaba networks that answers ping, probed through the master tunnel to track its
     * routes (Huawei/H3C NQA). Renderers write a marked placeholder when it is unset.
     */
    probeAddress?: string;
    /** Optional: this device's own LAN address (inside peerSubnets), the source of those probes. Placeholder when unset. */
    probeSource?: string;
    /** Optional: the peer device sits behind NAT (its WAN interface holds a private address). Default false. */
    peerBehindNat?: boolean;
    /**
     * Optional: which kind of device the vendor CLI renderers (huawei-vrp, h3c-comware) write for: "router" (Huawei AR,
     * H3C MSR; the default) or "firewall" (Huawei USG, H3C SecPath: security zones and security policies).
     */
    peerDevice?: PeerDevice;
}

/** The traffic selectors each side proposes: 0.0.0.0/0 both ways in destination-routing mode. */
export function trafficSelectors(link: Pick<ResolvedLink, "routingMode" | "alibabaSubnets" | "peerSubnets">): {
    alibaba: string[];
    peer: string[];
} {
    return link.routingMode === "destination"
        ? { alibaba: ["0.0.0.0/0"], peer: ["0.0.0.0/0"] }
        : { alibaba: [...link.alibabaSubnets], peer: [...link.peerSubnets] };
}

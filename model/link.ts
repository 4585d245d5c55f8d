// A site-to-site link: an Alibaba VPN gateway on one end, a peer device (on-premises router,
// another cloud's VM, another Alibaba gateway) on the other, one profile for both.
import {
    MAX_CONNECTION_SUBNETS,
    PSK_MAX_LENGTH,
    PSK_MIN_LENGTH,
    PSK_PATTERN,
    RESERVED_ROUTE_BLOCK,
    TunnelRole,
    reservedVpcRouteProblem,
} from "./alibaba";
import { addressRange, cidrSyntaxError, freePrivateBlock, hasHostBits, isIpv4Address, isPublicIpv4, mergeCidrs, overlaps, parseCidr, prefixLength } from "./cidr";
import type { BgpPlan } from "./bgp";
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
    /**
     * True for a connection of a private-network VPN gateway (networkType private, e.g. over Express Connect): the
     * customer gateway's address is then a private one. Default false: IPsec over the Internet needs a public address.
     */
    privateNetwork?: boolean;
    /**
     * Where the user wrote each block, when the lists are derived (a hub-and-spoke link's peerSubnets are the other
     * sites' vpcCidr keys): findings about block i name `peerSubnetFields[i]` instead of `<path>.peerSubnets[i]`.
     */
    peerSubnetFields?: readonly string[];
    alibabaSubnetFields?: readonly string[];
    /**
     * The key a fix may suggest for destination routing. Default `<path>.routingMode`; false when the user's config
     * has no such key (HyperMotion): the fix then does not mention it.
     */
    routingModeField?: string | false;
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
    const blockField = (field: "alibabaSubnets" | "peerSubnets", i: number) =>
        (field === "peerSubnets" ? spec.peerSubnetFields : spec.alibabaSubnetFields)?.[i] ?? `${at(field)}[${i}]`;
    const routingModeField = spec.routingModeField === undefined ? at("routingMode") : spec.routingModeField;

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
    } else if (spec.peerPublicIp !== undefined && !spec.privateNetwork && !isPublicIpv4(spec.peerPublicIp)) {
        // The gateway reaches the peer over the Internet: a private, shared (100.64.0.0/10) or reserved address is
        // unreachable from there. Alibaba accepts private customer gateway addresses only for private-network gateways.
        findings.push({
            severity: "error",
            code: "link.private-peer-ip",
            site,
            field: at("peerPublicIp"),
            value: spec.peerPublicIp,
            message: `${spec.peerPublicIp} is ${addressRange(spec.peerPublicIp)}, not reachable from the Internet: the VPN gateway could never reach the peer.`,
            fix: `set ${at("peerPublicIp")} to the peer's public WAN address (what https://ifconfig.me shows from behind it), or its NAT router's public address.`,
        });
    }

    const subnetField = (field: "alibabaSubnets" | "peerSubnets", connectionField: string) => {
        const blocks = spec[field] ?? [];
        // In destination-routing mode the selectors are 0.0.0.0/0 and the blocks become routes: their count is free,
        // their syntax and host bits still matter.
        if (routingMode === "policy" && (blocks.length < 1 || blocks.length > MAX_CONNECTION_SUBNETS)) {
            findings.push({
                severity: "error",
                code: "link.subnet-count",
                site,
                field: at(field),
                value: blocks,
                allowed: `1 to ${MAX_CONNECTION_SUBNETS} CIDR blocks`,
                message: `an IPsec connection's ${connectionField} takes 1 to ${MAX_CONNECTION_SUBNETS} CIDR blocks.`,
                fix: blocks.length === 0 ? `list the networks the tunnel must carry in ${at(field)}.` : summaryFix(blocks, at(field), routingModeField),
            });
        }
        blocks.forEach((block, i) => {
            const problem = cidrSyntaxError(block);
            if (problem) {
                findings.push({
                    severity: "error",
                    code: "link.bad-cidr",
                    site,
                    field: blockField(field, i),
                    value: block,
                    message: problem + ".",
                    fix: `write ${blockField(field, i)} as network/prefix, e.g. 192.168.10.0/24.`,
                });
            } else if (hasHostBits(block)) {
                findings.push({
                    severity: "error",
                    code: "link.cidr-host-bits",
                    site,
                    field: blockField(field, i),
                    value: block,
                    message: "the address has host bits set beyond the prefix; Alibaba rejects it and peers disagree on what it means.",
                    fix: `write ${parseCidr(block).text} instead of ${block}.`,
                });
            }
        });
        findings.push(...sameNetworkTwice(blocks, at(field), site, blocks.map((_, i) => blockField(field, i))));
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
                        fix: overlapFix(p, a, [...valid(spec.alibabaSubnets), ...valid(spec.peerSubnets)], at("peerSubnets")),
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
    // The gateway routes the peer's networks in both modes (in destination mode they are all it routes). A raw
    // connection in destination mode lists 0.0.0.0/0 on both sides: those are its selectors, not routes.
    const blind = (blocks: readonly string[] | undefined) => (blocks ?? []).length > 0 && (blocks ?? []).every((b) => b === "0.0.0.0/0");
    const selectorsOnly = routingMode === "destination" && blind(spec.alibabaSubnets) && blind(spec.peerSubnets);
    (selectorsOnly ? [] : (spec.peerSubnets ?? [])).forEach((block, i) => {
        const problem = cidrSyntaxError(block) ? undefined : reservedRouteProblem(block);
        if (problem) {
            findings.push({
                severity: "error",
                code: "link.reserved-route",
                site,
                field: blockField("peerSubnets", i),
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

/** The fix for more than 10 blocks: the computed summary when it fits, else destination routing. */
function summaryFix(blocks: readonly string[], field: string, routingModeField: string | false): string {
    const valid = blocks.filter((b) => !cidrSyntaxError(b));
    const merged = valid.length === blocks.length ? mergeCidrs(valid) : [];
    return merged.length > 0 && merged.length <= MAX_CONNECTION_SUBNETS
        ? `summarise ${field} into at most ${MAX_CONNECTION_SUBNETS} blocks: [${merged.join(", ")}] covers exactly the same addresses in ${merged.length}.`
        : `summarise ${field} into at most ${MAX_CONNECTION_SUBNETS} blocks (they do not merge into ${MAX_CONNECTION_SUBNETS} as written)` +
              (routingModeField ? `, or set ${routingModeField}: destination.` : ", or split the networks over several links.");
}

/** The fix for a peer block overlapping an Alibaba-side one: a concrete free block of the same size. */
function overlapFix(peer: string, alibaba: string, used: readonly string[], field: string): string {
    const free = freePrivateBlock(prefixLength(peer), used);
    return `renumber one side (e.g. move the peer network to ${free ?? "a block neither side uses"}), or narrow ${field} so it does not include ${alibaba}.`;
}

/**
 * The same network listed twice (equal after normalisation): one route per entry would be created, and Alibaba
 * refuses the second (RouterEntryConflict.Duplicated, VpnRouteEntry.AlreadyExists). `field` names the list.
 */
export function sameNetworkTwice(blocks: readonly string[], field: string, site?: string, fields?: readonly string[]): Finding[] {
    const fieldOf = (i: number) => fields?.[i] ?? `${field}[${i}]`;
    const first = new Map<string, number>();
    const findings: Finding[] = [];
    blocks.forEach((block, i) => {
        if (cidrSyntaxError(block)) {
            return;
        }
        const key = parseCidr(block).text;
        const earlier = first.get(key);
        if (earlier === undefined) {
            first.set(key, i);
            return;
        }
        findings.push({
            severity: "error",
            code: "link.same-network-twice",
            site,
            field: fieldOf(i),
            value: block,
            message: `the same network as ${fieldOf(earlier)} (${blocks[earlier]}); its routes would be created twice and Alibaba refuses the second.`,
            fix: `remove ${fieldOf(i)}, or correct it to the network it was meant to be.`,
        });
    });
    return findings;
}

/**
 * The peer-side networks a stack routes that are not a link's peerSubnets (e.g. HyperMotion's OpenStack networks):
 * each must parse, be written as its network address, not be 100.64.0.0/10 or inside it (VPC routes there are refused,
 * CreateRouteEntry reference), and not repeat another. `blocks` carry the field each was written at.
 */
export function checkPeerNetworks(blocks: ReadonlyArray<{ cidr: string; field: string }>, site?: string): Finding[] {
    const findings: Finding[] = [];
    const seen = new Map<string, string>();
    for (const { cidr, field } of blocks) {
        const problem = cidrSyntaxError(cidr);
        if (problem) {
            findings.push({ severity: "error", code: "link.bad-cidr", site, field, value: cidr, message: `${problem}.`, fix: `write ${field} as network/prefix, e.g. 192.168.10.0/24.` });
            continue;
        }
        const network = parseCidr(cidr).text;
        if (network !== cidr) {
            findings.push({
                severity: "error",
                code: "link.cidr-host-bits",
                site,
                field,
                value: cidr,
                message: `the address has host bits set beyond the prefix; the network is ${network}.`,
                fix: `write ${network} instead of ${cidr}.`,
            });
        }
        const reserved = reservedVpcRouteProblem(network);
        if (reserved) {
            findings.push({ severity: reserved.severity, code: "link.reserved-route", site, field, value: cidr, message: reserved.message, fix: `renumber that network out of ${RESERVED_ROUTE_BLOCK}, or leave it out.` });
        }
        const earlier = seen.get(network);
        if (earlier) {
            findings.push({
                severity: "error",
                code: "link.same-network-twice",
                site,
                field,
                value: cidr,
                message: `the same network as ${earlier}; its routes would be created twice and Alibaba refuses the second.`,
                fix: `correct ${field} to the network it was meant to be, or remove it.`,
            });
        } else {
            seen.set(network, field);
        }
    }
    return findings;
}

/**
 * A link's explicit route lists, whatever its routing mode: `vpcRouteDestinations` (VPC routes to the gateway:
 * CreateRouteEntry refuses 100.64.0.0/10 and inside it) and `gatewayRouteDestinations` (VPN gateway routes:
 * 0.0.0.0/0 and 100.64.0.0/10 refused), each written as a network address and listed once.
 */
export function checkRouteDestinationLists(lists: { vpcRouteDestinations?: readonly string[]; gatewayRouteDestinations?: readonly string[] }, path: string, site?: string): Finding[] {
    const findings: Finding[] = [];
    for (const key of ["vpcRouteDestinations", "gatewayRouteDestinations"] as const) {
        const blocks = lists[key] ?? [];
        blocks.forEach((block, i) => {
            const field = `${path}.${key}[${i}]`;
            if (cidrSyntaxError(block)) {
                findings.push({ severity: "error", code: "link.bad-cidr", site, field, value: block, message: `${cidrSyntaxError(block)}.`, fix: `write ${field} as network/prefix, e.g. 192.168.10.0/24.` });
                return;
            }
            const network = parseCidr(block).text;
            if (network !== block) {
                findings.push({ severity: "error", code: "link.cidr-host-bits", site, field, value: block, message: `the address has host bits set beyond the prefix; the network is ${network}.`, fix: `write ${network} instead of ${block}.` });
            }
            if (key === "gatewayRouteDestinations") {
                const problem = reservedRouteProblem(network);
                if (problem) {
                    findings.push({ severity: "error", code: "link.reserved-route", site, field, value: block, message: problem, fix: `route the peer's real networks instead of ${block}.` });
                }
                return;
            }
            const vpcProblem = reservedVpcRouteProblem(network);
            if (vpcProblem) {
                findings.push({
                    severity: vpcProblem.severity,
                    code: "link.reserved-route",
                    site,
                    field,
                    value: block,
                    message: vpcProblem.message,
                    fix: `renumber that network out of ${RESERVED_ROUTE_BLOCK} (into 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16), or leave it out of ${path}.${key}.`,
                });
            }
        });
        findings.push(...sameNetworkTwice(blocks, `${path}.${key}`, site));
    }
    return findings;
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
    /** BGP over the tunnels (routing: bgp, model/bgp.ts); unset for static routing. */
    bgp?: BgpPlan;
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

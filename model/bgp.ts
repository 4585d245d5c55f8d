// Dynamic routing (issue 16): BGP over the IPsec tunnels of a link, as plain data and pure checks. Alibaba runs
// one BGP session per tunnel, between two addresses of a /30 inside 169.254.0.0/16 (the tunnel's inside
// addresses), and propagates what it learns into the VPC's route table when the gateway's route propagation is on
// (vpn.Gateway autoPropagate: ModifyVpnGatewayAttribute AutoPropagate, alicloud/resource_alicloud_vpn_gateway.go in
// github.com/aliyun/terraform-provider-alicloud). Sources of every rule are given where the rule is.
import { addressInBlock, cidrSyntaxError, containsAddress, coveredBy, hasHostBits, isIpv4Address, overlaps, parseCidr } from "./cidr";
import { AWS_RESERVED_INSIDE_CIDRS } from "./clouds/aws";
import { Finding } from "./findings";

/** How a link's routes are made. */
export const Routing = {
    /** Static routes: VPN gateway route entries and VPC route entries toward the gateway (the default). */
    Static: "static",
    /** BGP per tunnel: the peer announces its networks, the gateway propagates them into the VPC. */
    Bgp: "bgp",
} as const;
export type Routing = (typeof Routing)[keyof typeof Routing];

/** Alibaba's own ASN: the default local ASN of every VPN gateway (ConnectionBgpConfig.localAsn: "Default value: 45104"). */
export const ALIBABA_ASN = 45104;

/** One tunnel's BGP addresses. */
export interface BgpTunnelSpec {
    /** The tunnel's inside block: a /30 inside 169.254.0.0/16, unique on the gateway, e.g. 169.254.21.0/30. */
    tunnelCidr: string;
    /** Alibaba's BGP address inside tunnelCidr. Default: the /30's first usable address; the peer takes the other one. */
    localBgpIp?: string;
}

/** BGP settings of a link (with routing: bgp). The peer's ASN is the link's peerAsn (recorded on the customer gateway). */
export interface BgpSpec {
    /** Alibaba's ASN on this link. Default 45104. */
    localAsn?: number;
    /** One per tunnel, master first: two on a dual-tunnel gateway, one on a single-tunnel gateway. */
    tunnels: BgpTunnelSpec[];
    /** The networks the peer announces. Default: peerSubnets. Each must lie inside peerSubnets. */
    peerAnnounces?: string[];
    /** The networks the peer accepts from Alibaba (its inbound filter). Default: alibabaSubnets plus transitSubnets. */
    alibabaAnnounces?: string[];
    /** The peer's keepalive in seconds. Default 10; BGP uses the smaller hold time of the two ends (RFC 4271 4.2). */
    keepaliveSeconds?: number;
    /** The peer's hold time in seconds: 0, or at least 3 (RFC 4271 4.2) and at least three keepalives. Default 30. */
    holdSeconds?: number;
}

/** A tunnel's planned BGP addresses, as the connection's tunnelBgpConfig takes them and the peer mirrors them. */
export interface BgpTunnelPlan {
    role: "master" | "slave";
    tunnelCidr: string;
    localBgpIp: string;
    /** The peer's address: the /30's other usable address. */
    peerBgpIp: string;
    /** The peer side's prefix length, for interface addresses ("169.254.21.2/30"). */
    prefixLength: number;
}

/** What a link's BGP needs on both ends. */
export interface BgpPlan {
    localAsn: number;
    peerAsn: number;
    tunnels: BgpTunnelPlan[];
    peerAnnounces: string[];
    alibabaAnnounces: string[];
    keepaliveSeconds: number;
    holdSeconds: number;
}

/** 169.254.0.0/16: link-local (RFC 3927), where Alibaba takes the tunnel's BGP block (tunnelBgpConfig.tunnelCidr). */
export const BGP_TUNNEL_RANGE = "169.254.0.0/16";

/**
 * Inside /30s another cloud refuses, so a link meant to move there (or a peer that is an AWS VGW) cannot use them.
 * AWS Site-to-Site VPN: "The following CIDR blocks are reserved and cannot be used: 169.254.0.0/30, 169.254.1.0/30,
 * 169.254.2.0/30, 169.254.3.0/30, 169.254.4.0/30, 169.254.5.0/30, 169.254.169.252/30"
 * (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html, TunnelInsideCidr).
 */
export const RESERVED_TUNNEL_CIDRS = AWS_RESERVED_INSIDE_CIDRS;

/** ASNs no BGP speaker may use, with the reason and its source. */
export function reservedAsn(asn: number): string | undefined {
    if (asn === 0) {
        return "AS 0 is reserved and may not be used in a BGP session (RFC 7607)";
    }
    if (asn === 23456) {
        return "AS 23456 is AS_TRANS, the placeholder 2-byte speakers see for 4-byte ASNs (RFC 6793)";
    }
    if ((asn >= 64496 && asn <= 64511) || (asn >= 65536 && asn <= 65551)) {
        return "64496-64511 and 65536-65551 are reserved for documentation (RFC 5398)";
    }
    if (asn === 65535 || asn === 4294967295) {
        return "65535 and 4294967295 are the last ASNs of their ranges, reserved (RFC 7300)";
    }
    if (asn >= 65552 && asn <= 131071) {
        return "65552-131071 are reserved by IANA (https://www.iana.org/assignments/as-numbers/as-numbers.xhtml)";
    }
    return undefined;
}

/** Private-use ASNs (RFC 6996): 64512-65534 and 4200000000-4294967294. */
export function isPrivateAsn(asn: number): boolean {
    return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}

/** Alibaba writes an ASN as a number or as "high.low" (asdot, "123.456" = 123 x 65536 + 456), ConnectionBgpConfig.localAsn. */
export function asnValue(value: unknown): number | undefined {
    if (typeof value === "number") {
        return Number.isInteger(value) && value >= 0 && value <= 4294967295 ? value : undefined;
    }
    if (typeof value === "string") {
        const dotted = /^(\d+)\.(\d+)$/.exec(value);
        if (dotted && Number(dotted[1]) <= 65535 && Number(dotted[2]) <= 65535) {
            return Number(dotted[1]) * 65536 + Number(dotted[2]);
        }
        return /^\d+$/.test(value) ? asnValue(Number(value)) : undefined;
    }
    return undefined;
}

/** What checkLinkBgp needs of the link: plain values. */
export interface LinkBgpInput {
    routing?: Routing;
    bgp?: BgpSpec;
    peerAsn?: number;
    routingMode?: string;
    peerSubnets: string[];
    alibabaSubnets?: string[];
    transitSubnets?: string[];
    vpcRouteDestinations?: string[];
    gatewayRouteDestinations?: string[];
    peerPlatforms?: string[];
}

/** Peer platforms whose renderer writes a BGP section (FRR beside strongSwan, Cisco IOS-XE, Huawei VRP, H3C Comware). */
export const BGP_PEER_PLATFORMS = ["strongswan", "cisco-ios", "huawei-vrp", "h3c-comware"];

/** An unsigned 32-bit address as dotted text. */
function ipText(n: number): string {
    return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

/** The /30's two usable addresses: [first, second]. */
function usable(tunnelCidr: string): [string, string] {
    return [addressInBlock(tunnelCidr, 1), addressInBlock(tunnelCidr, 2)];
}

/** The BGP address at the other end of a tunnel's /30 from `ip` (one of its two usable addresses). */
export function otherBgpAddress(tunnelCidr: string, ip: string): string {
    const [first, second] = usable(tunnelCidr);
    return ip === first ? second : first;
}

function tunnelCidrProblem(cidr: unknown): { problem: string; fix: string } | undefined {
    if (typeof cidr !== "string" || cidrSyntaxError(cidr)) {
        return { problem: "not an IPv4 CIDR block", fix: "write a /30 inside 169.254.0.0/16, e.g. 169.254.21.0/30" };
    }
    if (parseCidr(cidr).prefix !== 30) {
        return { problem: "Alibaba takes a /30 as the tunnel's BGP block (tunnelBgpConfig.tunnelCidr)", fix: `write a /30, e.g. ${ipText(parseCidr(cidr).first)}/30` };
    }
    if (hasHostBits(cidr)) {
        return { problem: "host bits are set", fix: `write the /30's network address, ${ipText(parseCidr(cidr).first)}/30` };
    }
    if (!overlaps(BGP_TUNNEL_RANGE, cidr) || parseCidr(cidr).prefix < 16) {
        return { problem: "the tunnel's BGP block must lie inside 169.254.0.0/16 (tunnelBgpConfig.tunnelCidr)", fix: "choose a /30 inside 169.254.0.0/16, e.g. 169.254.21.0/30" };
    }
    const reserved = RESERVED_TUNNEL_CIDRS.find((r) => r === cidr);
    if (reserved) {
        return {
            problem: `${reserved} is one of the inside blocks AWS Site-to-Site VPN reserves (https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html); a link that ends or moves there cannot use it`,
            fix: "choose another /30, e.g. from 169.254.21.0/24",
        };
    }
    return undefined;
}

function asnFindings(value: unknown, field: string, site: string, side: "peer" | "alibaba"): Finding[] {
    const asn = asnValue(value);
    if (asn === undefined || asn < 1) {
        return [
            {
                severity: "error",
                code: "bgp.bad-asn",
                site,
                field,
                value,
                allowed: "a whole number 1..4294967295, or asdot high.low",
                message: "not an AS number.",
                fix: `set ${field} to a private ASN such as 65010 (RFC 6996: 64512-65534, 4200000000-4294967294).`,
            },
        ];
    }
    const reserved = reservedAsn(asn);
    if (reserved) {
        return [{ severity: "error", code: "bgp.reserved-asn", site, field, value, message: `${reserved}.`, fix: `set ${field} to a private ASN such as ${side === "peer" ? 65010 : 65000} (RFC 6996).` }];
    }
    if (side === "peer" && asn === ALIBABA_ASN) {
        return [
            {
                severity: "error",
                code: "bgp.alibaba-asn",
                site,
                field,
                value,
                message: "45104 is Alibaba's own ASN, the VPN gateway's default local ASN: the peer would see its own AS in every path and drop the routes, and the customer gateway refuses it.",
                fix: `set ${field} to the peer's own ASN, e.g. a private one such as 65010.`,
            },
        ];
    }
    if (!isPrivateAsn(asn) && asn !== ALIBABA_ASN) {
        // A public ASN is fine when the organisation holds it; near-misses of the private ranges are typos.
        const nearMiss = (asn >= 6451 && asn <= 6553) || (asn >= 64000 && asn < 64512) || (asn >= 420000000 && asn <= 429496729);
        return [
            {
                severity: "warning",
                code: nearMiss ? "bgp.public-asn-looks-private" : "bgp.public-asn",
                site,
                field,
                value,
                message: nearMiss
                    ? `${asn} is a public ASN (someone else's) that looks like a mistyped private one; private ASNs are 64512-65534 and 4200000000-4294967294 (RFC 6996).`
                    : `${asn} is a public ASN: use it only if your organisation holds it (RIR registration); otherwise routes may be confused with its owner's.`,
                fix: `use a private ASN (64512-65534) unless ${asn} is registered to you.`,
            },
        ];
    }
    return [];
}

/**
 * Every finding about one link's BGP, from plain values: the routing choice and its settings, ASNs, the tunnel
 * /30s and addresses, announcements inside the protected subnets, peer platforms. `tunnelCount` is 2 on a
 * dual-tunnel gateway, 1 on a single-tunnel one. Nothing when the link routes statically without BGP settings.
 */
export function checkLinkBgp(args: LinkBgpInput, tunnelCount: number, site: string, path: string): Finding[] {
    const at = (field: string) => `${path}.${field}`;
    const routing = args.routing ?? "static";
    const findings: Finding[] = [];
    if (routing !== "static" && routing !== "bgp") {
        return [{ severity: "error", code: "bgp.bad-routing", site, field: at("routing"), value: routing, allowed: "static, bgp", message: "unknown routing choice.", fix: `set ${at("routing")} to static or bgp.` }];
    }
    if (routing === "static") {
        if (args.bgp !== undefined) {
            findings.push({
                severity: "error",
                code: "bgp.settings-without-bgp",
                site,
                field: at("bgp"),
                value: "(set)",
                message: "BGP settings on a link that routes statically would be ignored.",
                fix: `set ${at("routing")}: bgp to use them, or remove ${at("bgp")}.`,
            });
        }
        return findings;
    }
    const bgp = args.bgp;
    if (!bgp || !Array.isArray(bgp.tunnels)) {
        return [
            {
                severity: "error",
                code: "bgp.missing-settings",
                site,
                field: at("bgp.tunnels"),
                value: undefined,
                message: `routing: bgp needs one tunnel /30 per tunnel (${tunnelCount} on this gateway).`,
                fix: `set ${at("bgp.tunnels")} to ${tunnelCount === 2 ? '[{tunnelCidr: "169.254.21.0/30"}, {tunnelCidr: "169.254.22.0/30"}]' : '[{tunnelCidr: "169.254.21.0/30"}]'}.`,
            },
        ];
    }
    // BGP runs between the 169.254 addresses, outside any protected subnet: only a route-based connection
    // (0.0.0.0/0 selectors, routingMode destination) carries the session, and routes then decide.
    if ((args.routingMode ?? "policy") !== "destination") {
        findings.push({
            severity: "error",
            code: "bgp.needs-destination-routing",
            site,
            field: at("routingMode"),
            value: args.routingMode ?? "policy",
            message: "BGP needs a route-based connection: the session runs between the tunnel's 169.254 addresses, which a policy-based connection's selectors do not carry, and BGP's routes must decide what enters the tunnel.",
            fix: `set ${at("routingMode")}: destination.`,
        });
    }
    if (args.peerAsn === undefined) {
        findings.push({
            severity: "error",
            code: "bgp.missing-peer-asn",
            site,
            field: at("peerAsn"),
            value: undefined,
            message: "BGP needs the peer's ASN: Alibaba records it on the customer gateway (asn).",
            fix: `set ${at("peerAsn")} to the peer's ASN, e.g. 65010.`,
        });
    } else {
        findings.push(...asnFindings(args.peerAsn, at("peerAsn"), site, "peer"));
    }
    if (bgp.localAsn !== undefined) {
        findings.push(...asnFindings(bgp.localAsn, at("bgp.localAsn"), site, "alibaba"));
    }
    const localAsn = bgp.localAsn === undefined ? ALIBABA_ASN : asnValue(bgp.localAsn);
    // 45104 on the peer is reported above (bgp.alibaba-asn).
    if (args.peerAsn !== undefined && localAsn !== undefined && asnValue(args.peerAsn) === localAsn && localAsn !== ALIBABA_ASN) {
        findings.push({
            severity: "error",
            code: "bgp.same-asn",
            site,
            field: at("peerAsn"),
            value: args.peerAsn,
            message: `the peer's ASN equals Alibaba's (${localAsn}): the session would be iBGP, which Alibaba's VPN gateway does not run, and each side would drop the other's routes as loops.`,
            fix: `give the peer its own ASN (e.g. 65010), or set ${at("bgp.localAsn")} to another one.`,
        });
    }
    if (bgp.tunnels.length !== tunnelCount) {
        findings.push({
            severity: "error",
            code: "bgp.tunnel-count",
            site,
            field: at("bgp.tunnels"),
            value: bgp.tunnels.length,
            allowed: `${tunnelCount} (one per tunnel of the connection)`,
            message: `the connection has ${tunnelCount} tunnel${tunnelCount === 2 ? "s (master and slave)" : ""}, each with its own BGP session and /30.`,
            fix: `give ${at("bgp.tunnels")} exactly ${tunnelCount} entr${tunnelCount === 2 ? "ies" : "y"}, master first.`,
        });
    }
    const seen = new Map<string, number>();
    bgp.tunnels.forEach((tunnel, i) => {
        const field = at(`bgp.tunnels[${i}].tunnelCidr`);
        const bad = tunnelCidrProblem(tunnel?.tunnelCidr);
        if (bad) {
            findings.push({ severity: "error", code: "bgp.bad-tunnel-cidr", site, field, value: tunnel?.tunnelCidr, message: `${bad.problem}.`, fix: `${bad.fix} in ${field}.` });
            return;
        }
        const other = [...seen.entries()].find(([cidr]) => overlaps(cidr, tunnel.tunnelCidr));
        if (other) {
            findings.push({
                severity: "error",
                code: "bgp.duplicate-tunnel-cidr",
                site,
                field,
                value: tunnel.tunnelCidr,
                message: `tunnels[${other[1]}] already uses ${other[0]}; every tunnel needs its own /30.`,
                fix: `choose another /30 for ${field}, e.g. the next one after ${other[0]}.`,
            });
        }
        seen.set(tunnel.tunnelCidr, i);
        if (tunnel.localBgpIp !== undefined) {
            const ipField = at(`bgp.tunnels[${i}].localBgpIp`);
            if (!isIpv4Address(tunnel.localBgpIp) || !containsAddress(tunnel.tunnelCidr, tunnel.localBgpIp) || !usable(tunnel.tunnelCidr).includes(tunnel.localBgpIp)) {
                findings.push({
                    severity: "error",
                    code: "bgp.bad-local-bgp-ip",
                    site,
                    field: ipField,
                    value: tunnel.localBgpIp,
                    allowed: usable(tunnel.tunnelCidr).join(" or "),
                    message: `Alibaba's BGP address must be a usable address of the tunnel's /30 ${tunnel.tunnelCidr} (tunnelBgpConfig.localBgpIp), not its network or broadcast address.`,
                    fix: `set ${ipField} to ${usable(tunnel.tunnelCidr)[0]}, or leave it unset.`,
                });
            }
        }
    });
    // Announcements: the peer announces networks behind it, which the connection's remote subnets declare; anything
    // else would be propagated into the VPC toward a network the link does not claim (and AWS-style filters drop it).
    (bgp.peerAnnounces ?? []).forEach((block, i) => {
        const field = at(`bgp.peerAnnounces[${i}]`);
        if (cidrSyntaxError(block)) {
            findings.push({ severity: "error", code: "bgp.bad-announcement", site, field, value: block, message: "not an IPv4 CIDR block.", fix: `write a block such as ${args.peerSubnets[0] ?? "192.168.10.0/24"}.` });
        } else if (!coveredBy(args.peerSubnets.filter((b) => !cidrSyntaxError(b)), block)) {
            findings.push({
                severity: "error",
                code: "bgp.announcement-outside-subnets",
                site,
                field,
                value: block,
                message: `the peer would announce ${block}, outside the link's peer subnets (${args.peerSubnets.join(", ")}); the gateway would propagate it into the VPC for a network the link does not protect.`,
                fix: `add ${block} to ${at("peerSubnets")}, or remove it from ${field}.`,
            });
        }
    });
    const local = [...(args.alibabaSubnets ?? []), ...(args.transitSubnets ?? [])].filter((b) => !cidrSyntaxError(b));
    (bgp.alibabaAnnounces ?? []).forEach((block, i) => {
        const field = at(`bgp.alibabaAnnounces[${i}]`);
        if (cidrSyntaxError(block) || (local.length > 0 && !coveredBy(local, block))) {
            findings.push({
                severity: "error",
                code: "bgp.announcement-outside-subnets",
                site,
                field,
                value: block,
                message: `${block} is not inside the Alibaba side's subnets (${local.join(", ")}); the peer's filter would accept a route the gateway never announces.`,
                fix: `remove ${block} from ${field}, or add it to ${at("alibabaSubnets")}.`,
            });
        }
    });
    for (const key of ["vpcRouteDestinations", "gatewayRouteDestinations"] as const) {
        if (args[key] !== undefined) {
            findings.push({
                severity: "error",
                code: "bgp.static-routes",
                site,
                field: at(key),
                value: args[key],
                message: "with routing: bgp the gateway learns the peer's networks and propagates them into the VPC; static routes beside them would override what BGP learns.",
                fix: `remove ${at(key)}, or set ${at("routing")}: static.`,
            });
        }
    }
    const keepalive = bgp.keepaliveSeconds ?? 10;
    const hold = bgp.holdSeconds ?? 30;
    if (!Number.isInteger(hold) || (hold !== 0 && (hold < 3 || hold > 65535)) || !Number.isInteger(keepalive) || keepalive < 1 || (hold !== 0 && keepalive * 3 > hold)) {
        findings.push({
            severity: "error",
            code: "bgp.bad-timers",
            site,
            field: at("bgp.holdSeconds"),
            value: { keepaliveSeconds: keepalive, holdSeconds: hold },
            allowed: "hold 0 or 3..65535 seconds (RFC 4271 4.2), keepalive at most a third of it",
            message: "the BGP timers are out of range.",
            fix: `set ${at("bgp.keepaliveSeconds")}: 10 and ${at("bgp.holdSeconds")}: 30, or leave them unset.`,
        });
    }
    for (const platform of args.peerPlatforms ?? []) {
        if (!BGP_PEER_PLATFORMS.includes(platform)) {
            findings.push({
                severity: "error",
                code: "bgp.peer-cannot-express",
                site,
                field: at("peerPlatforms"),
                value: platform,
                allowed: BGP_PEER_PLATFORMS.join(", "),
                message: `the library renders no BGP configuration for ${platform}.`,
                fix: `choose among ${BGP_PEER_PLATFORMS.join(", ")} in ${at("peerPlatforms")}, or set ${at("routing")}: static.`,
            });
        }
    }
    return findings;
}

/**
 * Gateway-wide: every tunnel /30 of every BGP link on one gateway is unique (the gateway holds all of them), and
 * one customer gateway address speaks for one ASN. `links` are the gateway's links with their config paths.
 */
export function checkGatewayBgp(links: ReadonlyArray<{ name: string; path: string; routing?: Routing; bgp?: BgpSpec; peerAsn?: number; peerPublicIp?: string }>): Finding[] {
    const findings: Finding[] = [];
    const cidrs: Array<{ cidr: string; field: string }> = [];
    const asnByPeer = new Map<string, { asn: number; field: string }>();
    for (const link of links) {
        if (link.routing !== "bgp" || !link.bgp || !Array.isArray(link.bgp.tunnels)) {
            continue;
        }
        link.bgp.tunnels.forEach((tunnel, i) => {
            const field = `${link.path}.bgp.tunnels[${i}].tunnelCidr`;
            if (tunnelCidrProblem(tunnel?.tunnelCidr)) {
                return;
            }
            const clash = cidrs.find((c) => overlaps(c.cidr, tunnel.tunnelCidr) && !c.field.startsWith(`${link.path}.`));
            if (clash) {
                findings.push({
                    severity: "error",
                    code: "bgp.duplicate-tunnel-cidr",
                    site: link.name,
                    field,
                    value: tunnel.tunnelCidr,
                    message: `${clash.field} on the same VPN gateway already uses ${clash.cidr}; the gateway holds every tunnel's /30, so each must be unique.`,
                    fix: `choose a /30 no other tunnel of the gateway uses for ${field}.`,
                });
            }
            cidrs.push({ cidr: tunnel.tunnelCidr, field });
        });
        const asn = asnValue(link.peerAsn);
        if (link.peerPublicIp && asn !== undefined) {
            const earlier = asnByPeer.get(link.peerPublicIp);
            if (earlier && earlier.asn !== asn) {
                findings.push({
                    severity: "error",
                    code: "bgp.customer-gateway-asn",
                    site: link.name,
                    field: `${link.path}.peerAsn`,
                    value: link.peerAsn,
                    message: `${earlier.field} gives the same peer address ${link.peerPublicIp} ASN ${earlier.asn}: one customer gateway (one device) has one ASN.`,
                    fix: `use ${earlier.asn} in ${link.path}.peerAsn, or correct the peer's address.`,
                });
            }
            asnByPeer.set(link.peerPublicIp, { asn, field: `${link.path}.peerAsn` });
        }
    }
    return findings;
}

/** The BGP plan of a link that passed checkLinkBgp; undefined when it routes statically. */
export function planLinkBgp(args: LinkBgpInput, tunnelRoles: ReadonlyArray<"master" | "slave">): BgpPlan | undefined {
    if ((args.routing ?? "static") !== "bgp" || !args.bgp || args.peerAsn === undefined) {
        return undefined;
    }
    const bgp = args.bgp;
    return {
        localAsn: bgp.localAsn === undefined ? ALIBABA_ASN : asnValue(bgp.localAsn)!,
        peerAsn: asnValue(args.peerAsn)!,
        tunnels: tunnelRoles.map((role, i) => {
            const tunnel = bgp.tunnels[i];
            const localBgpIp = tunnel.localBgpIp ?? usable(tunnel.tunnelCidr)[0];
            return { role, tunnelCidr: tunnel.tunnelCidr, localBgpIp, peerBgpIp: otherBgpAddress(tunnel.tunnelCidr, localBgpIp), prefixLength: 30 };
        }),
        peerAnnounces: bgp.peerAnnounces ?? args.peerSubnets,
        alibabaAnnounces: bgp.alibabaAnnounces ?? [...(args.alibabaSubnets ?? []), ...(args.transitSubnets ?? [])],
        keepaliveSeconds: bgp.keepaliveSeconds ?? 10,
        holdSeconds: bgp.holdSeconds ?? 30,
    };
}

/** The i-th free /30 of `pool` (default 169.254.21.0/24), skipping the blocks other clouds reserve and `used`. */
export function allocateTunnelCidrs(count: number, used: readonly string[] = [], pool = "169.254.21.0/24"): string[] {
    const base = parseCidr(pool);
    const out: string[] = [];
    for (let n = base.first; n + 3 <= base.last && out.length < count; n += 4) {
        const cidr = `${ipText(n)}/30`;
        if (!RESERVED_TUNNEL_CIDRS.includes(cidr) && !used.some((u) => overlaps(u, cidr))) {
            out.push(cidr);
        }
    }
    if (out.length < count) {
        throw new Error(`${pool} has only ${out.length} free /30s, ${count} needed`);
    }
    return out;
}

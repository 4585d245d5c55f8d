// Hub-and-spoke over Alibaba VPN gateways (seed 002): one hub VPC, spoke VPCs in any regions, one IPsec
// connection per spoke between the spoke's gateway and the hub's. Spoke-to-spoke traffic transits the hub,
// so every connection must protect, and every route table must send, the right CIDRs. The author of seed
// 002 worked them out by hand; this module computes them.
import { MAX_CONNECTION_SUBNETS, RESERVED_ROUTE_BLOCK } from "./alibaba";
import { cidrSyntaxError, coveredByUnion, excludeCidrs, mergeCidrs, overlaps } from "./cidr";
import { Finding } from "./findings";
import { RoutingMode } from "./link";

/** What the plan needs of a site: its name, region and VPC block. */
export interface SiteShape {
    name: string;
    region: string;
    vpcCidr: string;
}

export const SelectorPolicy = {
    /** Each connection protects exactly the site CIDRs it carries, summarised (policy-based). The default. */
    Exact: "exact",
    /** 0.0.0.0/0 selectors on every connection; the static routes alone decide (destination routing). */
    Any: "any",
} as const;
export type SelectorPolicy = (typeof SelectorPolicy)[keyof typeof SelectorPolicy];

/**
 * What each spoke routes toward the hub, and so what adding or removing a spoke touches.
 *
 * - "per-site": one VPC route and one VPN gateway route per other site on every spoke. Resources grow with the
 *   square of the spokes (50 spokes: 2,550 VPN routes, 50 on every spoke gateway, beyond the default quota of
 *   20), and removing a spoke deletes a route pair on every other spoke and updates every connection's selectors.
 * - "summary" (the default): each spoke routes the summary blocks (`summaryCidrs`, or the merge of every site's
 *   block) minus its own VPC, a handful of blocks whatever the number of spokes (10.0.0.0/8 minus a /16: 8
 *   blocks); the hub keeps one route per spoke. With declared `summaryCidrs` a spoke's routes and selectors
 *   depend on nothing but its own block, so adding or removing a spoke touches only its own resources and the
 *   hub's pair toward it: what a 50-site team wants from routine changes, within the route quotas, and why it
 *   is the default. Without `summaryCidrs` the summary is exact (it covers only the sites' blocks) and changes
 *   where a removed block leaves a hole, like per-site.
 */
export const RouteStrategy = {
    PerSite: "per-site",
    Summary: "summary",
} as const;
export type RouteStrategy = (typeof RouteStrategy)[keyof typeof RouteStrategy];

export interface HubAndSpokeShape {
    hub: SiteShape;
    spokes: SiteShape[];
    selectors?: SelectorPolicy;
    /** Default "summary". */
    routeStrategy?: RouteStrategy;
    /**
     * The address plan every site is allocated from, all of it reached through the hub (e.g. ["10.0.0.0/8"]).
     * Declaring it accepts that traffic to its unused parts goes to the hub and is dropped there.
     */
    summaryCidrs?: string[];
    /** The dotted prefix of the user's config, for messages. */
    configPath?: string;
}

/** One end of a hub-spoke connection: what its gateway protects, sends, and routes. */
export interface ConnectionEnd {
    /** The site whose gateway owns this connection. */
    site: string;
    /** The connection's local subnets (this side's networks). */
    localSubnets: string[];
    /** The connection's remote subnets (the networks reached through the tunnel). */
    remoteSubnets: string[];
    /**
     * One VPN-gateway static route and one VPC route entry per destination: per site ("per-site"), or the
     * summary minus this site's own block ("summary", spoke ends); the hub's end always routes its spoke's block.
     */
    routeDestinations: string[];
    /** Other sites' blocks that reach this gateway through its other connections (the hub's other spokes). */
    transitSubnets: string[];
}

export interface SpokeConnectionPlan {
    spoke: string;
    /** The connection on the hub's gateway toward this spoke. */
    hubEnd: ConnectionEnd;
    /** The connection on the spoke's gateway toward the hub. */
    spokeEnd: ConnectionEnd;
}

export interface HubAndSpokePlan {
    routingMode: RoutingMode;
    connections: SpokeConnectionPlan[];
    findings: Finding[];
}

function siteChecks(shape: HubAndSpokeShape, path: string): Finding[] {
    const findings: Finding[] = [];
    const sites = [{ site: shape.hub, field: `${path}.hub` }, ...shape.spokes.map((site, i) => ({ site, field: `${path}.spokes[${i}]` }))];
    const seen = new Map<string, string>();
    for (const { site, field } of sites) {
        const earlier = seen.get(site.name);
        if (earlier) {
            findings.push({
                severity: "error",
                code: "hubspoke.duplicate-site",
                site: site.name,
                field: `${field}.name`,
                value: site.name,
                message: `${earlier}.name has the same name; resource names would collide.`,
                fix: `give ${field}.name a name of its own.`,
            });
        }
        seen.set(site.name, field);
    }
    const valid = sites.filter(({ site }) => !cidrSyntaxError(site.vpcCidr));
    for (let i = 0; i < valid.length; i++) {
        for (let j = i + 1; j < valid.length; j++) {
            const [a, b] = [valid[i], valid[j]];
            if (overlaps(a.site.vpcCidr, b.site.vpcCidr)) {
                findings.push({
                    severity: "error",
                    code: "hubspoke.sites-overlap",
                    site: b.site.name,
                    field: `${b.field}.vpcCidr`,
                    value: b.site.vpcCidr,
                    message: `overlaps ${a.field}.vpcCidr (${a.site.vpcCidr}) of ${a.site.name}; the hub could not tell which spoke a packet is for.`,
                    fix: `give ${b.site.name} a VPC block no other site uses, e.g. the next free /16 of your address plan.`,
                });
            }
        }
    }
    return findings;
}

/**
 * Local/remote subnets and routes of every connection. With "exact" selectors the hub's end toward a spoke
 * protects the hub and every other spoke (so spoke-to-spoke traffic enters the tunnel at the hub), and the
 * spoke's end mirrors it; both lists are summarised to stay within Alibaba's 10 blocks per side.
 */
export function planHubAndSpoke(shape: HubAndSpokeShape): HubAndSpokePlan {
    const path = shape.configPath ?? "hubAndSpoke";
    const selectors = shape.selectors ?? "exact";
    const strategy = shape.routeStrategy ?? "summary";
    const routingMode: RoutingMode = selectors === "any" ? "destination" : "policy";
    const findings = [...siteChecks(shape, path), ...summaryChecks(shape, path, strategy)];
    const sites = [shape.hub, ...shape.spokes];
    if (findings.length > 0 || sites.some((s) => cidrSyntaxError(s.vpcCidr))) {
        // Bad blocks are reported by the per-site checks; no selectors can be computed from them.
        return { routingMode, connections: [], findings };
    }
    const summary = shape.summaryCidrs ?? mergeCidrs(sites.map((s) => s.vpcCidr));
    const connections = shape.spokes.map((spoke, i): SpokeConnectionPlan => {
        const others = sites.filter((s) => s !== spoke);
        // What the spoke sends to the hub: every other site, or the summary without the spoke's own block (a
        // route covering the VPC's own block would send its unassigned addresses into the tunnel).
        const beyondSpoke = strategy === "summary" ? excludeCidrs(summary, [spoke.vpcCidr]) : mergeCidrs(others.map((s) => s.vpcCidr));
        if (selectors === "exact" && beyondSpoke.length > MAX_CONNECTION_SUBNETS) {
            findings.push({
                severity: "error",
                code: "hubspoke.too-many-selectors",
                site: spoke.name,
                field: `${path}.spokes[${i}]`,
                value: beyondSpoke,
                allowed: `at most ${MAX_CONNECTION_SUBNETS} CIDR blocks per side of a connection`,
                message: `the hub and the other spokes, seen from ${spoke.name}, summarise to ${beyondSpoke.length} blocks; Alibaba takes at most ${MAX_CONNECTION_SUBNETS}.`,
                fix: `allocate the spoke VPCs from one contiguous range (e.g. 10.1.0.0/16, 10.2.0.0/16, ...) and declare it in ${path}.summaryCidrs, or set ${path}.selectors: any (destination routing: 0.0.0.0/0 selectors, the static routes decide).`,
            });
        }
        const elsewhere = strategy === "summary" ? beyondSpoke : others.map((s) => s.vpcCidr);
        const otherSpokes = shape.spokes.filter((s) => s !== spoke).map((s) => s.vpcCidr);
        return {
            spoke: spoke.name,
            hubEnd: {
                site: shape.hub.name,
                localSubnets: beyondSpoke,
                remoteSubnets: [spoke.vpcCidr],
                routeDestinations: [spoke.vpcCidr],
                // With a summary the hub's local side is the whole summary but the spoke: all of it reaches the hub.
                transitSubnets: strategy === "summary" ? excludeCidrs(beyondSpoke, [shape.hub.vpcCidr]) : otherSpokes,
            },
            spokeEnd: {
                site: spoke.name,
                localSubnets: [spoke.vpcCidr],
                remoteSubnets: beyondSpoke,
                routeDestinations: elsewhere,
                transitSubnets: [],
            },
        };
    });
    return { routingMode, connections, findings };
}

/** Declared summary blocks: valid, covering every site, clear of Alibaba's reserved block. */
function summaryChecks(shape: HubAndSpokeShape, path: string, strategy: RouteStrategy): Finding[] {
    const declared = shape.summaryCidrs;
    if (declared === undefined) {
        return [];
    }
    const field = `${path}.summaryCidrs`;
    if (strategy !== "summary") {
        return [
            {
                severity: "error",
                code: "hubspoke.summary-unused",
                field,
                value: declared,
                message: `summary blocks only apply to routeStrategy: summary, and this composition routes ${strategy}.`,
                fix: `set ${path}.routeStrategy: summary, or remove ${field}.`,
            },
        ];
    }
    const findings: Finding[] = [];
    declared.forEach((block, i) => {
        const problem = cidrSyntaxError(block);
        if (problem) {
            findings.push({
                severity: "error",
                code: "hubspoke.bad-summary",
                field: `${field}[${i}]`,
                value: block,
                message: `${problem}.`,
                fix: `write ${field}[${i}] as a CIDR block, e.g. 10.0.0.0/8.`,
            });
        } else if (overlaps(block, RESERVED_ROUTE_BLOCK)) {
            findings.push({
                severity: "error",
                code: "hubspoke.bad-summary",
                field: `${field}[${i}]`,
                value: block,
                message: `overlaps ${RESERVED_ROUTE_BLOCK}, which Alibaba reserves: VPN gateway routes may not overlap it (CreateVpnRouteEntry) and VPC routes may not point into it (CreateRouteEntry).`,
                fix: `use the private range your sites are allocated from (e.g. 10.0.0.0/8 or 172.16.0.0/12).`,
            });
        }
    });
    if (findings.length > 0) {
        return findings;
    }
    const sites = [{ site: shape.hub, field: `${path}.hub` }, ...shape.spokes.map((site, i) => ({ site, field: `${path}.spokes[${i}]` }))];
    for (const { site, field: siteField } of sites) {
        if (!cidrSyntaxError(site.vpcCidr) && !coveredByUnion(declared, site.vpcCidr)) {
            findings.push({
                severity: "error",
                code: "hubspoke.site-outside-summary",
                site: site.name,
                field: `${siteField}.vpcCidr`,
                value: site.vpcCidr,
                message: `is not inside ${field} (${declared.join(", ")}): the other sites route only the summary toward the hub and would never reach ${site.name}.`,
                fix: `add a block covering ${site.vpcCidr} to ${field}, or allocate ${site.name}'s VPC from the summary.`,
            });
        }
    }
    return findings;
}

/**
 * How the sites reach each other.
 * - "vpn-gateway" (default): a VPN gateway per site and IPsec over the Internet between the hub and every spoke.
 *   The hub gateway takes its connections and routes one at a time: the apply grows with the spokes.
 * - "transit-router": Cloud Enterprise Network, Alibaba's answer for many VPCs across regions: a transit router
 *   per region, each VPC attached to its region's, the hub's region peered with every other region. No VPN
 *   gateway, no IPsec, no per-spoke queue on one gateway: the attachments spread over the regions' routers.
 *   Alibaba-to-Alibaba sites only; off-cloud sites keep IPsec (VpnSite, SiteToSiteLink).
 */
export const Transport = {
    VpnGateway: "vpn-gateway",
    TransitRouter: "transit-router",
} as const;
export type Transport = (typeof Transport)[keyof typeof Transport];

/** The transit-router transport's network: routers per region, peers, and each VPC's routes toward its attachment. */
export interface TransitRouterPlan {
    /** Every region with a site, the hub's first: one transit router each. */
    regions: string[];
    /**
     * Every pair of regions, each an inter-region connection started at the first region's router: routes learned
     * over one connection are not assumed to be passed on over another, so no region relies on a third. The
     * starting router alternates so each router starts about (regions - 1) / 2 of them, not the hub's all.
     */
    peerings: Array<[string, string]>;
    /** Per site (hub first): the VPC routes it sends to its transit router attachment. */
    sites: Array<{ site: string; region: string; routeDestinations: string[] }>;
}

/**
 * Plans the transit routers: the same route strategy as the VPN gateways (each VPC routes the summary minus its
 * own block, or every other site's block), toward its attachment. The hub is a VPC like the others here: transit
 * routers carry spoke-to-spoke traffic without it.
 */
export function planTransitRouters(shape: HubAndSpokeShape): TransitRouterPlan {
    const sites = [shape.hub, ...shape.spokes];
    const strategy = shape.routeStrategy ?? "summary";
    const summary = shape.summaryCidrs ?? mergeCidrs(sites.map((s) => s.vpcCidr));
    const regions = [...new Set(sites.map((s) => s.region))];
    return {
        regions,
        peerings: balancedPeerings(regions),
        sites: sites.map((site) => ({
            site: site.name,
            region: site.region,
            routeDestinations:
                strategy === "summary" ? excludeCidrs(summary, [site.vpcCidr]) : sites.filter((s) => s !== site).map((s) => s.vpcCidr),
        })),
    };
}

/** Every pair of regions once, each started by whichever of the two has started fewer so far. */
function balancedPeerings(regions: readonly string[]): Array<[string, string]> {
    const started = new Map(regions.map((r) => [r, 0]));
    return regions.flatMap((a, i) =>
        regions.slice(i + 1).map((b): [string, string] => {
            const [from, to] = started.get(b)! < started.get(a)! ? [b, a] : [a, b];
            started.set(from, started.get(from)! + 1);
            return [from, to];
        }),
    );
}

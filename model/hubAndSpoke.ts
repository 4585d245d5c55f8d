// Hub-and-spoke over Alibaba VPN gateways (seed 002): one hub VPC, spoke VPCs in any regions, one IPsec
// connection per spoke between the spoke's gateway and the hub's. Spoke-to-spoke traffic transits the hub,
// so every connection must protect, and every route table must send, the right CIDRs. The author of seed
// 002 worked them out by hand; this module computes them.
import { MAX_CONNECTION_SUBNETS } from "./alibaba";
import { cidrSyntaxError, mergeCidrs, overlaps } from "./cidr";
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

export interface HubAndSpokeShape {
    hub: SiteShape;
    spokes: SiteShape[];
    selectors?: SelectorPolicy;
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
     * One VPN-gateway static route and one VPC route entry per destination: per site, not summarised, so
     * adding or removing a spoke adds or removes exactly the routes toward it.
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
    const routingMode: RoutingMode = selectors === "any" ? "destination" : "policy";
    const findings = siteChecks(shape, path);
    const sites = [shape.hub, ...shape.spokes];
    if (findings.length > 0 || sites.some((s) => cidrSyntaxError(s.vpcCidr))) {
        // Bad blocks are reported by the per-site checks; no selectors can be computed from them.
        return { routingMode, connections: [], findings };
    }
    const connections = shape.spokes.map((spoke, i): SpokeConnectionPlan => {
        const others = sites.filter((s) => s !== spoke);
        const beyondSpoke = mergeCidrs(others.map((s) => s.vpcCidr));
        if (selectors === "exact" && beyondSpoke.length > MAX_CONNECTION_SUBNETS) {
            findings.push({
                severity: "error",
                code: "hubspoke.too-many-selectors",
                site: spoke.name,
                field: `${path}.spokes[${i}]`,
                value: beyondSpoke,
                allowed: `at most ${MAX_CONNECTION_SUBNETS} CIDR blocks per side of a connection`,
                message: `the hub and the other spokes, seen from ${spoke.name}, summarise to ${beyondSpoke.length} blocks; Alibaba takes at most ${MAX_CONNECTION_SUBNETS}.`,
                fix: `allocate the spoke VPCs from one contiguous range (e.g. 10.1.0.0/16, 10.2.0.0/16, ...) so they summarise, or set ${path}.selectors: any (destination routing: 0.0.0.0/0 selectors, the static routes decide).`,
            });
        }
        const elsewhere = others.map((s) => s.vpcCidr);
        return {
            spoke: spoke.name,
            hubEnd: {
                site: shape.hub.name,
                localSubnets: beyondSpoke,
                remoteSubnets: [spoke.vpcCidr],
                routeDestinations: [spoke.vpcCidr],
                transitSubnets: shape.spokes.filter((s) => s !== spoke).map((s) => s.vpcCidr),
            },
            spokeEnd: { site: spoke.name, localSubnets: [spoke.vpcCidr], remoteSubnets: beyondSpoke, routeDestinations: elsewhere, transitSubnets: [] },
        };
    });
    return { routingMode, connections, findings };
}

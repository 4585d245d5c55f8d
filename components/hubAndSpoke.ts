import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { TunnelRole } from "../model/alibaba";
import { Routing } from "../model/bgp";
import { HubAndSpokeBgpArgs, planHubAndSpokeBgp } from "../model/bgpHubAndSpoke";
import { checkTopology, withoutRepeats } from "../checks";
import { Finding, assertNoErrors, formatFinding } from "../model/findings";
import { checkZonesInRegion } from "../model/gateway";
import { HubSpec, PaymentType, checkHubArgs, planHub } from "../model/hub";
import {
    ConnectionEnd,
    HubAndSpokePlan,
    RouteStrategy,
    SelectorPolicy,
    Transport,
    TransitRouterPlan,
    planHubAndSpoke,
    planTransitRouters,
} from "../model/hubAndSpoke";
import { IpsecProfileInput } from "../model/profile";
import { QuotaLimits, QuotaUsage, checkQuotas } from "../model/quotas";
import { renameFindingKeys } from "../model/site";
import { AlibabaSite, Topology, blockList } from "../model/topology";
import { LinkArgs, SiteToSiteLink, checkSiteToSiteLink } from "./siteToSiteLink";
import { TransitRouterResources, createTransitRouterNetwork } from "./transitRouter";
import { VpnHub, VpnHubArgs } from "./vpnHub";

/** One site: a VPC with a VPN gateway in a region. */
export interface HubSiteArgs extends HubSpec {
    /** The site's name: it names the VPC, the gateway and the connections ("tokyo", "shanghai"). */
    name: string;
    /** Alibaba region id, e.g. "ap-northeast-1". */
    region: string;
}

export interface HubAndSpokeArgs {
    hub: HubSiteArgs;
    spokes: HubSiteArgs[];
    /** One profile for every connection, both ends. Default: the library's (IKEv2, aes256, sha256, group14). */
    profile?: IpsecProfileInput;
    /** "exact" (default): selectors list the sites' CIDRs; "any": 0.0.0.0/0 selectors, routes decide. */
    selectors?: SelectorPolicy;
    /**
     * Default "static": per-site routes on every gateway and VPC. "bgp": eBGP per tunnel between the hub and each
     * spoke (0.0.0.0/0 selectors), the spokes learn each other through the hub, the gateways propagate into the VPCs.
     */
    routing?: Routing;
    /** ASNs and the tunnels' /30 pool with routing: bgp (model/bgpHubAndSpoke.ts). */
    bgp?: HubAndSpokeBgpArgs;
    /**
     * "summary" (default): each spoke routes the summary minus its own VPC (a few blocks, constant as spokes are
     * added); "per-site": one route per other site on every spoke (grows with the square of the spokes).
     */
    routeStrategy?: RouteStrategy;
    /**
     * The address plan all sites are allocated from, all of it reached through the hub (e.g. ["10.0.0.0/8"]).
     * With it, adding or removing a spoke touches no other spoke. Default: the merge of the sites' blocks.
     */
    summaryCidrs?: string[];
    /** The account's quotas where raised above Alibaba's defaults (checked before anything is created). */
    quotas?: QuotaLimits;
    /**
     * "vpn-gateway" (default): a VPN gateway per site, IPsec between the hub and every spoke. "transit-router":
     * Cloud Enterprise Network transit routers instead (no gateways, no IPsec; see README, Performance).
     */
    transport?: Transport;
    /** Transit-router transport: the maximum bandwidth of each inter-region connection, Mbit/s (pay by data transfer). Default 10. */
    interRegionBandwidth?: number;
    /** Billing of every gateway. Default "PayAsYouGo". */
    paymentType?: PaymentType;
    tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
    /** The dotted prefix of the user's config, for error messages. Default: the component's name. */
    configPath?: string;
}

const ROLES: readonly TunnelRole[] = ["master", "slave"];

/** Options of a HubAndSpoke: a component's options, plus an alicloud provider per region. */
export interface HubAndSpokeOptions extends pulumi.ComponentResourceOptions {
    /** A provider per region. Regions without one get a provider created here (credentials from the environment). */
    regionProviders?: Record<string, alicloud.Provider>;
}

function siteHubArgs(site: HubSiteArgs, args: HubAndSpokeArgs, configPath: string): VpnHubArgs {
    const { name: _name, region: _region, ...hubArgs } = site;
    // HubAndSpoke reports every warning once itself (checkHubAndSpoke de-duplicates them across sites and links).
    return {
        ...hubArgs,
        paymentType: site.paymentType ?? args.paymentType,
        tags: args.tags,
        configPath,
        logWarnings: false,
        ...(args.routing === "bgp" ? { autoPropagate: true } : {}),
    };
}

/** The link arguments of both ends of every connection, from the plan: plain values only. */
function linkPlans(args: HubAndSpokeArgs, plan: HubAndSpokePlan, path: string) {
    const profile = args.profile;
    // BGP: each end its ASN, the peer's, and the tunnels' /30s; no static routes (the gateways learn them).
    const tunnelCount = (args.hub.tunnelMode ?? "dual") === "dual" ? 2 : 1;
    const bgp = args.routing === "bgp" ? planHubAndSpokeBgp(args.hub, args.spokes, args.bgp ?? {}, tunnelCount, path).connections : [];
    const bgpArgs = (i: number, end: "hubEnd" | "spokeEnd") =>
        bgp[i] ? { routing: "bgp" as const, bgp: bgp[i][end].bgp, peerAsn: bgp[i][end].peerAsn, gatewayRouteDestinations: undefined, vpcRouteDestinations: undefined } : {};
    // Each end names itself with localId and the other with remoteId: the spoke end swaps them.
    const mirrored: IpsecProfileInput | undefined = profile && { ...profile, localId: profile.remoteId, remoteId: profile.localId };
    const endArgs = (end: ConnectionEnd, endProfile: IpsecProfileInput | undefined): Omit<LinkArgs, "peerPublicIp"> => ({
        peerSubnets: end.remoteSubnets,
        alibabaSubnets: end.localSubnets,
        transitSubnets: end.transitSubnets,
        gatewayRouteDestinations: end.routeDestinations,
        vpcRouteDestinations: end.routeDestinations,
        profile: endProfile,
        routingMode: plan.routingMode,
        // Both ends are Alibaba gateways this component configures: there is no peer device to render for.
        peerPlatforms: [],
        configPath: path,
        logWarnings: false,
    });
    return plan.connections.map((connection, i) => {
        const spoke = args.spokes[i];
        const hubEnd = { ...endArgs(connection.hubEnd, profile), ...bgpArgs(i, "hubEnd") };
        const spokeEnd = { ...endArgs(connection.spokeEnd, mirrored), ...bgpArgs(i, "spokeEnd") };
        return { spoke, hubLink: `${args.hub.name}-to-${spoke.name}`, spokeLink: `${spoke.name}-to-${args.hub.name}`, hubEnd, spokeEnd };
    });
}

/**
 * The planned network for the whole-topology pass (checks/): every site with its vSwitches, both ends of
 * every connection, every route, and the declared transit through the hub.
 */
export function hubAndSpokeTopology(args: HubAndSpokeArgs, plan: HubAndSpokePlan, path: string): Topology {
    const fields = new Map([[args.hub.name, `${path}.hub`], ...args.spokes.map((s, i): [string, string] => [s.name, `${path}.spokes[${i}]`])]);
    const site = (s: HubSiteArgs): AlibabaSite => {
        const field = fields.get(s.name)!;
        return {
            kind: "alibaba",
            name: s.name,
            region: s.region,
            vpc: { cidr: s.vpcCidr, field: `${field}.vpcCidr` },
            vswitches: s.vswitches.map((v, i) => ({ name: v.name ?? `${s.name}-${v.zoneId}`, cidr: v.cidr, field: `${field}.vswitches[${i}].cidr` })),
            gateway: { bandwidth: s.bandwidth, bandwidthField: `${field}.bandwidth` },
        };
    };
    const topology: Topology = {
        name: path,
        sites: [args.hub, ...args.spokes].map(site),
        connections: [],
        vpcRoutes: [],
        gatewayRoutes: [],
        tunnelPools: [],
        wellKnownRanges: [],
        transits: [{ hub: args.hub.name, spokes: args.spokes.map((s) => s.name), field: `${path}.spokes`, summary: args.summaryCidrs }],
    };
    for (const link of linkPlans(args, plan, path)) {
        const spokeField = fields.get(link.spoke.name)!;
        for (const [name, owner, peer, end] of [
            [link.hubLink, args.hub.name, link.spoke.name, link.hubEnd],
            [link.spokeLink, link.spoke.name, args.hub.name, link.spokeEnd],
        ] as const) {
            // The selectors and routes are computed from the sites' blocks: a finding about them names the spoke.
            topology.connections.push({
                name,
                site: owner,
                peer,
                localSubnets: blockList(spokeField, end.alibabaSubnets ?? []),
                remoteSubnets: blockList(spokeField, end.peerSubnets),
                routingMode: end.routingMode,
                path,
                profile: end.profile,
            });
            // BGP: the routes the gateway learns (the peer's announcements) and propagates into its VPC.
            const learned = "routing" in end && end.routing === "bgp" ? (end.bgp?.peerAnnounces ?? []) : undefined;
            for (const destination of end.vpcRouteDestinations ?? learned ?? []) {
                topology.vpcRoutes.push({ site: owner, destination, field: spokeField, nextHop: { kind: "vpnGateway" } });
            }
            for (const destination of end.gatewayRouteDestinations ?? learned ?? []) {
                topology.gatewayRoutes.push({ site: owner, destination, field: spokeField, connection: name });
            }
        }
    }
    return topology;
}

export function transitRouterPlan(args: HubAndSpokeArgs): TransitRouterPlan {
    return planTransitRouters({ hub: args.hub, spokes: args.spokes, routeStrategy: args.routeStrategy, summaryCidrs: args.summaryCidrs });
}

/** What the plan puts on each site's gateway and route table, counted per quota. */
export function quotaUsage(args: HubAndSpokeArgs, plan: HubAndSpokePlan, path: string): QuotaUsage[] {
    const usage = new Map<string, QuotaUsage>();
    usage.set(args.hub.name, { site: args.hub.name, field: `${path}.hub`, counts: {} });
    args.spokes.forEach((s, i) => usage.set(s.name, { site: s.name, field: `${path}.spokes[${i}]`, counts: {} }));
    for (const connection of plan.connections) {
        for (const end of [connection.hubEnd, connection.spokeEnd]) {
            const counts = usage.get(end.site)!.counts;
            counts.ipsecConnectionsPerGateway = (counts.ipsecConnectionsPerGateway ?? 0) + 1;
            counts.vpnRouteEntriesPerGateway = (counts.vpnRouteEntriesPerGateway ?? 0) + end.routeDestinations.length;
            counts.vpcRouteEntriesPerTable = (counts.vpcRouteEntriesPerTable ?? 0) + end.routeDestinations.length;
        }
    }
    return [...usage.values()];
}

/**
 * Every finding about a hub-and-spoke topology, from plain values: each site's hub checks, the plan's
 * (duplicate names, overlapping VPCs, selector limits), and both ends of every connection. Stacks call it
 * before creating anything; the component calls it again.
 */
export function checkHubAndSpoke(args: HubAndSpokeArgs, path: string): { plan: HubAndSpokePlan; findings: Finding[] } {
    const sites = [{ site: args.hub, field: `${path}.hub` }, ...args.spokes.map((site, i) => ({ site, field: `${path}.spokes[${i}]` }))];
    const findings: Finding[] = sites.flatMap(({ site, field }) => checkHubArgs(siteHubArgs(site, args, field), field, site.name));
    sites.forEach(({ site, field }) => {
        // Each site has its own region: the fix corrects that key, not alicloud:region.
        for (const finding of checkZonesInRegion(site.vswitches, site.region, `${field}.vswitches`, site.name)) {
            findings.push({
                ...finding,
                code: "hubspoke.zone-not-in-region",
                message: finding.message.replace("the stack's region", "the site's region"),
                fix: finding.fix.replace("change alicloud:region", `correct ${field}.region`),
            });
        }
    });
    const modes = new Set(sites.map(({ site }) => site.tunnelMode ?? "dual"));
    if (modes.size > 1) {
        findings.push({
            severity: "error",
            code: "hubspoke.mixed-tunnel-modes",
            field: `${path}.spokes`,
            value: sites.map(({ site }) => `${site.name}: ${site.tunnelMode ?? "dual"}`),
            message: "every gateway of a hub-and-spoke must have the same tunnel mode: a dual-tunnel end pairs its master and slave tunnels with the other end's.",
            fix: "set tunnelMode to the same value (dual, unless a site has a legacy single-tunnel gateway) on the hub and every spoke.",
        });
    }
    // BGP runs on route-based connections (0.0.0.0/0 selectors, the learned routes decide); transit routers carry
    // no IPsec selectors, so Alibaba's 10 blocks per side do not apply to them.
    const selectors = args.routing === "bgp" || args.transport === "transit-router" ? "any" : args.selectors;
    const plan = planHubAndSpoke({
        hub: args.hub,
        spokes: args.spokes,
        selectors,
        routeStrategy: args.routeStrategy,
        summaryCidrs: args.summaryCidrs,
        configPath: path,
    });
    findings.push(...plan.findings);
    if (args.routing === "bgp" && plan.findings.length === 0) {
        findings.push(...planHubAndSpokeBgp(args.hub, args.spokes, args.bgp ?? {}, (args.hub.tunnelMode ?? "dual") === "dual" ? 2 : 1, path).findings);
    }
    if (findings.some((f) => f.severity === "error")) {
        return { plan, findings };
    }
    if (args.transport === "transit-router") {
        // No gateways and no IPsec: only the VPC route tables' quota applies, and the sites' own checks above.
        const usage = transitRouterPlan(args).sites.map((s, i): QuotaUsage => ({
            site: s.site,
            field: i === 0 ? `${path}.hub` : `${path}.spokes[${i - 1}]`,
            counts: { vpcRouteEntriesPerTable: s.routeDestinations.length },
        }));
        findings.push(...checkQuotas(usage, args.quotas, `${path}.quotas`));
        // "exact" selectors are the default (stack configs always carry it): only a choice the user made is worth a word.
        const ignored = [...(args.profile !== undefined ? ["profile"] : []), ...(args.selectors === "any" ? ["selectors"] : [])];
        if (ignored.length > 0) {
            findings.push({
                severity: "warning",
                code: "hubspoke.ignored-for-transit-router",
                field: `${path}.${ignored[0]}`,
                value: ignored,
                message: `the transit-router transport builds no IPsec connection, so ${ignored.join(" and ")} ${ignored.length > 1 ? "have" : "has"} no effect.`,
                fix: `remove ${ignored.map((k) => `${path}.${k}`).join(" and ")}, or set ${path}.transport: vpn-gateway.`,
            });
        }
        return { plan, findings };
    }
    findings.push(...checkQuotas(quotaUsage(args, plan, path), args.quotas, `${path}.quotas`));
    const shape = (site: HubSiteArgs) => ({ name: site.name, vpcCidr: site.vpcCidr, tunnelMode: site.tunnelMode ?? "dual" });
    // The ends' selectors and routes are computed from the sites' vpcCidr keys, and the spoke end's profile mirrors
    // localId and remoteId: findings name the key the user wrote (a site's vpcCidr, profile.remoteId), not the
    // derived list. Blocks that summarise several sites name the spoke.
    const siteFields = new Map(sites.map(({ site, field }) => [site.vpcCidr, `${field}.vpcCidr`]));
    const endKeys = (end: Pick<LinkArgs, "peerSubnets" | "alibabaSubnets" | "vpcRouteDestinations" | "gatewayRouteDestinations">, endPath: string, spokeField: string, mirrored: boolean): { [argumentPath: string]: string } => ({
        ...Object.fromEntries(
            (["peerSubnets", "alibabaSubnets", "vpcRouteDestinations", "gatewayRouteDestinations"] as const).flatMap((key) =>
                (end[key] ?? []).map((block, j) => [`${endPath}.${key}[${j}]`, siteFields.get(block) ?? spokeField]),
            ),
        ),
        ...(mirrored ? { [`${endPath}.profile.localId`]: `${path}.profile.remoteId`, [`${endPath}.profile.remoteId`]: `${path}.profile.localId` } : {}),
        [`${endPath}.profile`]: `${path}.profile`,
        [endPath]: spokeField,
    });
    const seen = new Set<string>();
    for (const [i, link] of linkPlans(args, plan, path).entries()) {
        const spokeField = `${path}.spokes[${i}]`;
        for (const [site, name, end, mirrored] of [
            [args.hub, link.hubLink, link.hubEnd, false],
            [link.spoke, link.spokeLink, link.spokeEnd, true],
        ] as const) {
            const endPath = `${path}.~${name}`;
            const endFindings = checkSiteToSiteLink(shape(site), name, { ...end, configPath: endPath });
            for (const finding of renameFindingKeys(endFindings, endKeys(end, endPath, spokeField, mirrored))) {
                // The profile is shared: report each of its findings once, not once per connection end.
                const key = `${finding.code}|${finding.field}|${finding.message}`;
                if (!seen.has(key)) {
                    seen.add(key);
                    findings.push(finding);
                }
            }
        }
    }
    // The whole-network pass (overlaps with Docker's bridge, routes against selectors, transit), reported once
    // where it repeats a finding above.
    findings.push(...withoutRepeats(findings, checkTopology(hubAndSpokeTopology(args, plan, path), { elements: false })));
    return { plan, findings };
}

/**
 * Seed 002's topology as one component: a VPC, vSwitches and VPN gateway per site, each in its own region,
 * and between the hub and every spoke an IPsec connection on both gateways with the same profile and keys.
 * Every connection protects, and every route table sends, the hub and the other spokes through the hub.
 *
 * Creation order: the hub's connections one after another (the API refuses concurrent CreateVpnConnection
 * on one gateway), each spoke's gateway and connection in parallel with the others.
 */
export class HubAndSpoke extends pulumi.ComponentResource {
    /** Per site: region, VPC block, VPC id, gateway id and its public addresses. */
    readonly sites: pulumi.Output<{ [site: string]: HubAndSpokeSite }>;
    /** The connection on the hub's gateway toward each spoke, by spoke name. */
    readonly hubConnectionIds: pulumi.Output<{ [spoke: string]: string }>;
    /** The connection on each spoke's gateway toward the hub, by spoke name. */
    readonly spokeConnectionIds: pulumi.Output<{ [spoke: string]: string }>;
    /** The checks' warnings, one line each (also sent to pulumi.log.warn). */
    readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: HubAndSpokeArgs, opts?: HubAndSpokeOptions) {
        // Checked before super(), like VpnHub and SiteToSiteLink: a refused topology registers nothing at all.
        const path = args.configPath ?? name;
        const { plan, findings } = checkHubAndSpoke(args, path);
        const warnings = assertNoErrors(findings);
        const { regionProviders, ...componentOpts } = opts ?? {};
        super("alicloud-vpn:index:HubAndSpoke", name, {}, componentOpts);
        warnings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        const spokes: Record<string, VpnHub> = {};
        const hubLinks: Record<string, SiteToSiteLink> = {};
        const spokeLinks: Record<string, SiteToSiteLink> = {};

        const regions = [...new Set([args.hub, ...args.spokes].map((s) => s.region))];
        const providers = Object.fromEntries(
            regions.map((region) => [region, regionProviders?.[region] ?? new alicloud.Provider(`${name}-${region}`, { region }, { parent: this })]),
        );
        const inRegion = (region: string) => ({ parent: this, providers: [providers[region]] });
        if (args.transport === "transit-router") {
            const all = [args.hub, ...args.spokes];
            const network = createTransitRouterNetwork(
                name,
                all.map((s) => ({ plan: planHub(s.name, s), region: s.region })),
                transitRouterPlan(args),
                args.interRegionBandwidth ?? 10,
                providers,
                args.tags,
                this,
            );
            // No gateways: the sites report their VPCs only.
            const site = (s: HubSiteArgs, vpcId: string): HubAndSpokeSite => ({
                region: s.region,
                vpcCidr: s.vpcCidr,
                vpcId,
                vpnGatewayId: "",
                gatewayIps: [],
            });
            const vpcIds = pulumi.all(all.map((s) => network.vpcs[s.name].id));
            this.sites = vpcIds.apply((ids) => Object.fromEntries(ids.map((id, i) => [all[i].name, site(all[i], id)])));
            this.hubConnectionIds = pulumi.output<{ [spoke: string]: string }>({});
            this.spokeConnectionIds = pulumi.output<{ [spoke: string]: string }>({});
            this.warnings = pulumi.output(warnings.map(formatFinding));
            const details = { spokes: {}, hubLinks: {}, spokeLinks: {}, providers, plan, findings: warnings, transitRouters: network };
            hubAndSpokeDetails.set(this, details);
            this.registerOutputs({
                sites: this.sites,
                hubConnectionIds: this.hubConnectionIds,
                spokeConnectionIds: this.spokeConnectionIds,
                warnings: this.warnings,
            });
            return;
        }
        const site = (s: HubSiteArgs, field: string) => new VpnHub(s.name, siteHubArgs(s, args, field), inRegion(s.region));

        const hub = site(args.hub, `${path}.hub`);
        args.spokes.forEach((spoke, i) => {
            spokes[spoke.name] = site(spoke, `${path}.spokes[${i}]`);
        });
        const dual = (args.hub.tunnelMode ?? "dual") === "dual";

        for (const link of linkPlans(args, plan, path)) {
            const spokeHub = spokes[link.spoke.name];
            // One key per tunnel, shared by its two ends: master with master, slave with slave.
            const psks = ROLES.slice(0, dual ? 2 : 1).map(
                (role) =>
                    new random.RandomPassword(
                        `${args.hub.name}-${link.spoke.name}-psk-${role}`,
                        { length: 32, special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
                        { parent: this },
                    ).result,
            );
            // Both ends take the same reference of their own gateway: the hub's connections queue one after another.
            hubLinks[link.spoke.name] = new SiteToSiteLink(
                link.hubLink,
                {
                    ...link.hubEnd,
                    gateway: hub.reference(),
                    peerPublicIp: spokeHub.internetIp,
                    peerSecondaryPublicIp: dual ? spokeHub.disasterRecoveryInternetIp : undefined,
                    psks,
                },
                inRegion(args.hub.region),
            );
            spokeLinks[link.spoke.name] = new SiteToSiteLink(
                link.spokeLink,
                {
                    ...link.spokeEnd,
                    gateway: spokeHub.reference(),
                    peerPublicIp: hub.internetIp,
                    peerSecondaryPublicIp: dual ? hub.disasterRecoveryInternetIp : undefined,
                    psks,
                },
                inRegion(link.spoke.region),
            );
        }

        const all = [args.hub, ...args.spokes];
        const hubs = [hub, ...args.spokes.map((s) => spokes[s.name])];
        this.sites = pulumi
            .all(hubs.map((h) => pulumi.all([h.vpcId, h.vpnGatewayId, h.internetIp, h.disasterRecoveryInternetIp])))
            .apply((values) =>
                Object.fromEntries(
                    values.map(([vpcId, vpnGatewayId, ip, drIp], i) => [
                        all[i].name,
                        { region: all[i].region, vpcCidr: all[i].vpcCidr, vpcId, vpnGatewayId, gatewayIps: [ip, drIp].filter(Boolean) },
                    ]),
                ),
            );
        const ids = (links: Record<string, SiteToSiteLink>) => pulumi.all(Object.fromEntries(Object.entries(links).map(([spoke, l]) => [spoke, l.connectionId])));
        this.hubConnectionIds = ids(hubLinks);
        this.spokeConnectionIds = ids(spokeLinks);
        this.warnings = pulumi.output(warnings.map(formatFinding));
        hubAndSpokeDetails.set(this, { hub, spokes, hubLinks, spokeLinks, providers, plan, findings: warnings });
        this.registerOutputs({
            sites: this.sites,
            hubConnectionIds: this.hubConnectionIds,
            spokeConnectionIds: this.spokeConnectionIds,
            warnings: this.warnings,
        });
    }

    /** The hub, the spokes, both ends of every link, the region providers, the plan and the warnings (for stacks, tools, tests). */
    details(): HubAndSpokeDetails {
        return hubAndSpokeDetails.get(this)!;
    }
}

export interface HubAndSpokeSite {
    region: string;
    vpcCidr: string;
    vpcId: string;
    vpnGatewayId: string;
    gatewayIps: string[];
}

export interface HubAndSpokeDetails {
    /** The hub's VpnHub (vpn-gateway transport). */
    hub?: VpnHub;
    spokes: Record<string, VpnHub>;
    hubLinks: Record<string, SiteToSiteLink>;
    spokeLinks: Record<string, SiteToSiteLink>;
    providers: Record<string, alicloud.Provider>;
    plan: HubAndSpokePlan;
    findings: Finding[];
    /** The CEN instance, routers, attachments and routes (transit-router transport). */
    transitRouters?: TransitRouterResources;
}

// Kept beside each component, outside its properties: Pulumi's schema analyzer reads every property as an output.
const hubAndSpokeDetails = new WeakMap<HubAndSpoke, HubAndSpokeDetails>();

// The planner of one Alibaba site: a VPC, its vSwitches and a VPN gateway with every IPsec link attached to it,
// as plain data. It finds every problem of the whole site (each element, then the network as a whole: seed 004's
// loops, overlaps, Docker's bridge, Kubernetes ranges) and returns the resources to create; the components only
// loop over the plan (the shape of awsx's getSubnetSpecs feeding vpc.ts). Pure: no Pulumi.
import { checkTopology, withoutRepeats } from "../checks";
import { everythingUsed } from "../checks/overlaps";
import { RENDERERS, peerCaveats, peerObjection } from "../renderers";
import { TunnelRole } from "./alibaba";
import { BGP_PEER_PLATFORMS, BgpPlan, BgpSpec, Routing, checkGatewayBgp, checkLinkBgp, planLinkBgp } from "./bgp";
import { AlibabaIkeConfig, AlibabaIpsecConfig, alibabaIkeConfig, alibabaIpsecConfig } from "./alibabaConnection";
import { cidrSyntaxError, contains, coveredBy, coveredByUnion, parseCidr } from "./cidr";
import { Finding } from "./findings";
import { checkZonesInRegion } from "./gateway";
import { HubPlan, HubSpec, TunnelMode, checkHubArgs, planHub } from "./hub";
import { LinkSpec, PeerDeviceDetails, checkRouteDestinationLists, PeerPlatform, ResolvedLink, RoutingMode, ValidatedLink, trafficSelectors, validateLink } from "./link";
import { IpsecProfileInput } from "./profile";
import { Block, BlockList, Topology, WellKnownRange, blockList } from "./topology";
import { LinkTranslationSpec, TranslationPlan, pickTranslationBlocks, planTranslation } from "./translation";

export interface HealthCheckSpec {
    /** Source address of the probes: an address in the VPC. */
    sourceIp: string;
    /** Destination of the probes: an address behind the peer. */
    destinationIp: string;
    /** Seconds between probes. Default 3. */
    interval?: number;
    /** Probes lost before the tunnel is declared down. Default 3. */
    retry?: number;
}

/**
 * Alerts when a tunnel of the link fails: a CloudMonitor event rule on the VPN gateway's system events for IPsec
 * phase 1 and phase 2 negotiation failures and health-check failures
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/vpn-gateway-events), sent to a contact group.
 */
export interface LinkAlertsSpec {
    /** The CloudMonitor alert contact group to notify (it must exist: create it in the console or with cms.AlarmContactGroup). */
    contactGroup: string;
    /** Seconds during which a repeated event sends no new notification. Default 600. */
    silenceSeconds?: number;
}

/** The events a link's alerts watch. */
export const LINK_ALERT_EVENTS = ["IpsecPhase1NegoFailed", "IpsecPhase2NegoFailed", "IpsecHealthCheckFailed"];

/** What every link takes as plain data, whichever component creates it: the networks, routes, profile and peer. */
export interface LinkSpecBase extends PeerDeviceDetails {
    /** Networks behind the peer: the connection's remote subnets. */
    peerSubnets: string[];
    /** Networks on the Alibaba side: the connection's local subnets. Default: the hub's VPC block. */
    alibabaSubnets?: string[];
    /**
     * Networks outside the hub's VPC that reach its gateway through the gateway's other connections (the
     * other spokes of a hub-and-spoke). Local subnets inside them are expected, not warned about.
     */
    transitSubnets?: string[];
    /**
     * Destinations of the VPC route entries toward the gateway. Default: peerSubnets. Each must lie inside
     * peerSubnets, or the gateway receives traffic it never encrypts (seed 004, case 1).
     */
    vpcRouteDestinations?: string[];
    /**
     * Destinations of the VPN gateway's static routes into this connection. Default: peerSubnets. Each must
     * lie inside peerSubnets (policy-based routing), for the same reason as vpcRouteDestinations.
     */
    gatewayRouteDestinations?: string[];
    /** IKE and IPsec parameters of both ends. Default: IKEv2, aes256, sha256, group14, PFS group14, DPD, NAT-T. */
    profile?: IpsecProfileInput;
    /** Default "policy": the subnets are the traffic selectors. "destination": 0.0.0.0/0 both ways, routes decide. */
    routingMode?: RoutingMode;
    /** Peer platforms whose configs to render. Default: every platform that can express the link. */
    peerPlatforms?: PeerPlatform[];
    /** The peer's BGP AS number, recorded on the customer gateway. Required with routing: bgp. */
    peerAsn?: number;
    /** Default "static": gateway and VPC route entries. "bgp": one eBGP session per tunnel, routes propagated into the VPC. */
    routing?: Routing;
    /** The tunnels' BGP addresses and what each side announces (with routing: bgp; model/bgp.ts). */
    bgp?: BgpSpec;
    /** Alibaba's health check of a single-tunnel connection. */
    healthCheck?: HealthCheckSpec;
    /** Opt-in: notify a CloudMonitor contact group when a tunnel fails to negotiate or its health check fails. */
    alerts?: LinkAlertsSpec;
    /** The dotted prefix of the user's config, for error messages. Default: the link's name. */
    configPath?: string;
}

/** A link's plain values: what the planner checks. Values only known at deployment (another gateway's address, keys from elsewhere) are left out. */
export interface LinkPlanInput extends LinkSpecBase {
    /** The peer's public IPv4 address, when known before deployment. */
    peerPublicIp?: string;
    /** Whether the slave tunnel ends at a second peer address (a customer gateway of its own). */
    separateSlavePeer?: boolean;
    /** Pre-shared keys given as plain text: one for every tunnel, or one per tunnel (master first). */
    psks?: string[];
    /**
     * Leave the routes-against-selectors check to the whole-topology pass (route.outside-remote-subnets), which
     * also offers a summary that covers them all. VpnSite runs that pass; a lone SiteToSiteLink does not.
     */
    routesCheckedByTopology?: boolean;
    /** Where findings about peerSubnets[i] point when those blocks were derived from other keys (LinkSpec.peerSubnetFields). */
    peerSubnetFields?: readonly string[];
    /** The key a fix may suggest for destination routing; false where the user's config has none (LinkSpec.routingModeField). */
    routingModeField?: string | false;
}

/** What a link's checks need of its gateway: plain values, known before the gateway exists. */
export interface GatewayShape {
    /** The hub's name, for resource descriptions and messages. */
    name: string;
    vpcCidr: string;
    tunnelMode?: TunnelMode;
}

/** What to create for one link. */
export interface LinkPlan {
    name: string;
    validated: ValidatedLink;
    /** The tunnels of the connection: master, then slave on dual-tunnel gateways. */
    tunnelRoles: TunnelRole[];
    /** Customer gateways: one, or a second one for the slave tunnel's own peer address. */
    customerGateways: Array<{ resourceName: string; name: string }>;
    /** Index into customerGateways per tunnel. */
    tunnelCustomerGateway: number[];
    selectors: { alibaba: string[]; peer: string[] };
    ike: AlibabaIkeConfig;
    ipsec: AlibabaIpsecConfig;
    healthCheck?: { enable: boolean; sip: string; dip: string; interval: number; retry: number };
    gatewayRoutes: Array<{ resourceName: string; destination: string }>;
    vpcRoutes: Array<{ resourceName: string; destination: string; name: string; description: string }>;
    /** Platforms to render the peer's configuration for: those asked for, or every one that can express the link. */
    peerPlatforms: PeerPlatform[];
    /** BGP per tunnel (routing: bgp): then gatewayRoutes and vpcRoutes are empty and the gateway propagates learned routes. */
    bgp?: BgpPlan;
    /** The CloudMonitor event rule of the link's alerts, when asked for. */
    alertRule?: { resourceName: string; ruleName: string; contactGroup: string; silenceSeconds: number; events: string[] };
    /** A translated link (overlapping networks): its VPC NAT gateway; selectors and routes above carry the translated blocks. */
    translation?: TranslationPlan;
}

/** "192.168.10.0/24" -> "192-168-10-0-24", for resource names. */
export function slug(cidr: string): string {
    return cidr.replace(/[./]/g, "-");
}

/** The plain part of a resolved link: what is known before any resource exists. */
export function linkShape(validated: ValidatedLink): Omit<ResolvedLink, "tunnels" | "connectionId"> {
    return {
        name: validated.spec.name,
        profile: validated.profile,
        routingMode: validated.routingMode,
        // A placeholder when the address is only known later: renderers only print it.
        peerPublicIp: validated.spec.peerPublicIp ?? "203.0.113.1",
        alibabaSubnets: validated.spec.alibabaSubnets,
        peerSubnets: validated.spec.peerSubnets,
        ...peerDeviceDetails(validated.spec),
    };
}

/** The peer device's details of a link's arguments, without unset fields. */
export function peerDeviceDetails(args: PeerDeviceDetails): PeerDeviceDetails {
    const { probeAddress, probeSource, peerBehindNat, peerDevice } = args;
    return JSON.parse(JSON.stringify({ probeAddress, probeSource, peerBehindNat, peerDevice }));
}

/**
 * Every finding about one link, from plain values only: the profile and selectors (validateLink), routes
 * against selectors (seed 004), local subnets outside the VPC, and peer platforms that cannot express it.
 */
export function checkLink(gateway: GatewayShape, name: string, args: LinkPlanInput): { validated: ValidatedLink; findings: Finding[] } {
    const path = args.configPath ?? name;
    const spec: LinkSpec = {
        name,
        peerPublicIp: args.peerPublicIp,
        alibabaSubnets: args.alibabaSubnets ?? [gateway.vpcCidr],
        peerSubnets: args.peerSubnets,
        profile: args.profile,
        routingMode: args.routingMode,
        psk: args.psks,
        peerAsn: args.peerAsn,
        peerSubnetFields: args.peerSubnetFields,
        routingModeField: args.routingModeField,
        ...peerDeviceDetails(args),
    };
    const validated = validateLink(spec, path);
    const tunnelCount = (gateway.tunnelMode ?? "dual") === "dual" ? 2 : 1;
    const bgp = checkLinkBgp({ ...args, alibabaSubnets: spec.alibabaSubnets }, tunnelCount, name, path);
    // A BGP link's platforms are checked by checkLinkBgp (which can write BGP); the profile checks still apply.
    const routeArgs = args.routing === "bgp" ? { ...args, vpcRouteDestinations: undefined, gatewayRouteDestinations: undefined } : args;
    return {
        validated,
        findings: [
            ...validated.findings,
            ...checkRoutesAndPeers(gateway, routeArgs, validated, path),
            ...checkHealthCheck(gateway, args, name, path),
            ...checkAlerts(args, name, path),
            ...bgp,
        ],
    };
}

/**
 * A health check exists only on single-tunnel connections: CreateVpnConnection on a dual-tunnel gateway takes
 * ClientToken, Name, EffectImmediately, AutoConfigRoute, Tags, TunnelOptionsSpecification and EnableTunnelsBgp,
 * and no HealthCheckConfig (usage notes, https://www.alibabacloud.com/help/doc-detail/53042.htm); the tunnel options
 * have no health check either (provider: tunnel_options_specification in resource_alicloud_vpn_connection.go).
 */
function checkHealthCheck(gateway: GatewayShape, args: LinkPlanInput, site: string, path: string): Finding[] {
    if (!args.healthCheck || (gateway.tunnelMode ?? "dual") !== "dual") {
        return [];
    }
    return [
        {
            severity: "error",
            code: "link.health-check-dual-tunnel",
            site,
            field: `${path}.healthCheck`,
            value: args.healthCheck,
            message: "a dual-tunnel IPsec connection takes no health check: Alibaba's API accepts HealthCheckConfig only on single-tunnel connections, and each tunnel's failure is detected by DPD.",
            fix: `remove ${path}.healthCheck; for a notice when a tunnel fails set ${path}.alerts, and keep profile.dpd on.`,
        },
    ];
}

function checkAlerts(args: LinkPlanInput, site: string, path: string): Finding[] {
    const alerts = args.alerts;
    if (!alerts) {
        return [];
    }
    const findings: Finding[] = [];
    if (typeof alerts.contactGroup !== "string" || alerts.contactGroup.trim() === "") {
        findings.push({
            severity: "error",
            code: "link.alerts-no-contact-group",
            site,
            field: `${path}.alerts.contactGroup`,
            value: alerts.contactGroup,
            message: "the alerts need the name of a CloudMonitor alert contact group to notify.",
            fix: `set ${path}.alerts.contactGroup to an existing contact group (CloudMonitor console, Alert Contacts), or remove ${path}.alerts.`,
        });
    }
    const silence = alerts.silenceSeconds;
    if (silence !== undefined && (!Number.isInteger(silence) || silence < 0)) {
        findings.push({
            severity: "error",
            code: "link.alerts-bad-silence",
            site,
            field: `${path}.alerts.silenceSeconds`,
            value: silence,
            allowed: "a whole number of seconds, 0 or more",
            message: "the silence period is a whole number of seconds.",
            fix: `set ${path}.alerts.silenceSeconds to e.g. 600, or leave it unset.`,
        });
    }
    return findings;
}

function checkRoutesAndPeers(gateway: GatewayShape, args: LinkPlanInput, validated: ValidatedLink, path: string): Finding[] {
    const site = validated.spec.name;
    // In both routing modes: destinations Alibaba refuses, host bits, the same network twice (model/link.ts).
    const findings: Finding[] = checkRouteDestinationLists(args, path, site);
    // Seed 004 case 1: a VPC route sends traffic to the gateway, but no connection selector covers it,
    // so the gateway never encrypts it and the packet loops in the VPC until its TTL runs out.
    if (validated.routingMode === "policy" && !args.routesCheckedByTopology) {
        // Blocks that do not parse are reported by validateLink or the topology pass; coveredBy would throw on them.
        const peerBlocks = validated.spec.peerSubnets.filter((b) => !cidrSyntaxError(b));
        const routeField = (field: "vpcRouteDestinations" | "gatewayRouteDestinations", route: string) =>
            (args[field] ?? []).forEach((dest, i) => {
                if (!cidrSyntaxError(dest) && !coveredBy(peerBlocks, dest)) {
                    findings.push({
                        severity: "error",
                        code: "link.route-outside-selectors",
                        site,
                        field: `${path}.${field}[${i}]`,
                        value: dest,
                        message: `the ${route.replace("DEST", dest)}, but the connection's remote subnets (${validated.spec.peerSubnets.join(", ")}) do not cover it; the gateway would not encrypt it and the packets would loop until their TTL expires (seed 004).`,
                        fix: `add ${dest} (or a block containing it) to ${path}.peerSubnets, or remove it from ${path}.${field}.`,
                    });
                }
            });
        routeField("vpcRouteDestinations", "VPC would route DEST to the VPN gateway");
        routeField("gatewayRouteDestinations", "VPN gateway would route DEST into the connection");
    }
    if (validated.routingMode === "policy") {
        // A local subnet summarising the VPC and a transit block together counts as covered.
        const reachable = [gateway.vpcCidr, ...(args.transitSubnets ?? [])].filter((b) => !cidrSyntaxError(b));
        (validated.spec.alibabaSubnets ?? []).forEach((block, i) => {
            if (!cidrSyntaxError(gateway.vpcCidr) && !cidrSyntaxError(block) && !coveredByUnion(reachable, block)) {
                findings.push({
                    severity: "warning",
                    code: "link.local-subnet-outside-vpc",
                    site,
                    field: `${path}.alibabaSubnets[${i}]`,
                    value: block,
                    message: `${block} is not inside the hub's VPC (${gateway.vpcCidr}); traffic from it reaches the gateway only through other routes (CEN, another VPN).`,
                    fix: `check that ${block} really reaches ${gateway.name}, or remove it.`,
                });
            }
        });
    }
    // Whether the peer can express the link only means something once the profile itself is valid.
    if (validated.findings.some((f) => f.severity === "error")) {
        return findings;
    }
    const tunnelCount = (gateway.tunnelMode ?? "dual") === "dual" ? 2 : 1;
    for (const platform of args.peerPlatforms ?? []) {
        const objection = peerObjection(platform, linkShape(validated), tunnelCount);
        if (objection) {
            // Renderers name profile fields either "ike.dhGroup" or "profile.ike.dhGroup"; the user wrote the latter.
            const field = /^(ike|ipsec)\./.test(objection.field) ? `profile.${objection.field}` : objection.field;
            findings.push({
                severity: "error",
                code: "link.peer-cannot-express",
                site,
                field: `${path}.${field}`,
                value: objection.value,
                message: `the peer platform ${platform} cannot be configured for this link.`,
                fix: objection.fix,
            });
        } else {
            // What the platform can express only in part (a policy-based dual tunnel that cannot fail over outbound).
            for (const caveat of peerCaveats(platform, linkShape(validated), tunnelCount)) {
                findings.push({
                    severity: "warning",
                    code: "link.peer-caveat",
                    site,
                    field: `${path}.peerPlatforms`,
                    value: platform,
                    message: caveat,
                    fix: `read the header of the rendered ${platform} config, or choose a platform or routingMode that avoids it.`,
                });
            }
        }
    }
    return findings;
}

/** The resources of a link that passed checkLink. */
export function planLink(gateway: GatewayShape, name: string, args: LinkPlanInput, validated: ValidatedLink): LinkPlan {
    const dual = (gateway.tunnelMode ?? "dual") === "dual";
    const { profile, routingMode, spec } = validated;
    const tunnelRoles: TunnelRole[] = dual ? ["master", "slave"] : ["master"];
    const twoPeers = dual && args.separateSlavePeer === true;
    const selectors = trafficSelectors({ routingMode, alibabaSubnets: spec.alibabaSubnets, peerSubnets: spec.peerSubnets });
    const tunnelCount = tunnelRoles.length;
    return {
        name,
        validated,
        tunnelRoles,
        customerGateways: twoPeers
            ? [1, 2].map((n) => ({ resourceName: `${name}-cgw-${n}`, name: `${name}-${n}` }))
            : [{ resourceName: `${name}-cgw`, name }],
        tunnelCustomerGateway: tunnelRoles.map((_, i) => (twoPeers ? i : 0)),
        selectors,
        ike: alibabaIkeConfig(profile),
        ipsec: alibabaIpsecConfig(profile),
        healthCheck: args.healthCheck && {
            enable: true,
            sip: args.healthCheck.sourceIp,
            dip: args.healthCheck.destinationIp,
            interval: args.healthCheck.interval ?? 3,
            retry: args.healthCheck.retry ?? 3,
        },
        bgp: planLinkBgp({ ...args, alibabaSubnets: spec.alibabaSubnets }, tunnelRoles),
        // With BGP the gateway learns the peer's networks and propagates them into the VPC: no static routes.
        gatewayRoutes: (args.routing === "bgp" ? [] : (args.gatewayRouteDestinations ?? spec.peerSubnets)).map((destination) => ({
            resourceName: `${name}-gw-route-${slug(destination)}`,
            destination,
        })),
        vpcRoutes: (args.routing === "bgp" ? [] : (args.vpcRouteDestinations ?? spec.peerSubnets)).map((destination) => ({
            resourceName: `${name}-vpc-route-${slug(destination)}`,
            destination,
            name: `${name}-${slug(destination)}`,
            description: `To ${name} through VPN gateway of ${gateway.name}`,
        })),
        alertRule: args.alerts && {
            resourceName: `${name}-alerts`,
            // The rule's name is its id in the account: the gateway's and the link's names keep it unique.
            ruleName: `${gateway.name}-${name}-ipsec`,
            contactGroup: args.alerts.contactGroup,
            silenceSeconds: args.alerts.silenceSeconds ?? 600,
            events: LINK_ALERT_EVENTS,
        },
        // Explicitly requested platforms were checked; by default, every platform that can express the link.
        peerPlatforms: (args.peerPlatforms ?? (Object.keys(RENDERERS) as PeerPlatform[])).filter(
            (p) => !peerObjection(p, linkShape(validated), tunnelCount) && (args.routing !== "bgp" || BGP_PEER_PLATFORMS.includes(p)),
        ),
    };
}

/** A Kubernetes cluster whose pod and Service ranges hosts in the VPC route locally (ACK). */
export interface KubernetesClusterSpec {
    /** For messages, e.g. "hypermotion". */
    name?: string;
    podCidr?: string;
    serviceCidr?: string;
}

export interface SitePlanInput {
    hub: HubSpec;
    /** Every link of the gateway, each with its name (and, for overlapping networks, its translation). */
    links: Array<LinkPlanInput & { name: string; translation?: LinkTranslationSpec }>;
    /** The region, for the topology's picture and messages. */
    region?: string;
    /** vSwitch names (as planned) that host only the gateway: no workload traffic starts there. */
    gatewayOnlyVswitches?: string[];
    kubernetesClusters?: KubernetesClusterSpec[];
    /** Docker's default bridge 172.17.0.0/16 on hosts of the VPC. Default true. */
    dockerDefaultBridge?: boolean;
    /**
     * How findings name keys: from the argument path the planner knows ("site.links[0].vpcRouteDestinations[1]")
     * to the key as the user wrote it ("alicloud-vpn:hypermotion.office.openstack.floatingIpNetwork").
     */
    keyPaths?: { [argumentPath: string]: string };
}

export interface SitePlan {
    hub: HubPlan;
    links: LinkPlan[];
    /** The planned network the whole-topology checks read (and the plan's picture draws). */
    topology: Topology;
}

/**
 * Plans a whole site: every element's checks, then the whole-network pass on the planned topology. Returns
 * every finding (errors and warnings, each reported once, keys renamed as the user wrote them) and, when there
 * is no error, what to create.
 */
export function planVpnSite(name: string, input: SitePlanInput): { plan?: SitePlan; findings: Finding[] } {
    const hubPath = input.hub.configPath ?? name;
    const gateway: GatewayShape = { name, vpcCidr: input.hub.vpcCidr, tunnelMode: input.hub.tunnelMode };
    const linkPath = (link: SitePlanInput["links"][number], i: number) => link.configPath ?? `${hubPath}.links[${i}]`;
    const findings: Finding[] = [
        ...checkHubArgs(input.hub, hubPath, name),
        ...(input.region ? checkZonesInRegion(input.hub.vswitches, input.region, `${hubPath}.vswitches`, name) : []),
        ...duplicateLinkNames(input, hubPath),
        ...checkGatewayBgp(input.links.map((link, i) => ({ ...link, path: linkPath(link, i) }))),
    ];
    const hub = planHub(name, input.hub);
    // Translated links (overlapping networks): planned on the untranslated network, so the blocks they pick are the
    // ones the overlap check's fix offers; from then on the link carries the translated blocks everywhere.
    const translations = planTranslations(name, input, hub, linkPath);
    findings.push(...translations.findings);
    const links = input.links.map((link, i) => translatedLink(link, translations.plans[i]));
    const effective: SitePlanInput = { ...input, links };
    const keyPaths = input.keyPaths ?? {};
    const checked = links.map((link, i) => {
        const path = linkPath(link, i);
        // A key mapped to "" is one the user's config does not have: no fix suggests it.
        const routingModeField = keyPaths[`${path}.routingMode`] === "" ? false : undefined;
        return checkLink(gateway, link.name, { ...link, configPath: path, routesCheckedByTopology: true, routingModeField });
    });
    offerTranslations(name, input, hub, linkPath, checked);
    checked.forEach((c) => findings.push(...c.findings));
    // The topology's keys are already renamed: rename the elements' findings too before comparing them.
    const topology = siteTopology(name, effective, hub, linkPath);
    translationSources(topology, links, translations.plans, linkPath);
    const renamed = renameFindingKeys(findings, keyPaths);
    // The whole-network pass (it reports only syntax when blocks do not parse); where it sees a mistake again, once is enough.
    renamed.push(...withoutRepeats(renamed, checkTopology(topology, { elements: false })));
    if (renamed.some((f) => f.severity === "error")) {
        return { findings: renamed };
    }
    const linkPlans = links.map((link, i) => {
        const planned = planLink(gateway, link.name, link, checked[i].validated);
        const translation = translations.plans[i];
        // A peer that translates too gets a config only from the renderers that write its side of the translation.
        const peerPlatforms = translation?.peerTranslates ? planned.peerPlatforms.filter((p) => TRANSLATING_PLATFORMS.includes(p)) : planned.peerPlatforms;
        return { ...planned, peerPlatforms, translation };
    });
    return { plan: { hub, links: linkPlans, topology }, findings: renamed };
}

type SiteLinkInput = SitePlanInput["links"][number];

/** Renderers that write the peer's side of a translation (its 1:1 NAT). */
export const TRANSLATING_PLATFORMS: PeerPlatform[] = ["strongswan"];

/** Every translated link's plan (undefined for the others), each picking blocks the earlier ones left free. */
function planTranslations(
    name: string,
    input: SitePlanInput,
    hub: HubPlan,
    linkPath: (link: SiteLinkInput, i: number) => string,
): { plans: Array<TranslationPlan | undefined>; findings: Finding[] } {
    if (!input.links.some((l) => l.translation)) {
        return { plans: input.links.map(() => undefined), findings: [] };
    }
    const used = everythingUsed(siteTopology(name, input, hub, linkPath));
    const picked: string[] = [];
    const findings: Finding[] = [];
    const plans = input.links.map((link, i) => {
        if (!link.translation) {
            return undefined;
        }
        const result = planTranslation({
            link: link.name,
            path: linkPath(link, i),
            vpcCidr: input.hub.vpcCidr,
            vswitches: hub.vswitches.map((v) => ({ name: v.name, cidr: v.cidr })),
            gatewayVswitch: hub.gatewayVswitch,
            peerSubnets: link.peerSubnets ?? [],
            spec: link.translation,
            used: [...used, ...picked],
        });
        findings.push(...result.findings);
        const unsupported = (link.peerPlatforms ?? []).filter((p) => !TRANSLATING_PLATFORMS.includes(p));
        if (result.plan?.peerTranslates && unsupported.length > 0) {
            findings.push({
                severity: "error",
                code: "translation.peer-platform",
                site: link.name,
                field: `${linkPath(link, i)}.peerPlatforms`,
                value: unsupported,
                message: `the peer must translate too (${result.plan.peerReason}), and only the ${TRANSLATING_PLATFORMS.join(", ")} rendering carries its side of the translation.`,
                fix: `set ${linkPath(link, i)}.peerPlatforms to [${TRANSLATING_PLATFORMS.join(", ")}], or configure the 1:1 NAT on the device by hand from the plan.`,
            });
        }
        if (result.plan) {
            picked.push(result.plan.alibabaBlock, ...result.plan.peerMap.map((m) => m.translated));
        }
        return result.plan;
    });
    return { plans, findings };
}

/**
 * An untranslated link whose peer overlaps the VPC (link.subnets-overlap): its fix also offers translation, with the
 * exact blocks planTranslations would pick for it.
 */
function offerTranslations(
    name: string,
    input: SitePlanInput,
    hub: HubPlan,
    linkPath: (link: SiteLinkInput, i: number) => string,
    checked: Array<{ findings: Finding[] }>,
): void {
    let used: string[] | undefined;
    const offered: string[] = [];
    checked.forEach((c, i) => {
        const link = input.links[i];
        for (const f of c.findings) {
            if (f.code !== "link.subnets-overlap" || link.translation || typeof f.value !== "string" || cidrSyntaxError(input.hub.vpcCidr)) {
                continue;
            }
            used ??= everythingUsed(siteTopology(name, input, hub, linkPath));
            const { alibabaBlock, peerBlock } = pickTranslationBlocks([...used, ...offered], input.hub.vpcCidr, f.value);
            if (!alibabaBlock || !peerBlock) {
                continue;
            }
            offered.push(alibabaBlock, peerBlock);
            const path = linkPath(link, i);
            f.fix =
                f.fix.replace(/\.$/, "") +
                `, or keep both and translate: set ${path}.translation to { alibabaBlock: "${alibabaBlock}", peerBlock: "${peerBlock}" } ` +
                `(a VPC NAT gateway presents ${input.hub.vpcCidr} as ${alibabaBlock}, the peer maps its ${f.value} to ${peerBlock}; ` +
                `list the VPC hosts the peer must reach in ${path}.translation.exposedHosts).`;
        }
    });
}

/** `block` moved from inside `real` to the same place inside `translated` (same size): a 1:1 map. */
function mappedBlock(block: string, real: string, translated: string): string {
    const value = parseCidr(block).first - parseCidr(real).first + parseCidr(translated).first;
    return `${[24, 16, 8, 0].map((s) => Math.floor(value / 2 ** s) % 256).join(".")}/${parseCidr(block).prefix}`;
}

/** A link as its connection and routes carry it: the translated blocks on both sides. */
function translatedLink(link: SiteLinkInput, translation: TranslationPlan | undefined): SiteLinkInput {
    if (!translation) {
        return link;
    }
    // Routes the user wrote to the peer's real networks go to their translated addresses; anything else stays as
    // written, and the route checks judge it against the translated selectors (seed 004).
    const translate = (blocks: string[] | undefined) =>
        blocks?.map((b) => {
            const map = cidrSyntaxError(b) ? undefined : translation.peerMap.find((m) => contains(m.real, b));
            return map ? mappedBlock(b, map.real, map.translated) : b;
        });
    return {
        ...link,
        alibabaSubnets: [translation.alibabaBlock],
        peerSubnets: translation.peerSubnets,
        vpcRouteDestinations: translate(link.vpcRouteDestinations),
        gatewayRouteDestinations: translate(link.gatewayRouteDestinations),
        // The NAT IP CIDR lies outside the VPC on purpose: it reaches the gateway through the NAT gateway.
        transitSubnets: [...(link.transitSubnets ?? []), translation.alibabaBlock],
    };
}

/** After SNAT, traffic of a translated link reaches the VPN gateway from the NAT IP CIDR: the source the route checks see. */
function translationSources(topology: Topology, links: SiteLinkInput[], plans: Array<TranslationPlan | undefined>, linkPath: (link: SiteLinkInput, i: number) => string): void {
    links.forEach((link, i) => {
        const plan = plans[i];
        if (!plan) {
            return;
        }
        const path = linkPath(link, i);
        const source: Block = { cidr: plan.alibabaBlock, field: `${path}.translation.alibabaBlock` };
        topology.vpcRoutes.filter((r) => r.field.startsWith(`${path}.`)).forEach((r) => (r.sources = [source]));
    });
}

function duplicateLinkNames(input: SitePlanInput, hubPath: string): Finding[] {
    const seen = new Map<string, number>();
    const findings: Finding[] = [];
    input.links.forEach((link, i) => {
        const first = seen.get(link.name);
        if (first !== undefined) {
            findings.push({
                severity: "error",
                code: "site.duplicate-link-name",
                field: `${hubPath}.links[${i}].name`,
                value: link.name,
                message: `links[${first}] already has this name; every link names its own customer gateway, connection and routes.`,
                fix: `give ${hubPath}.links[${i}].name a name of its own, e.g. ${link.name}-2.`,
            });
        }
        seen.set(link.name, first ?? i);
    });
    return findings;
}

/** The planned network of one site: its VPC and vSwitches, one external site per link, connections and routes. */
function siteTopology(name: string, input: SitePlanInput, hub: HubPlan, linkPath: (link: SitePlanInput["links"][number], i: number) => string): Topology {
    const hubPath = input.hub.configPath ?? name;
    const gatewayOnly = new Set(input.gatewayOnlyVswitches ?? []);
    const topology: Topology = {
        name,
        sites: [
            {
                kind: "alibaba",
                name,
                region: input.region ?? "",
                vpc: { cidr: input.hub.vpcCidr, field: `${hubPath}.vpcCidr` },
                vswitches: hub.vswitches.map((v, i) => ({
                    name: v.name,
                    cidr: v.cidr,
                    field: `${hubPath}.vswitches[${i}].cidr`,
                    // Zones are checked against the region only when the site names one (planVpnSite checks them too).
                    ...(input.region ? { zoneId: v.zoneId, zoneField: `${hubPath}.vswitches[${i}].zoneId` } : {}),
                    role: gatewayOnly.has(v.name) ? ("gateway" as const) : ("workload" as const),
                })),
                gateway: { bandwidth: input.hub.bandwidth, bandwidthField: `${hubPath}.bandwidth` },
            },
        ],
        connections: [],
        vpcRoutes: [],
        gatewayRoutes: [],
        tunnelPools: [],
        wellKnownRanges: (input.kubernetesClusters ?? []).flatMap((cluster, i): WellKnownRange[] => {
            // ACK: Alibaba Cloud Container Service for Kubernetes, the cluster a VPC's workloads run on.
            const owner = `ACK cluster ${cluster.name ?? name}`;
            const field = `${hubPath}.kubernetesClusters[${i}]`;
            return [
                ...(cluster.podCidr ? [{ kind: "kubernetes-pods" as const, owner, site: name, cidr: cluster.podCidr, field: `${field}.podCidr` }] : []),
                ...(cluster.serviceCidr ? [{ kind: "kubernetes-services" as const, owner, site: name, cidr: cluster.serviceCidr, field: `${field}.serviceCidr` }] : []),
            ];
        }),
        dockerDefaultBridge: input.dockerDefaultBridge,
    };
    input.links.forEach((link, i) => {
        const path = linkPath(link, i);
        const remote = blockList(`${path}.peerSubnets`, link.peerSubnets);
        const vpcRoutes: Block[] = link.vpcRouteDestinations ? blockList(`${path}.vpcRouteDestinations`, link.vpcRouteDestinations).blocks : remote.blocks;
        const gatewayRoutes: Block[] = link.gatewayRouteDestinations
            ? blockList(`${path}.gatewayRouteDestinations`, link.gatewayRouteDestinations).blocks
            : remote.blocks;
        const local: BlockList = link.alibabaSubnets
            ? blockList(`${path}.alibabaSubnets`, link.alibabaSubnets)
            : { field: `${path}.alibabaSubnets`, blocks: [{ cidr: input.hub.vpcCidr, field: `${hubPath}.vpcCidr` }] };
        // The networks behind the peer: what the VPC routes toward it (the selectors may summarise them).
        topology.sites.push({ kind: "external", name: link.name, networks: vpcRoutes });
        topology.connections.push({
            name: link.name,
            site: name,
            peer: link.name,
            localSubnets: local,
            remoteSubnets: remote,
            routingMode: link.routingMode,
            path,
            profile: link.profile,
            peerPublicIp: link.peerPublicIp,
        });
        vpcRoutes.forEach((b) => topology.vpcRoutes.push({ site: name, destination: b.cidr, field: b.field, nextHop: { kind: "vpnGateway" } }));
        gatewayRoutes.forEach((b) => topology.gatewayRoutes.push({ site: name, destination: b.cidr, field: b.field, connection: link.name }));
    });
    return renameTopologyKeys(topology, input.keyPaths ?? {});
}

/** `text` with every argument path in `keyPaths` (whole keys only, longest first) replaced by the user's key. */
export function renameKeysIn(text: string, keyPaths: { [argumentPath: string]: string }): string {
    const keys = Object.keys(keyPaths).sort((a, b) => b.length - a.length);
    if (keys.length === 0) {
        return text;
    }
    const escaped = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // A key ends where no identifier character or index follows: "a.b[1]" must not match inside "a.b[10]".
    const pattern = new RegExp(`(${escaped.join("|")})(?![\\w\\[])`, "g");
    return text.replace(pattern, (key) => keyPaths[key]);
}

/** Findings with every key renamed as the user wrote it (see renameKeysIn). */
export function renameFindingKeys(findings: readonly Finding[], keyPaths: { [argumentPath: string]: string }): Finding[] {
    if (Object.keys(keyPaths).length === 0) {
        return [...findings];
    }
    const rename = (text: string) => renameKeysIn(text, keyPaths);
    return findings.map((f) => ({ ...f, field: rename(f.field), message: rename(f.message), fix: rename(f.fix), allowed: f.allowed && rename(f.allowed) }));
}

function renameTopologyKeys(topology: Topology, keyPaths: { [argumentPath: string]: string }): Topology {
    if (Object.keys(keyPaths).length === 0) {
        return topology;
    }
    // Every `field` and `path` in the topology is a key: rename them all, structure unchanged.
    return JSON.parse(JSON.stringify(topology), (key, value) =>
        (key === "field" || key === "path" || key === "bandwidthField") && typeof value === "string" ? renameKeysIn(value, keyPaths) : value,
    );
}

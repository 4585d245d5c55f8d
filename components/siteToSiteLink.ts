import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { TunnelRole } from "../model/alibaba";
import { alibabaIkeConfig, alibabaIpsecConfig } from "../model/alibabaConnection";
import { cidrSyntaxError, coveredBy, coveredByUnion } from "../model/cidr";
import { Finding, assertNoErrors, formatFinding } from "../model/findings";
import { LinkSpec, PeerPlatform, ResolvedLink, RoutingMode, ValidatedLink, checkRouteDestinationLists, trafficSelectors, validateLink } from "../model/link";
import { IpsecProfileInput } from "../model/profile";
import { RENDERERS, peerObjection } from "../renderers";
import { VpnHub } from "./vpnHub";

export interface HealthCheckArgs {
    /** Source address of the probes: an address in the VPC. */
    sourceIp: string;
    /** Destination of the probes: an address behind the peer. */
    destinationIp: string;
    /** Seconds between probes. Default 3. */
    interval?: number;
    /** Probes lost before the tunnel is declared down. Default 3. */
    retry?: number;
}

export interface SiteToSiteLinkArgs {
    /** The Alibaba end: its gateway, route table and connection queue. */
    hub: VpnHub;
    /**
     * The peer device's fixed public IPv4 address. An Output when the peer is another Alibaba VPN gateway
     * (hub and spoke); plain addresses are checked before anything is created.
     */
    peerPublicIp: pulumi.Input<string>;
    /** A second public address of the peer for the slave tunnel (dual-tunnel hubs). Default: peerPublicIp. */
    peerSecondaryPublicIp?: pulumi.Input<string>;
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
    profile?: IpsecProfileInput;
    routingMode?: RoutingMode;
    /**
     * A pre-shared key for every tunnel, or one per tunnel (master first). Default: a random 32-character key
     * per tunnel. Both ends of an Alibaba-to-Alibaba link take the same keys.
     */
    psk?: pulumi.Input<string> | pulumi.Input<string>[];
    /** Peer platforms whose configs to render. Default: every platform that can express the link. */
    peerPlatforms?: PeerPlatform[];
    peerAsn?: number;
    healthCheck?: HealthCheckArgs;
    /** The dotted prefix of the user's config, for error messages. Default: the link's name. */
    configPath?: string;
    /** Log the checks' warnings with pulumi.log.warn. Default true; a parent that reports them once (HubAndSpoke) passes false. */
    logWarnings?: boolean;
}

const CONNECTION_ROLES: readonly TunnelRole[] = ["master", "slave"];

/** "192.168.10.0/24" -> "192-168-10-0-24", for resource names. */
function slug(cidr: string): string {
    return cidr.replace(/[./]/g, "-");
}

/** The plain part of a resolved link: what is known before any resource exists. */
function linkShape(validated: ValidatedLink): Omit<ResolvedLink, "tunnels" | "connectionId"> {
    return {
        name: validated.spec.name,
        profile: validated.profile,
        routingMode: validated.routingMode,
        // A placeholder when the address is an Output: renderers only print it.
        peerPublicIp: validated.spec.peerPublicIp ?? "203.0.113.1",
        alibabaSubnets: validated.spec.alibabaSubnets,
        peerSubnets: validated.spec.peerSubnets,
    };
}

/**
 * One IPsec link from a VpnHub to a peer device: customer gateway(s), the IPsec connection with the
 * profile's IKE/IPsec/DPD/NAT-T settings on every tunnel, pre-shared keys, VPN gateway routes and VPC
 * route entries for the peer's networks, and the peer's rendered configuration.
 */
export class SiteToSiteLink extends pulumi.ComponentResource {
    readonly customerGateways: alicloud.vpn.CustomerGateway[];
    readonly connection: alicloud.vpn.Connection;
    readonly gatewayRoutes: alicloud.vpn.RouteEntry[];
    readonly vpcRoutes: alicloud.vpc.RouteEntry[];

    readonly connectionId: pulumi.Output<string>;
    /** Pre-shared key per tunnel (secret). */
    readonly psks: pulumi.Output<string>[];
    /** The link with every output resolved (secret: it holds the keys). */
    readonly resolved: pulumi.Output<ResolvedLink>;
    /** Rendered peer configurations by platform (secret: they hold the keys). */
    readonly peerConfigs: pulumi.Output<Partial<Record<PeerPlatform, string>>>;
    /** Warnings the checks raised (also sent to pulumi.log.warn). */
    readonly findings: readonly Finding[];
    readonly validated: ValidatedLink;

    constructor(name: string, args: SiteToSiteLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        // Everything is checked on plain values first, before super(): on any error nothing is registered,
        // not even this component.
        const { validated, findings } = checkSiteToSiteLink(args.hub, name, args);
        const warnings = assertNoErrors(findings);
        super("alicloud-vpn:index:SiteToSiteLink", name, {}, opts);
        this.findings = warnings;
        const hub = args.hub;
        const dual = hub.tunnelMode === "dual";
        if (args.logWarnings !== false) {
            this.findings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }
        this.validated = validated;
        const spec = validated.spec;
        const { profile, routingMode } = validated;
        const child = { parent: this };

        const peerIps = dual ? [args.peerPublicIp, args.peerSecondaryPublicIp ?? args.peerPublicIp] : [args.peerPublicIp];
        // One customer gateway per distinct address; addresses known only later (Outputs) get one each.
        const distinctIps = [...new Set(peerIps)];
        this.customerGateways = distinctIps.map(
            (ip, i) =>
                new alicloud.vpn.CustomerGateway(
                    distinctIps.length === 1 ? `${name}-cgw` : `${name}-cgw-${i + 1}`,
                    {
                        customerGatewayName: distinctIps.length === 1 ? name : `${name}-${i + 1}`,
                        ipAddress: ip,
                        asn: args.peerAsn !== undefined ? String(args.peerAsn) : undefined,
                        description: pulumi.interpolate`Peer of ${hub.hubName} (${ip})`,
                    },
                    child,
                ),
        );
        const cgwFor = (ip: pulumi.Input<string>) => this.customerGateways[distinctIps.indexOf(ip)];

        const tunnelCount = dual ? 2 : 1;
        const givenPsk = (i: number) => (Array.isArray(args.psk) ? args.psk[i] : args.psk);
        this.psks = CONNECTION_ROLES.slice(0, tunnelCount).map((role, i) =>
            givenPsk(i) !== undefined
                ? pulumi.secret(givenPsk(i)!)
                : pulumi.secret(
                      new random.RandomPassword(
                          `${name}-psk-${role}`,
                          // Letters and digits only: every peer CLI (H3C, Cisco, Huawei, swanctl) takes them unquoted.
                          { length: 32, special: false, minLower: 4, minUpper: 4, minNumeric: 4 },
                          child,
                      ).result,
                  ),
        );

        const ike = alibabaIkeConfig(profile);
        const ipsec = alibabaIpsecConfig(profile);
        // The same selectors the peer renderers write, from the same function.
        const selectors = trafficSelectors({ routingMode, alibabaSubnets: spec.alibabaSubnets, peerSubnets: spec.peerSubnets });
        const healthCheck = args.healthCheck
            ? { enable: true, sip: args.healthCheck.sourceIp, dip: args.healthCheck.destinationIp, interval: args.healthCheck.interval ?? 3, retry: args.healthCheck.retry ?? 3 }
            : undefined;

        this.connection = hub.enqueueConnection(
            (after) =>
                new alicloud.vpn.Connection(
                    `${name}-connection`,
                    {
                        vpnConnectionName: name,
                        vpnGatewayId: hub.vpnGatewayId,
                        localSubnets: selectors.alibaba,
                        remoteSubnets: selectors.peer,
                        effectImmediately: true,
                        // Routes are managed below as resources, visible in previews; Alibaba's automatic
                        // route configuration would add entries no state tracks.
                        autoConfigRoute: false,
                        ...(dual
                            ? {
                                  tunnelOptionsSpecifications: CONNECTION_ROLES.map((role, i) => ({
                                      role,
                                      customerGatewayId: cgwFor(peerIps[i]).id,
                                      enableDpd: profile.dpd,
                                      enableNatTraversal: profile.natTraversal,
                                      tunnelIkeConfig: {
                                          ...ike,
                                          psk: this.psks[i],
                                          localId: profile.localId,
                                          remoteId: profile.remoteId,
                                      },
                                      tunnelIpsecConfig: ipsec,
                                  })),
                              }
                            : {
                                  customerGatewayId: cgwFor(peerIps[0]).id,
                                  enableDpd: profile.dpd,
                                  enableNatTraversal: profile.natTraversal,
                                  ikeConfig: { ...ike, psk: this.psks[0], ikeLocalId: profile.localId, ikeRemoteId: profile.remoteId },
                                  ipsecConfig: ipsec,
                                  healthCheckConfig: healthCheck,
                              }),
                    },
                    // The API refuses concurrent CreateVpnConnection calls on one gateway: wait for the previous one.
                    { parent: this, dependsOn: after ? [after] : [], additionalSecretOutputs: ["ikeConfig", "tunnelOptionsSpecifications"] },
                ),
        ) as alicloud.vpn.Connection;
        this.connectionId = this.connection.id;

        // Static routes: the VPN gateway sends the peer's networks into this connection (weight 100 =
        // preferred), and the VPC route table sends them to the gateway. publishVpc stays false because the
        // VPC entries are created explicitly below.
        this.gatewayRoutes = (args.gatewayRouteDestinations ?? spec.peerSubnets).map(
            (dest) =>
                new alicloud.vpn.RouteEntry(
                    `${name}-gw-route-${slug(dest)}`,
                    { vpnGatewayId: hub.vpnGatewayId, routeDest: dest, nextHop: this.connection.id, weight: 100, publishVpc: false },
                    child,
                ),
        );
        this.vpcRoutes = (args.vpcRouteDestinations ?? spec.peerSubnets).map(
            (dest) =>
                new alicloud.vpc.RouteEntry(
                    `${name}-vpc-route-${slug(dest)}`,
                    {
                        routeTableId: hub.routeTableId,
                        destinationCidrblock: dest,
                        nexthopType: "VpnGateway",
                        nexthopId: hub.vpnGatewayId,
                        name: `${name}-${slug(dest)}`,
                        description: `To ${name} through VPN gateway of ${hub.hubName}`,
                    },
                    { parent: this, dependsOn: [this.connection] },
                ),
        );

        const tunnelIps = dual ? [hub.internetIp, hub.disasterRecoveryInternetIp] : [hub.internetIp];
        this.resolved = pulumi.secret(
            pulumi.all([this.connection.id, pulumi.all(tunnelIps), pulumi.all(this.psks), pulumi.all(peerIps)]).apply(([connectionId, ips, keys, peers]) => ({
                name,
                connectionId,
                profile,
                routingMode,
                peerPublicIp: peers[0],
                alibabaSubnets: spec.alibabaSubnets,
                peerSubnets: spec.peerSubnets,
                tunnels: ips.map((ip, i) => ({
                    role: CONNECTION_ROLES[i],
                    alibabaIp: ip,
                    psk: keys[i],
                    alibabaId: profile.localId ?? ip,
                    peerId: profile.remoteId ?? peers[i],
                })),
            })),
        );
        // Explicitly requested platforms were checked above; by default, every platform that can express the link.
        const renderable = (args.peerPlatforms ?? (Object.keys(RENDERERS) as PeerPlatform[])).filter(
            (p) => !peerObjection(p, linkShape(validated), tunnelCount),
        );
        this.peerConfigs = pulumi.secret(
            this.resolved.apply((link) => Object.fromEntries(renderable.map((p) => [p, RENDERERS[p].render(link)]))),
        );

        this.registerOutputs({
            connectionId: this.connectionId,
            customerGatewayIds: this.customerGateways.map((c) => c.id),
            psks: this.psks,
            peerConfigs: this.peerConfigs,
        });
    }
}

/** What a link's checks need to know of its hub: plain values, known before the hub exists. */
export type HubShape = Pick<VpnHub, "hubName" | "vpcCidr" | "tunnelMode">;
/** A link's arguments without the hub object, for checking a whole topology before creating anything. */
export type LinkArgs = Omit<SiteToSiteLinkArgs, "hub">;

/**
 * Every finding about one link, from plain values only. Stacks call it for every link before creating
 * any resource, so a bad link never leaves a half-built hub behind; the component calls it again.
 */
/** The peer's address may be left out of a check when it is only known later (another gateway's address). */
export type LinkCheckArgs = Omit<LinkArgs, "peerPublicIp"> & Partial<Pick<LinkArgs, "peerPublicIp">>;

export function checkSiteToSiteLink(hub: HubShape, name: string, args: LinkCheckArgs): { validated: ValidatedLink; findings: Finding[] } {
    const path = args.configPath ?? name;
    const spec: LinkSpec = {
        name,
        peerPublicIp: typeof args.peerPublicIp === "string" ? args.peerPublicIp : undefined,
        alibabaSubnets: args.alibabaSubnets ?? [hub.vpcCidr],
        peerSubnets: args.peerSubnets,
        profile: args.profile,
        routingMode: args.routingMode,
        psk: plainPsks(args.psk),
        peerAsn: args.peerAsn,
    };
    const validated = validateLink(spec, path);
    return { validated, findings: [...validated.findings, ...checkRoutesAndPeers(hub, args, validated, path)] };
}

function checkRoutesAndPeers(hub: HubShape, args: LinkCheckArgs, validated: ValidatedLink, path: string): Finding[] {
    const site = validated.spec.name;
    // In both routing modes: destinations Alibaba refuses, host bits, the same network twice (model/link.ts).
    const findings: Finding[] = checkRouteDestinationLists(args, path, site);
    // Seed 004 case 1: a VPC route sends traffic to the gateway, but no connection selector covers it,
    // so the gateway never encrypts it and the packet loops in the VPC until its TTL runs out.
    if (validated.routingMode === "policy") {
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
        // A local subnet summarising the VPC and a transit block together counts as covered.
        const reachable = [hub.vpcCidr, ...(args.transitSubnets ?? [])].filter((b) => !cidrSyntaxError(b));
        (validated.spec.alibabaSubnets ?? []).forEach((block, i) => {
            if (!cidrSyntaxError(hub.vpcCidr) && !cidrSyntaxError(block) && !coveredByUnion(reachable, block)) {
                findings.push({
                    severity: "warning",
                    code: "link.local-subnet-outside-vpc",
                    site,
                    field: `${path}.alibabaSubnets[${i}]`,
                    value: block,
                    message: `${block} is not inside the hub's VPC (${hub.vpcCidr}); traffic from it reaches the gateway only through other routes (CEN, another VPN).`,
                    fix: `check that ${block} really reaches ${hub.hubName}, or remove it.`,
                });
            }
        });
    }
    // Whether the peer can express the link only means something once the profile itself is valid.
    if (validated.findings.some((f) => f.severity === "error")) {
        return findings;
    }
    const tunnelCount = hub.tunnelMode === "dual" ? 2 : 1;
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
        }
    }
    return findings;
}

/** The keys given as plain text, for validation; Outputs are checked by Alibaba at creation. */
function plainPsks(psk: LinkArgs["psk"]): string | string[] | undefined {
    if (typeof psk === "string") {
        return psk;
    }
    if (Array.isArray(psk)) {
        const plain = psk.filter((k): k is string => typeof k === "string");
        return plain.length > 0 ? plain : undefined;
    }
    return undefined;
}

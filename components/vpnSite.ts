import * as pulumi from "@pulumi/pulumi";
import { Finding, TopologyError, errorsOf, formatFinding } from "../model/findings";
import { KubernetesClusterSpec, SitePlan, planVpnSite } from "../model/site";
import { LinkTranslationSpec } from "../model/translation";
import { GatewayRef, LinkResources, createHub, createLink } from "./resources";
import { TranslationResources, createTranslation } from "./translation";
import { LinkArgs, linkPlanInput } from "./siteToSiteLink";
import { VpnHubArgs } from "./vpnHub";

export { KubernetesClusterSpec } from "../model/site";
export { LinkTranslationSpec, PeerTranslation } from "../model/translation";

/** One link of a VpnSite: a peer and what the tunnel carries. */
export interface VpnSiteLinkArgs extends LinkArgs {
    /** The link's name: it names the customer gateway, the connection and the routes ("office", "dc-tokyo"). */
    name: string;
    /**
     * Overlapping networks: carry the link under translated blocks (a VPC NAT gateway on Alibaba's side, and a 1:1 map
     * on the peer's when its network overlaps the VPC) instead of renumbering. peerSubnets stay the peer's real networks.
     */
    translation?: LinkTranslationSpec;
}

export interface VpnSiteArgs extends VpnHubArgs {
    /** Every IPsec link of the gateway. They are checked together with the hub, then created one after another. */
    links: VpnSiteLinkArgs[];
    /** The region (the provider's), for messages and the topology picture. */
    region?: string;
    /** Names of vSwitches that host only the VPN gateway: no workload traffic starts there (seed 004's source check skips them). */
    gatewayOnlyVswitches?: string[];
    /** Kubernetes clusters in the VPC: their pod and Service ranges must not collide with networks the tunnels carry. */
    kubernetesClusters?: KubernetesClusterSpec[];
    /** Whether hosts in the VPC run Docker with its default bridge 172.17.0.0/16. Default true. */
    dockerDefaultBridge?: boolean;
    /**
     * How error messages name keys, when the arguments were built from a config of another shape: from the
     * argument path ("<configPath>.links[0].peerSubnets[1]") to the key as the user wrote it.
     */
    keyPaths?: { [argumentPath: string]: string };
}

/**
 * Plans a VpnSite from its arguments without creating anything: every finding (errors and warnings, keys as the
 * user wrote them) and, when there is no error, the resources to create and the planned topology.
 */
export function planSite(name: string, args: VpnSiteArgs): { plan?: SitePlan; findings: Finding[] } {
    return planVpnSite(name, {
        hub: args,
        links: args.links.map((link) => ({ ...linkPlanInput(link), name: link.name, translation: link.translation })),
        region: args.region,
        gatewayOnlyVswitches: args.gatewayOnlyVswitches,
        kubernetesClusters: args.kubernetesClusters,
        dockerDefaultBridge: args.dockerDefaultBridge,
        keyPaths: args.keyPaths,
    });
}

/**
 * An Alibaba site in one description: a VPC, its vSwitches and a VPN gateway with every IPsec link attached to it.
 * All or nothing: the hub, every link and the network they make (seed 004's routing loops, overlaps, Docker's
 * bridge, Kubernetes ranges) are checked before anything is registered; on any error, nothing is. Then every
 * resource is created from the plan, the gateway's connections and routes one after another.
 */
export class VpnSite extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly vswitchIds: pulumi.Output<string[]>;
    readonly vpnGatewayId: pulumi.Output<string>;
    readonly routeTableId: pulumi.Output<string>;
    /** The gateway's public addresses: master, then slave on a dual-tunnel gateway. */
    readonly gatewayIps: pulumi.Output<string[]>;
    /** Each link's IPsec connection id, by link name. */
    readonly connectionIds: pulumi.Output<{ [link: string]: string }>;
    /** Each link's pre-shared keys, master first, by link name (secret). */
    readonly psks: pulumi.Output<{ [link: string]: string[] }>;
    /** Each link's rendered peer configurations, by link name and platform (secret: they hold the keys). */
    readonly peerConfigs: pulumi.Output<{ [link: string]: { [platform: string]: string } }>;
    /** The checks' warnings, one line each (also sent to pulumi.log.warn). */
    readonly warnings: pulumi.Output<string[]>;

    constructor(name: string, args: VpnSiteArgs, opts?: pulumi.ComponentResourceOptions) {
        const { plan, findings } = planSite(name, args);
        if (!plan) {
            throw new TopologyError(errorsOf(findings));
        }
        super("alicloud-vpn:index:VpnSite", name, {}, opts);
        const warnings = findings.filter((f) => f.severity === "warning");
        if (args.logWarnings !== false) {
            warnings.forEach((w) => pulumi.log.warn(formatFinding(w), this));
        }
        const hub = createHub(plan.hub, args.tags, this, { autoPropagate: plan.links.some((l) => l.bgp !== undefined) });
        const gateway: GatewayRef = {
            name,
            vpcCidr: plan.hub.vpcCidr,
            tunnelMode: plan.hub.tunnelMode,
            vpnGatewayId: hub.gateway.id,
            routeTableId: hub.vpc.routeTableId,
            internetIp: hub.gateway.internetIp,
            disasterRecoveryInternetIp: hub.gateway.disasterRecoveryInternetIp,
        };
        // One queue for the gateway: createLink chains each connection and route after the previous one.
        const links: Record<string, LinkResources> = {};
        const translations: Record<string, TranslationResources> = {};
        plan.links.forEach((linkPlan, i) => {
            // A translated link's VPC routes go to its NAT gateway (createTranslation), not to the VPN gateway.
            links[linkPlan.name] = createLink(linkPlan.translation ? { ...linkPlan, vpcRoutes: [] } : linkPlan, gateway, args.links[i], this);
            if (linkPlan.translation) {
                const refs = { vpcId: hub.vpc.id, vswitchIds: hub.vswitches.map((v) => v.id), routeTableId: hub.vpc.routeTableId, vpnGatewayId: hub.gateway.id };
                const after = [links[linkPlan.name].connection, ...links[linkPlan.name].gatewayRoutes];
                translations[linkPlan.name] = createTranslation(linkPlan.translation, linkPlan.vpcRoutes, refs, after, this);
            }
        });
        const byLink = <T>(pick: (l: LinkResources) => pulumi.Input<T>) =>
            pulumi.all(Object.fromEntries(Object.entries(links).map(([link, r]) => [link, pick(r)]))) as pulumi.Output<{ [link: string]: pulumi.Unwrap<T> }>;

        this.vpcId = hub.vpc.id;
        this.vswitchIds = pulumi.all(hub.vswitches.map((v) => v.id));
        this.vpnGatewayId = hub.gateway.id;
        this.routeTableId = hub.vpc.routeTableId;
        this.gatewayIps = pulumi
            .all([hub.gateway.internetIp, hub.gateway.disasterRecoveryInternetIp])
            .apply(([ip, drIp]) => (plan.hub.tunnelMode === "dual" ? [ip, drIp] : [ip]));
        this.connectionIds = byLink((l) => l.connection.id);
        this.psks = pulumi.secret(byLink((l) => pulumi.all(l.psks)));
        this.peerConfigs = pulumi.secret(byLink((l) => l.peerConfigs));
        this.warnings = pulumi.output(warnings.map(formatFinding));
        sitePlans.set(this, { plan, findings: warnings, links, translations });

        this.registerOutputs({
            vpcId: this.vpcId,
            vswitchIds: this.vswitchIds,
            vpnGatewayId: this.vpnGatewayId,
            routeTableId: this.routeTableId,
            gatewayIps: this.gatewayIps,
            connectionIds: this.connectionIds,
            psks: this.psks,
            peerConfigs: this.peerConfigs,
            warnings: this.warnings,
        });
    }

    /** The plan this site was created from, its warnings and each link's resources (for stacks, tools and tests). */
    details(): { plan: SitePlan; findings: Finding[]; links: Record<string, LinkResources>; translations: Record<string, TranslationResources> } {
        return sitePlans.get(this)!;
    }
}

// Kept beside each site, outside its properties: Pulumi's schema analyzer reads every property as an output.
const sitePlans = new WeakMap<VpnSite, { plan: SitePlan; findings: Finding[]; links: Record<string, LinkResources>; translations: Record<string, TranslationResources> }>();

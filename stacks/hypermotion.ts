// Seed 000: HyperMotion SaaS runs on a managed Kubernetes cluster whose workers sit in an Alibaba VPC;
// it must reach an office OpenStack (control network and floating-IP network) behind an H3C router
// with a fixed public IP. One VPN gateway, one IPsec connection, VPC routes for both OpenStack networks.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { checkTopologyOrThrow } from "../checks";
import { LinkArgs, SiteToSiteLink, checkSiteToSiteLink } from "../components/siteToSiteLink";
import { VpnHub, VpnHubArgs, checkHubArgs } from "../components/vpnHub";
import { Finding, formatFinding } from "../model/findings";
import { IpsecProfileInput } from "../model/profile";
import { Block, BlockList, Topology, WellKnownRange, blockList } from "../model/topology";
import { peerPlatformSchema, profileSchema, readConfig, vswitchIndexByName, vswitchSchema } from "./config";

// Keys mirror the component arguments, so an error's field path is also the path in Pulumi.<stack>.yaml.
export const hypermotionSchema = z
    .object({
        hub: z
            .object({
                name: z.string().min(2),
                vpcCidr: z.string(),
                /** The worker vSwitches of the Kubernetes cluster, and the gateway's own. */
                vswitches: z.array(vswitchSchema).min(1),
                /** Names of the vSwitches (from `vswitches`) that host the gateway and its disaster-recovery end. */
                gatewayVswitch: z.string(),
                disasterRecoveryVswitch: z.string().optional(),
                bandwidth: z.number().int(),
                tunnelMode: z.enum(["dual", "single"]).default("dual"),
                paymentType: z.enum(["PayAsYouGo", "Subscription"]).default("PayAsYouGo"),
            })
            .strict(),
        office: z
            .object({
                peerPublicIp: z.string(),
                device: peerPlatformSchema,
                /** OpenStack networks the SaaS must reach; the VPC routes them to the gateway. */
                openstack: z.object({ controlNetwork: z.string(), floatingIpNetwork: z.string() }).strict(),
                /**
                 * The connection's remote subnets. Default: both OpenStack networks. IKEv1 (the ER series'
                 * only version) carries one selector pair, so adjacent networks are given here as one block.
                 */
                peerSubnets: z.array(z.string()).optional(),
                /**
                 * The connection's local subnets. Default: the hub's VPC block. Every workload vSwitch must be inside
                 * them, or its traffic to the office loops in the VPC (seed 004, case 1).
                 */
                alibabaSubnets: z.array(z.string()).optional(),
                profile: profileSchema.optional(),
            })
            .strict(),
        /**
         * The ACK cluster the SaaS runs on (seed 000): its pod and Service CIDRs, fixed when the cluster is
         * created. Declared so the checks can warn when a network the tunnel carries collides with them.
         */
        cluster: z
            .object({
                name: z.string().min(1).optional(),
                podCidr: z.string().optional(),
                serviceCidr: z.string().optional(),
            })
            .strict()
            .optional(),
    })
    .strict();

export type HypermotionConfig = z.infer<typeof hypermotionSchema>;

export interface ScenarioResult {
    outputs: Record<string, pulumi.Input<unknown>>;
    links: SiteToSiteLink[];
    findings: Finding[];
    /** Further files the offline plan writes (mode 600), by relative path; secret when they hold keys. */
    files?: pulumi.Output<Record<string, string>>;
}

const KEY = "alicloud-vpn:hypermotion";

function vswitchIndex(config: HypermotionConfig, name: string, field: string): number {
    return vswitchIndexByName(config.hub.vswitches, name, field, `${KEY}.hub.vswitches`);
}

export function hypermotion(config: HypermotionConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    const { hub: hubConfig, office: officeConfig } = config;
    const hubArgs: VpnHubArgs = {
        vpcCidr: hubConfig.vpcCidr,
        vswitches: hubConfig.vswitches,
        gatewayVswitch: vswitchIndex(config, hubConfig.gatewayVswitch, `${KEY}.hub.gatewayVswitch`),
        disasterRecoveryVswitch: hubConfig.disasterRecoveryVswitch
            ? vswitchIndex(config, hubConfig.disasterRecoveryVswitch, `${KEY}.hub.disasterRecoveryVswitch`)
            : undefined,
        bandwidth: hubConfig.bandwidth,
        tunnelMode: hubConfig.tunnelMode,
        paymentType: hubConfig.paymentType,
        tags: { scenario: "hypermotion" },
        configPath: `${KEY}.hub`,
    };
    const openstack = [officeConfig.openstack.controlNetwork, officeConfig.openstack.floatingIpNetwork];
    const officeArgs: LinkArgs = {
        peerPublicIp: officeConfig.peerPublicIp,
        peerSubnets: officeConfig.peerSubnets ?? openstack,
        alibabaSubnets: officeConfig.alibabaSubnets,
        // Seed 000, step 4: the VPC routes the OpenStack control and floating-IP networks to the gateway.
        vpcRouteDestinations: openstack,
        profile: officeConfig.profile as IpsecProfileInput | undefined,
        peerPlatforms: [officeConfig.device],
        configPath: `${KEY}.office`,
    };
    // The whole topology is checked before the first resource is declared: nothing is half-created. The link's
    // own check leaves the VPC routes to the topology pass, which names them by their YAML keys (openstack.*).
    const hubShape = { hubName: hubConfig.name, vpcCidr: hubConfig.vpcCidr, tunnelMode: hubConfig.tunnelMode };
    const componentFindings = [
        ...checkHubArgs(hubArgs, `${KEY}.hub`, hubConfig.name),
        ...checkSiteToSiteLink(hubShape, "office", { ...officeArgs, vpcRouteDestinations: undefined }).findings,
    ];
    const region = new pulumi.Config("alicloud").get("region") ?? "cn-hangzhou";
    const topologyWarnings = checkTopologyOrThrow(hypermotionTopology(config, region), { elements: false, alsoFindings: componentFindings });
    // The components print their own warnings; these are the network's.
    topologyWarnings.forEach((w) => pulumi.log.warn(formatFinding(w)));

    const hub = new VpnHub(hubConfig.name, hubArgs, opts);
    const office = new SiteToSiteLink("office", { hub, ...officeArgs }, opts);
    return {
        links: [office],
        findings: [...hub.findings, ...office.findings, ...topologyWarnings],
        outputs: {
            vpcId: hub.vpcId,
            vpnGatewayId: hub.vpnGatewayId,
            gatewayIps: [hub.internetIp, hub.disasterRecoveryInternetIp],
            routeTableId: hub.routeTableId,
            connectionId: office.connectionId,
            officePeerConfig: office.peerConfigs,
        },
    };
}

/**
 * The planned network of seed 000: the hub VPC (workload and gateway vSwitches), the office with its two
 * OpenStack networks, one IPsec connection, the VPC routes for both networks and the gateway routes for the
 * connection's remote subnets (what SiteToSiteLink creates), and the ACK cluster's pod and Service ranges.
 */
export function hypermotionTopology(config: HypermotionConfig, region: string): Topology {
    const { hub, office, cluster } = config;
    const gatewayVswitches = [hub.gatewayVswitch, hub.disasterRecoveryVswitch];
    const openstack: Block[] = [
        { cidr: office.openstack.controlNetwork, field: `${KEY}.office.openstack.controlNetwork` },
        { cidr: office.openstack.floatingIpNetwork, field: `${KEY}.office.openstack.floatingIpNetwork` },
    ];
    const local: BlockList = office.alibabaSubnets
        ? blockList(`${KEY}.office.alibabaSubnets`, office.alibabaSubnets)
        : { field: `${KEY}.office.alibabaSubnets`, blocks: [{ cidr: hub.vpcCidr, field: `${KEY}.hub.vpcCidr` }] };
    const remote: BlockList = office.peerSubnets ? blockList(`${KEY}.office.peerSubnets`, office.peerSubnets) : { field: `${KEY}.office.peerSubnets`, blocks: openstack };
    const owner = `ACK cluster ${cluster?.name ?? hub.name}`;
    const clusterRanges: WellKnownRange[] = [
        ...(cluster?.podCidr ? [{ kind: "kubernetes-pods" as const, owner, site: hub.name, cidr: cluster.podCidr, field: `${KEY}.cluster.podCidr` }] : []),
        ...(cluster?.serviceCidr ? [{ kind: "kubernetes-services" as const, owner, site: hub.name, cidr: cluster.serviceCidr, field: `${KEY}.cluster.serviceCidr` }] : []),
    ];
    return {
        name: "hypermotion",
        sites: [
            {
                kind: "alibaba",
                name: hub.name,
                region,
                vpc: { cidr: hub.vpcCidr, field: `${KEY}.hub.vpcCidr` },
                vswitches: hub.vswitches.map((v, i) => ({
                    name: v.name,
                    cidr: v.cidr,
                    field: `${KEY}.hub.vswitches[${i}].cidr`,
                    role: gatewayVswitches.includes(v.name) ? ("gateway" as const) : ("workload" as const),
                })),
                gateway: { bandwidth: hub.bandwidth, bandwidthField: `${KEY}.hub.bandwidth` },
            },
            { kind: "external", name: "office", networks: openstack },
        ],
        connections: [
            {
                name: "office",
                site: hub.name,
                peer: "office",
                localSubnets: local,
                remoteSubnets: remote,
                path: `${KEY}.office`,
                profile: office.profile as IpsecProfileInput | undefined,
                peerPublicIp: office.peerPublicIp,
            },
        ],
        // Seed 000, step 4: the VPC routes both OpenStack networks to the gateway.
        vpcRoutes: openstack.map((b) => ({ site: hub.name, destination: b.cidr, field: b.field, nextHop: { kind: "vpnGateway" as const } })),
        // SiteToSiteLink routes each remote subnet to the connection.
        gatewayRoutes: remote.blocks.map((b) => ({ site: hub.name, destination: b.cidr, field: b.field, connection: "office" })),
        tunnelPools: [],
        wellKnownRanges: clusterRanges,
    };
}

export function hypermotionFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return hypermotion(readConfig(hypermotionSchema, "hypermotion"), opts);
}

// Seed 000: HyperMotion SaaS runs on a managed Kubernetes cluster whose workers sit in an Alibaba VPC;
// it must reach an office OpenStack (control network and floating-IP network) behind an H3C router
// with a fixed public IP. One VPN gateway, one IPsec connection, VPC routes for both OpenStack networks.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { VpnSite, VpnSiteArgs } from "../components/vpnSite";
import { Finding } from "../model/findings";
import { ResolvedLink } from "../model/link";
import { IpsecProfileInput } from "../model/profile";
import { LinkTranslationSpec } from "../model/translation";
import { peerPlatformSchema, profileSchema, readConfig, translationSchema, vswitchIndexByName, vswitchSchema } from "./config";

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
                /** Overlapping networks: carry the link under translated blocks (README, "Overlapping networks"). */
                translation: translationSchema.optional(),
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

/** A link's resolved values and rendered peer configs, for the plan's report. */
export interface PlannedLink {
    resolved: pulumi.Output<ResolvedLink>;
    peerConfigs: pulumi.Output<{ [platform: string]: string }>;
}

export interface ScenarioResult {
    outputs: Record<string, pulumi.Input<unknown>>;
    links: PlannedLink[];
    findings: Finding[];
    /** Further files the offline plan writes (mode 600), by relative path; secret when they hold keys. */
    files?: pulumi.Output<Record<string, string>>;
}

const KEY = "alicloud-vpn:hypermotion";

function vswitchIndex(config: HypermotionConfig, name: string, field: string): number {
    return vswitchIndexByName(config.hub.vswitches, name, field, `${KEY}.hub.vswitches`);
}

/**
 * Seed 000 as VpnSite arguments: the hub from `hub`, one link "office" from `office`, the ACK cluster's ranges from
 * `cluster`; `keyPaths` makes every finding name the YAML key the user wrote (office.openstack.controlNetwork, cluster.podCidr).
 */
export function hypermotionSiteArgs(config: HypermotionConfig): VpnSiteArgs {
    const { hub, office, cluster } = config;
    const hubPath = `${KEY}.hub`;
    const officePath = `${KEY}.office`;
    const openstack = [office.openstack.controlNetwork, office.openstack.floatingIpNetwork];
    const openstackKeys = [`${officePath}.openstack.controlNetwork`, `${officePath}.openstack.floatingIpNetwork`];
    const keyPaths: { [argumentPath: string]: string } = {
        [`${hubPath}.kubernetesClusters[0]`]: `${KEY}.cluster`,
        // The YAML has no routingMode key (the ER speaks IKEv1, policy-based only): no fix suggests one.
        [`${officePath}.routingMode`]: "",
        ...Object.fromEntries(openstackKeys.map((key, i) => [`${officePath}.vpcRouteDestinations[${i}]`, key])),
        // Unset peerSubnets default to the OpenStack networks.
        ...(office.peerSubnets ? {} : Object.fromEntries(openstackKeys.map((key, i) => [`${officePath}.peerSubnets[${i}]`, key]))),
    };
    return {
        vpcCidr: hub.vpcCidr,
        vswitches: hub.vswitches,
        gatewayVswitch: vswitchIndex(config, hub.gatewayVswitch, `${hubPath}.gatewayVswitch`),
        disasterRecoveryVswitch: hub.disasterRecoveryVswitch ? vswitchIndex(config, hub.disasterRecoveryVswitch, `${hubPath}.disasterRecoveryVswitch`) : undefined,
        bandwidth: hub.bandwidth,
        tunnelMode: hub.tunnelMode,
        paymentType: hub.paymentType,
        tags: { scenario: "hypermotion" },
        configPath: hubPath,
        region: new pulumi.Config("alicloud").get("region") ?? "cn-hangzhou",
        // The gateway's own vSwitches host no workloads: seed 004's source check skips them.
        gatewayOnlyVswitches: [hub.gatewayVswitch, hub.disasterRecoveryVswitch].filter((n): n is string => n !== undefined),
        kubernetesClusters: cluster ? [{ name: cluster.name ?? hub.name, podCidr: cluster.podCidr, serviceCidr: cluster.serviceCidr }] : [],
        keyPaths,
        links: [
            {
                name: "office",
                peerPublicIp: office.peerPublicIp,
                peerSubnets: office.peerSubnets ?? openstack,
                alibabaSubnets: office.alibabaSubnets,
                // Seed 000, step 4: the VPC routes the OpenStack control and floating-IP networks to the gateway.
                vpcRouteDestinations: openstack,
                profile: office.profile as IpsecProfileInput | undefined,
                peerPlatforms: [office.device],
                configPath: officePath,
                translation: office.translation as LinkTranslationSpec | undefined,
            },
        ],
    };
}

export function hypermotion(config: HypermotionConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    // VpnSite checks the hub, the link and the whole network before the first resource: nothing is half-created.
    const site = new VpnSite(config.hub.name, hypermotionSiteArgs(config), opts);
    const { findings, links } = site.details();
    return {
        links: Object.values(links),
        findings,
        outputs: {
            vpcId: site.vpcId,
            vpnGatewayId: site.vpnGatewayId,
            gatewayIps: site.gatewayIps,
            routeTableId: site.routeTableId,
            connectionId: site.connectionIds.apply((ids) => ids.office),
            officePeerConfig: site.peerConfigs.apply((configs) => configs.office),
        },
    };
}

export function hypermotionFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return hypermotion(readConfig(hypermotionSchema, "hypermotion"), opts);
}

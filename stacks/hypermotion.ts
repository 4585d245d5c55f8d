// Seed 000: HyperMotion SaaS runs on a managed Kubernetes cluster whose workers sit in an Alibaba VPC;
// it must reach an office OpenStack (control network and floating-IP network) behind an H3C router
// with a fixed public IP. One VPN gateway, one IPsec connection, VPC routes for both OpenStack networks.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LinkArgs, SiteToSiteLink, checkSiteToSiteLink } from "../components/siteToSiteLink";
import { VpnHub, VpnHubArgs, checkHubArgs } from "../components/vpnHub";
import { Finding, TopologyError, assertNoErrors } from "../model/findings";
import { IpsecProfileInput } from "../model/profile";
import { peerPlatformSchema, profileSchema, readConfig, vswitchSchema } from "./config";

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
                profile: profileSchema.optional(),
            })
            .strict(),
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
    const index = config.hub.vswitches.findIndex((v) => v.name === name);
    if (index < 0) {
        throw new TopologyError([
            {
                severity: "error",
                code: "config.unknown-vswitch",
                field,
                value: name,
                allowed: config.hub.vswitches.map((v) => v.name).join(", "),
                message: "no vSwitch of this name in the hub's vswitches.",
                fix: `set ${field} to the name of one of ${KEY}.hub.vswitches.`,
            },
        ]);
    }
    return index;
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
        // Seed 000, step 4: the VPC routes the OpenStack control and floating-IP networks to the gateway.
        vpcRouteDestinations: openstack,
        profile: officeConfig.profile as IpsecProfileInput | undefined,
        peerPlatforms: [officeConfig.device],
        configPath: `${KEY}.office`,
    };
    // The whole topology is checked before the first resource is declared: nothing is half-created.
    const hubShape = { hubName: hubConfig.name, vpcCidr: hubConfig.vpcCidr, tunnelMode: hubConfig.tunnelMode };
    assertNoErrors([...checkHubArgs(hubArgs, `${KEY}.hub`, hubConfig.name), ...checkSiteToSiteLink(hubShape, "office", officeArgs).findings]);

    const hub = new VpnHub(hubConfig.name, hubArgs, opts);
    const office = new SiteToSiteLink("office", { hub, ...officeArgs }, opts);
    return {
        links: [office],
        findings: [...hub.findings, ...office.findings],
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

export function hypermotionFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return hypermotion(readConfig(hypermotionSchema, "hypermotion"), opts);
}

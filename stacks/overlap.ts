// Seed 001, overlapping networks: the seed's controller connects two ends that use the same VPC CIDR. Here an Alibaba
// VPC (10.0.0.0/16, Hangzhou) and a partner data centre behind a strongSwan host whose LAN is also 10.0.0.0/16. Instead
// of renumbering either, the link is translated: a VPC NAT gateway presents the VPC under a free block, the partner maps
// its LAN 1:1 onto another, and the connection's selectors and every route carry only the translated blocks.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { VpnSite, VpnSiteArgs } from "../components/vpnSite";
import { IpsecProfileInput } from "../model/profile";
import { LinkTranslationSpec } from "../model/translation";
import { peerPlatformSchema, profileSchema, readConfig, translationSchema, vswitchIndexByName, vswitchSchema } from "./config";
import { ScenarioResult } from "./hypermotion";

export const overlapSchema = z
    .object({
        hub: z
            .object({
                name: z.string().min(2),
                vpcCidr: z.string(),
                vswitches: z.array(vswitchSchema).min(1),
                gatewayVswitch: z.string(),
                disasterRecoveryVswitch: z.string().optional(),
                /** vSwitches that host no workloads (the VPN gateway's, the NAT gateway's). */
                gatewayOnlyVswitches: z.array(z.string()).default([]),
                bandwidth: z.number().int(),
                tunnelMode: z.enum(["dual", "single"]).default("dual"),
            })
            .strict(),
        partner: z
            .object({
                peerPublicIp: z.string(),
                device: peerPlatformSchema.default("strongswan"),
                /** The partner's real networks (they overlap the VPC: that is the point). */
                networks: z.array(z.string()).min(1),
                profile: profileSchema.optional(),
                translation: translationSchema.optional(),
            })
            .strict(),
    })
    .strict();

export type OverlapConfig = z.infer<typeof overlapSchema>;

const KEY = "alicloud-vpn:overlap";

/** Seed 001 as VpnSite arguments: one link "partner", translated when `partner.translation` is set. */
export function overlapSiteArgs(config: OverlapConfig): VpnSiteArgs {
    const { hub, partner } = config;
    const hubPath = `${KEY}.hub`;
    const partnerPath = `${KEY}.partner`;
    const index = (name: string, field: string) => vswitchIndexByName(hub.vswitches, name, field, `${hubPath}.vswitches`);
    return {
        vpcCidr: hub.vpcCidr,
        vswitches: hub.vswitches,
        gatewayVswitch: index(hub.gatewayVswitch, `${hubPath}.gatewayVswitch`),
        disasterRecoveryVswitch: hub.disasterRecoveryVswitch
            ? index(hub.disasterRecoveryVswitch, `${hubPath}.disasterRecoveryVswitch`)
            : undefined,
        bandwidth: hub.bandwidth,
        tunnelMode: hub.tunnelMode,
        tags: { scenario: "overlap" },
        configPath: hubPath,
        region: new pulumi.Config("alicloud").get("region") ?? "cn-hangzhou",
        gatewayOnlyVswitches: hub.gatewayOnlyVswitches,
        // The partner's networks are written under partner.networks in the YAML.
        keyPaths: Object.fromEntries(partner.networks.map((_, i) => [`${partnerPath}.peerSubnets[${i}]`, `${partnerPath}.networks[${i}]`])),
        links: [
            {
                name: "partner",
                peerPublicIp: partner.peerPublicIp,
                peerSubnets: partner.networks,
                profile: partner.profile as IpsecProfileInput | undefined,
                peerPlatforms: [partner.device],
                configPath: partnerPath,
                translation: partner.translation as LinkTranslationSpec | undefined,
            },
        ],
    };
}

export function overlap(config: OverlapConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    const site = new VpnSite(config.hub.name, overlapSiteArgs(config), opts);
    const { findings, links, plan, translations } = site.details();
    const translation = plan.links[0].translation;
    return {
        links: Object.values(links),
        findings,
        outputs: {
            vpcId: site.vpcId,
            vpnGatewayId: site.vpnGatewayId,
            gatewayIps: site.gatewayIps,
            connectionId: site.connectionIds.apply((ids) => ids.partner),
            natGatewayId: translations.partner?.natGateway.id,
            // The blocks each side appears as: what the partner's hosts and the VPC's hosts address.
            translatedBlocks: translation && {
                vpc: { real: translation.alibabaReal, translated: translation.alibabaBlock },
                partner: translation.peerMap,
                exposedHosts: translation.forwardEntries.map((f) => ({ host: f.internalIp, reachAs: f.natIp.address })),
            },
            partnerPeerConfig: site.peerConfigs.apply((configs) => configs.partner),
        },
    };
}

export function overlapFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return overlap(readConfig(overlapSchema, "overlap"), opts);
}

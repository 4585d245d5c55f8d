// The cloud link stacks: seed 001 (cloud-aws, Alibaba Cloud Beijing to AWS Singapore) and the Azure and Google Cloud
// samples (cloud-azure, cloud-gcp), one schema for all three; each reads alicloud-vpn:<scenario> from the stack config.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CloudLink, CloudLinkArgs } from "../components/cloudLink";
import { IpsecProfileInput } from "../model/profile";
import { parseConfig, profileSchema, readConfig, vswitchIndexByName, vswitchSchema } from "./config";
import { ScenarioResult } from "./hypermotion";

export const CONFIG_KEY = "cloud-aws";
/** The cloud link scenarios: the config key of each is its name (alicloud-vpn:cloud-aws, ...). */
export const CLOUD_SCENARIOS = ["cloud-aws", "cloud-azure", "cloud-gcp"] as const;
export type CloudScenario = (typeof CLOUD_SCENARIOS)[number];

const alibabaSchema = z
    .object({
        region: z.string().min(1),
        vpcCidr: z.string(),
        vswitches: z.array(vswitchSchema).min(2),
        gatewayVswitch: z.string().optional(),
        disasterRecoveryVswitch: z.string().optional(),
        bandwidth: z.number().int(),
        alibabaSubnets: z.array(z.string()).optional(),
    })
    .strict();

const awsSchema = z
    .object({
        region: z.string().min(1),
        vpcCidrs: z.array(z.string()).min(1),
        vpcId: z.string().optional(),
        vpnGatewayId: z.string().optional(),
        transitGatewayId: z.string().optional(),
        transitGatewayRouteTableId: z.string().optional(),
        routeTableIds: z.array(z.string()).optional(),
        amazonSideAsn: z.number().int().optional(),
        insideCidrs: z.array(z.string()).optional(),
        insideCidrsInUse: z.array(z.string()).optional(),
    })
    .strict();

// Mirrors AzureEndSpec (model/clouds/azureLink.ts).
const azureSchema = z
    .object({
        location: z.string().min(1),
        resourceGroupName: z.string().min(1),
        gatewaySubnetId: z.string().min(1),
        vnetCidrs: z.array(z.string()).min(1),
        sku: z.string().optional(),
        asn: z.number().int().optional(),
        bgpTunnelCidrs: z.array(z.string()).optional(),
    })
    .strict();

// Mirrors GcpEndSpec (model/clouds/gcpLink.ts).
const gcpSchema = z
    .object({
        region: z.string().min(1),
        network: z.string().min(1),
        project: z.string().optional(),
        vpcCidrs: z.array(z.string()).min(1),
        asn: z.number().int().optional(),
        bgpTunnelCidrs: z.array(z.string()).optional(),
    })
    .strict();

// Keys mirror CloudLinkArgs, so an error's field path is also the path in Pulumi.<stack>.yaml.
export const cloudLinkSchema = z
    .object({
        name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, "a link name is 2-31 lowercase letters, digits or dashes, starting with a letter"),
        alibaba: alibabaSchema,
        aws: awsSchema.optional(),
        azure: azureSchema.optional(),
        gcp: gcpSchema.optional(),
        profile: profileSchema.optional(),
        psks: z.array(z.string()).optional(),
    })
    .strict();
/** The seed 001 stack's schema (the AWS scenario's key takes the same as the others). */
export const cloudAwsSchema = cloudLinkSchema;

export type CloudLinkConfig = z.input<typeof cloudLinkSchema>;
export type CloudAwsConfig = CloudLinkConfig;

export function cloudLinkArgs(input: CloudLinkConfig, scenario: CloudScenario = "cloud-aws"): { name: string; args: CloudLinkArgs } {
    const key = `alicloud-vpn:${scenario}`;
    const config = parseConfig(cloudLinkSchema, input, key) as z.infer<typeof cloudLinkSchema>;
    const index = (name: string | undefined, field: string) =>
        name === undefined
            ? undefined
            : vswitchIndexByName(config.alibaba.vswitches, name, `${key}.alibaba.${field}`, `${key}.alibaba.vswitches`);
    return {
        name: config.name,
        args: {
            alibaba: {
                ...config.alibaba,
                gatewayVswitch: index(config.alibaba.gatewayVswitch, "gatewayVswitch"),
                disasterRecoveryVswitch: index(config.alibaba.disasterRecoveryVswitch, "disasterRecoveryVswitch"),
            },
            aws: config.aws,
            azure: config.azure,
            gcp: config.gcp,
            profile: config.profile as IpsecProfileInput | undefined,
            psks: config.psks,
            configPath: key,
            tags: { scenario },
        },
    };
}

export function cloudAwsArgs(input: CloudLinkConfig): { name: string; args: CloudLinkArgs } {
    return cloudLinkArgs(input, "cloud-aws");
}

export function cloudLinkScenario(
    config: CloudLinkConfig,
    scenario: CloudScenario,
    opts?: pulumi.ComponentResourceOptions,
): ScenarioResult & { component: CloudLink } {
    const { name, args } = cloudLinkArgs(config, scenario);
    // CloudLink checks both clouds' ends before it registers anything: nothing is half-created.
    const component = new CloudLink(name, args, opts);
    return {
        component,
        links: [],
        findings: [...component.details().findings],
        outputs: {
            peerCloud: component.peerCloud,
            alibabaVpnGatewayId: component.alibabaVpnGatewayId,
            alibabaGatewayIps: component.alibabaGatewayIps,
            alibabaConnectionIds: component.alibabaConnectionIds,
            peerGatewayId: component.peerGatewayId,
            peerConnectionIds: component.peerConnectionIds,
            peerTunnelAddresses: component.peerTunnelAddresses,
        },
    };
}

export function cloudAws(config: CloudLinkConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult & { component: CloudLink } {
    return cloudLinkScenario(config, "cloud-aws", opts);
}

/** The scenario's entry point: reads alicloud-vpn:<scenario> from the stack config. */
export function cloudLinkFromStackConfig(scenario: CloudScenario): (opts?: pulumi.ComponentResourceOptions) => ScenarioResult {
    return (opts) => cloudLinkScenario(readConfig(cloudLinkSchema, scenario), scenario, opts);
}

export const cloudAwsFromStackConfig = cloudLinkFromStackConfig("cloud-aws");

// Seed 001: an Alibaba Cloud Beijing VPC joined to an AWS Singapore VPC, both ends from one profile in one program.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CloudLink, CloudLinkArgs } from "../components/cloudLink";
import { IpsecProfileInput } from "../model/profile";
import { parseConfig, profileSchema, readConfig, vswitchIndexByName, vswitchSchema } from "./config";
import { ScenarioResult } from "./hypermotion";

export const CONFIG_KEY = "cloud-aws";
const KEY = `alicloud-vpn:${CONFIG_KEY}`;

// Keys mirror CloudLinkArgs, so an error's field path is also the path in Pulumi.<stack>.yaml.
export const cloudAwsSchema = z
    .object({
        name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, "a link name is 2-31 lowercase letters, digits or dashes, starting with a letter"),
        alibaba: z
            .object({
                region: z.string().min(1),
                vpcCidr: z.string(),
                vswitches: z.array(vswitchSchema).min(2),
                gatewayVswitch: z.string().optional(),
                disasterRecoveryVswitch: z.string().optional(),
                bandwidth: z.number().int(),
                alibabaSubnets: z.array(z.string()).optional(),
            })
            .strict(),
        aws: z
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
            .strict(),
        profile: profileSchema.optional(),
        psks: z.array(z.string()).optional(),
    })
    .strict();

export type CloudAwsConfig = z.input<typeof cloudAwsSchema>;

export function cloudAwsArgs(input: CloudAwsConfig): { name: string; args: CloudLinkArgs } {
    const config = parseConfig(cloudAwsSchema, input, KEY) as z.infer<typeof cloudAwsSchema>;
    const index = (name: string | undefined, key: string) =>
        name === undefined
            ? undefined
            : vswitchIndexByName(config.alibaba.vswitches, name, `${KEY}.alibaba.${key}`, `${KEY}.alibaba.vswitches`);
    return {
        name: config.name,
        args: {
            alibaba: {
                ...config.alibaba,
                gatewayVswitch: index(config.alibaba.gatewayVswitch, "gatewayVswitch"),
                disasterRecoveryVswitch: index(config.alibaba.disasterRecoveryVswitch, "disasterRecoveryVswitch"),
            },
            aws: config.aws,
            profile: config.profile as IpsecProfileInput | undefined,
            psks: config.psks,
            configPath: KEY,
            tags: { scenario: CONFIG_KEY },
        },
    };
}

export function cloudAws(config: CloudAwsConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult & { component: CloudLink } {
    const { name, args } = cloudAwsArgs(config);
    // CloudLink checks both clouds' ends before it registers anything: nothing is half-created.
    const component = new CloudLink(name, args, opts);
    return {
        component,
        links: [],
        findings: [...component.details().findings],
        outputs: {
            alibabaVpnGatewayId: component.alibabaVpnGatewayId,
            alibabaGatewayIps: component.alibabaGatewayIps,
            alibabaConnectionIds: component.alibabaConnectionIds,
            peerGatewayId: component.peerGatewayId,
            peerConnectionIds: component.peerConnectionIds,
            peerTunnelAddresses: component.peerTunnelAddresses,
        },
    };
}

export function cloudAwsFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return cloudAws(readConfig(cloudAwsSchema, CONFIG_KEY), opts);
}

// Seed 002: Tokyo's VPN gateway is the hub, Shanghai's and Beijing's are spokes; every ECS in the three
// VPCs reaches every other, spoke to spoke through Tokyo. The same stack takes any number of spokes.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { HubAndSpoke, HubAndSpokeArgs, HubSiteArgs } from "../components/hubAndSpoke";
import { IpsecProfileInput } from "../model/profile";
import { parseConfig, profileSchema, readConfig, vswitchIndexByName, vswitchSchema } from "./config";
import { ScenarioResult } from "./hypermotion";

export const CONFIG_KEY = "hub-and-spoke";
const KEY = `alicloud-vpn:${CONFIG_KEY}`;

export const siteSchema = z
    .object({
        name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, "a site name is 2-31 lowercase letters, digits or dashes, starting with a letter"),
        region: z.string().min(1),
        vpcCidr: z.string(),
        vswitches: z.array(vswitchSchema).min(1),
        /** Names of the vSwitches (from `vswitches`) of the gateway and its disaster-recovery end. Default: the first two zones. */
        gatewayVswitch: z.string().optional(),
        disasterRecoveryVswitch: z.string().optional(),
        bandwidth: z.number().int(),
        tunnelMode: z.enum(["dual", "single"]).default("dual"),
    })
    .strict();

// Keys mirror HubAndSpokeArgs, so an error's field path is also the path in Pulumi.<stack>.yaml.
export const hubAndSpokeSchema = z
    .object({
        hub: siteSchema,
        spokes: z.array(siteSchema).min(1),
        profile: profileSchema.optional(),
        selectors: z.enum(["exact", "any"]).default("exact"),
        routeStrategy: z.enum(["summary", "per-site"]).default("summary"),
        transport: z.enum(["vpn-gateway", "transit-router"]).default("vpn-gateway"),
        interRegionBandwidth: z.number().int().positive().optional(),
        summaryCidrs: z.array(z.string()).min(1).optional(),
        quotas: z
            .object({
                vpcRouteEntriesPerTable: z.number().int().positive().optional(),
                vpnRouteEntriesPerGateway: z.number().int().positive().optional(),
                ipsecConnectionsPerGateway: z.number().int().positive().optional(),
            })
            .strict()
            .optional(),
        paymentType: z.enum(["PayAsYouGo", "Subscription"]).default("PayAsYouGo"),
    })
    .strict();

export type HubAndSpokeConfig = z.input<typeof hubAndSpokeSchema>;
type SiteConfig = z.infer<typeof siteSchema>;

function siteArgs(site: SiteConfig, field: string): HubSiteArgs {
    const index = (name: string | undefined, key: string) =>
        name === undefined ? undefined : vswitchIndexByName(site.vswitches, name, `${field}.${key}`, `${field}.vswitches`);
    return {
        name: site.name,
        region: site.region,
        vpcCidr: site.vpcCidr,
        vswitches: site.vswitches,
        gatewayVswitch: index(site.gatewayVswitch, "gatewayVswitch"),
        disasterRecoveryVswitch: index(site.disasterRecoveryVswitch, "disasterRecoveryVswitch"),
        bandwidth: site.bandwidth,
        tunnelMode: site.tunnelMode,
    };
}

export function hubAndSpokeArgs(input: HubAndSpokeConfig): HubAndSpokeArgs {
    const config = parseConfig(hubAndSpokeSchema, input, KEY) as z.infer<typeof hubAndSpokeSchema>;
    return {
        hub: siteArgs(config.hub, `${KEY}.hub`),
        spokes: config.spokes.map((spoke, i) => siteArgs(spoke, `${KEY}.spokes[${i}]`)),
        profile: config.profile as IpsecProfileInput | undefined,
        selectors: config.selectors,
        routeStrategy: config.routeStrategy,
        summaryCidrs: config.summaryCidrs,
        quotas: config.quotas,
        transport: config.transport,
        interRegionBandwidth: config.interRegionBandwidth,
        paymentType: config.paymentType,
        tags: { scenario: CONFIG_KEY },
        configPath: KEY,
    };
}

export function hubAndSpoke(config: HubAndSpokeConfig, opts?: pulumi.ComponentResourceOptions): ScenarioResult & { component: HubAndSpoke } {
    // HubAndSpoke checks the whole topology before it registers anything: nothing is half-created.
    const component = new HubAndSpoke(config.hub.name, hubAndSpokeArgs(config), opts);
    return {
        component,
        links: [],
        findings: [...component.details().findings],
        outputs: {
            sites: component.sites,
            hubConnectionIds: component.hubConnectionIds,
            spokeConnectionIds: component.spokeConnectionIds,
        },
    };
}

export function hubAndSpokeFromStackConfig(opts?: pulumi.ComponentResourceOptions): ScenarioResult {
    return hubAndSpoke(readConfig(hubAndSpokeSchema, CONFIG_KEY), opts);
}

/** Regions and two of their zones, round-robin for generated spokes. */
const SPOKE_REGIONS: ReadonlyArray<[string, string, string]> = [
    ["cn-shanghai", "cn-shanghai-e", "cn-shanghai-f"],
    ["cn-beijing", "cn-beijing-h", "cn-beijing-i"],
    ["cn-hangzhou", "cn-hangzhou-h", "cn-hangzhou-i"],
    // cn-shenzhen-b sells no VPN gateway (VPN_GATEWAY_ZONES in model/alibaba.ts).
    ["cn-shenzhen", "cn-shenzhen-a", "cn-shenzhen-d"],
    ["cn-qingdao", "cn-qingdao-b", "cn-qingdao-c"],
    ["cn-zhangjiakou", "cn-zhangjiakou-a", "cn-zhangjiakou-b"],
];

/**
 * A hub in Tokyo (10.0.0.0/16) and `count` spokes (10.1.0.0/16, 10.2.0.0/16, ...) spread over six Chinese
 * regions: the scale test and benchmark input (`npm run plan -- hub-and-spoke --spokes 50`). Its address plan
 * is 10.0.0.0/8, declared as the summary; the hub's quotas are declared raised to what `count` spokes need
 * (one connection and one destination route per spoke), as a team of that size would have done in Quota Center.
 */
export function syntheticHubAndSpoke(count: number): HubAndSpokeConfig {
    if (!Number.isInteger(count) || count < 1 || count > 250) {
        throw new RangeError(`spoke count must be 1..250 (one /16 of 10.0.0.0/8 each), got ${count}`);
    }
    const site = (name: string, region: string, zones: [string, string], octet: number) => ({
        name,
        region,
        vpcCidr: `10.${octet}.0.0/16`,
        vswitches: zones.map((zoneId, i) => ({ name: `${name}-${zoneId.slice(-1)}`, zoneId, cidr: `10.${octet}.${i + 1}.0/24` })),
        bandwidth: 10,
    });
    return {
        summaryCidrs: ["10.0.0.0/8"],
        quotas: { ipsecConnectionsPerGateway: Math.max(10, count), vpnRouteEntriesPerGateway: Math.max(20, count) },
        hub: site("tokyo", "ap-northeast-1", ["ap-northeast-1a", "ap-northeast-1b"], 0),
        spokes: Array.from({ length: count }, (_, i) => {
            const [region, zoneA, zoneB] = SPOKE_REGIONS[i % SPOKE_REGIONS.length];
            return site(`spoke-${String(i + 1).padStart(3, "0")}`, region, [zoneA, zoneB], i + 1);
        }),
    };
}

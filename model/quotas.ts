// Alibaba Cloud's default quotas that a composition of many sites runs into, as data, and the check that
// counts what a plan would create against them before anything is created. Defaults differ per account once
// raised: callers pass the raised values (HubAndSpokeArgs.quotas). Alibaba: "The quotas listed in this topic
// are for reference only. The actual quotas in the console shall prevail."
import { Finding } from "./findings";

export interface QuotaSpec {
    /** The quota's name in Quota Center, or Alibaba's description where the docs give no name. */
    name: string;
    /** What it limits, in Alibaba's words. */
    description: string;
    /** Alibaba's default for a new account. */
    defaultLimit: number;
    /** Where the default comes from. */
    source: string;
}

const QUOTA_CENTER = "Quota Center (https://quotas.console.aliyun.com) or the VPC console's Quota Management page (https://vpc.console.aliyun.com/quota)";

export const QUOTAS = {
    vpcRouteEntriesPerTable: {
        name: "vpc_quota_route_entrys_num",
        description: "custom route entries per VPC route table",
        defaultLimit: 200,
        source:
            "https://www.alibabacloud.com/help/en/vpc/user-guide/vpc-quotas (vpc_quota_route_entrys_num, adjustable); https://www.alibabacloud.com/help/en/vpc/api-createrouteentry (\"A route table can contain up to 200 custom route entries\")",
    },
    vpnRouteEntriesPerGateway: {
        name: "destination-based routes per VPN gateway",
        description: "destination-based (static) route entries per VPN gateway",
        defaultLimit: 20,
        source:
            "VPN Gateway limits page (github.com/AlibabaCloudDocs/vpn, cn.zh-CN/产品简介/使用限制.md: 一个VPN网关可创建的目的路由的数量 20, raised in Quota Center); current list: https://www.alibabacloud.com/help/en/vpn/user-guide/quotas",
    },
    ipsecConnectionsPerGateway: {
        name: "IPsec-VPN connections per VPN gateway",
        description: "IPsec-VPN connections per VPN gateway",
        defaultLimit: 10,
        source:
            "VPN Gateway limits page (github.com/AlibabaCloudDocs/vpn, cn.zh-CN/产品简介/使用限制.md: 一个VPN网关可创建的IPsec连接的数量 10, raised in Quota Center); current list: https://www.alibabacloud.com/help/en/vpn/user-guide/quotas",
    },
} as const satisfies Record<string, QuotaSpec>;

export type QuotaKey = keyof typeof QUOTAS;

/** The account's limits where they differ from Alibaba's defaults (after a raise in Quota Center). */
export interface QuotaLimits {
    /** vpc_quota_route_entrys_num. Default 200. */
    vpcRouteEntriesPerTable?: number;
    /** Destination-based routes per VPN gateway. Default 20. */
    vpnRouteEntriesPerGateway?: number;
    /** IPsec-VPN connections per VPN gateway. Default 10. */
    ipsecConnectionsPerGateway?: number;
}

/** What a plan would create on one site, counted per quota. */
export interface QuotaUsage {
    site: string;
    /** The config key the finding names (the site's entry). */
    field: string;
    counts: Partial<Record<QuotaKey, number>>;
}

/**
 * One error per site and quota the plan would exceed, naming the quota, its source and how to raise it. Counts
 * are what this plan creates: entries already in the route table or on the gateway count too, so the check can
 * only pass plans that cannot fit, never guarantee the others.
 */
export function checkQuotas(usage: readonly QuotaUsage[], limits: QuotaLimits = {}, limitsField = "quotas"): Finding[] {
    const findings: Finding[] = [];
    for (const { site, field, counts } of usage) {
        for (const key of Object.keys(QUOTAS) as QuotaKey[]) {
            const count = counts[key];
            const quota = QUOTAS[key];
            const limit = limits[key] ?? quota.defaultLimit;
            if (count === undefined || count <= limit) {
                continue;
            }
            const raised = limits[key] !== undefined;
            findings.push({
                severity: "error",
                code: "quota.exceeded",
                site,
                field,
                value: count,
                allowed: `at most ${limit} (${raised ? `${limitsField}.${key}` : `Alibaba's default, ${quota.source}`})`,
                message: `${site} would need ${count} ${quota.description}; the quota "${quota.name}" allows ${limit}${raised ? " as you declared it" : " by default"}, and Alibaba refuses the creation past it.`,
                fix: `raise "${quota.name}" to at least ${count} in ${QUOTA_CENTER}, then set ${limitsField}.${key}: ${count} (or more); or plan fewer${key === "ipsecConnectionsPerGateway" ? " spokes per hub" : " routes (routeStrategy: summary with summaryCidrs)"}.`,
            });
        }
    }
    return findings;
}

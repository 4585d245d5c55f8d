// Where Alibaba Cloud sells VPN gateways, per region and zone.
//
// Source: "IPsec-VPN connections support the dual-tunnel mode", Limits, "The following regions and zones support
// dual-tunnel IPsec-VPN connections" (last updated Oct 28, 2024):
// https://www.alibabacloud.com/help/en/vpn/sub-product-ipsec-vpn/user-guide/ipsec-vpn-connections-support-the-dual-tunnel-mode
// The same page: "By default, after you purchase a VPN gateway, you can create only dual-tunnel IPsec-VPN connections"
// in these regions, and "If only one zone in a region supports the dual-tunnel mode ... You can specify the same vSwitch."
// The live answer is the DescribeVpnGatewayAvailableZones API (the provider's data source
// alicloud/data_source_alicloud_vpn_gateway_zones.go calls it); this table is that page, spelled as zone ids.
// Regions the page lists without a readable zone list (US (Virginia)) are left out: unknown, so not refused.

/** Zone ids per region id where a new (dual-tunnel) VPN gateway can be placed. */
export const VPN_GATEWAY_ZONES: Readonly<Record<string, readonly string[]>> = {
    "cn-hangzhou": ["cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"],
    "cn-shanghai": ["cn-shanghai-b", "cn-shanghai-d", "cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g", "cn-shanghai-k", "cn-shanghai-l", "cn-shanghai-m", "cn-shanghai-n"],
    "cn-nanjing": ["cn-nanjing-a"],
    "cn-shenzhen": ["cn-shenzhen-a", "cn-shenzhen-d", "cn-shenzhen-e", "cn-shenzhen-f"],
    "cn-heyuan": ["cn-heyuan-a", "cn-heyuan-b"],
    "cn-guangzhou": ["cn-guangzhou-a", "cn-guangzhou-b"],
    "cn-qingdao": ["cn-qingdao-b", "cn-qingdao-c"],
    "cn-beijing": [
        "cn-beijing-a",
        "cn-beijing-c",
        "cn-beijing-e",
        "cn-beijing-f",
        "cn-beijing-g",
        "cn-beijing-h",
        "cn-beijing-i",
        "cn-beijing-j",
        "cn-beijing-k",
        "cn-beijing-l",
    ],
    "cn-zhangjiakou": ["cn-zhangjiakou-a", "cn-zhangjiakou-b", "cn-zhangjiakou-c"],
    "cn-huhehaote": ["cn-huhehaote-a", "cn-huhehaote-b"],
    "cn-wulanchabu": ["cn-wulanchabu-a", "cn-wulanchabu-b", "cn-wulanchabu-c"],
    "cn-chengdu": ["cn-chengdu-a", "cn-chengdu-b"],
    "cn-hongkong": ["cn-hongkong-b", "cn-hongkong-c", "cn-hongkong-d"],
    "ap-southeast-1": ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"],
    "ap-southeast-7": ["ap-southeast-7a"],
    "ap-northeast-1": ["ap-northeast-1a", "ap-northeast-1b", "ap-northeast-1c"],
    "ap-northeast-2": ["ap-northeast-2a"],
    "ap-southeast-6": ["ap-southeast-6a"],
    "ap-southeast-5": ["ap-southeast-5a", "ap-southeast-5b", "ap-southeast-5c"],
    "ap-southeast-3": ["ap-southeast-3a", "ap-southeast-3b"],
    "eu-west-1": ["eu-west-1a", "eu-west-1b"],
    "eu-central-1": ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
    "us-west-1": ["us-west-1a", "us-west-1b"],
};

/** The VPN-capable zones of `region`, or undefined when the table does not know the region. */
export function vpnGatewayZones(region: string): readonly string[] | undefined {
    return VPN_GATEWAY_ZONES[region];
}

/** True when new gateways in `region` accept only dual-tunnel connections (every region of the table). */
export function isDualTunnelOnlyRegion(region: string): boolean {
    return region in VPN_GATEWAY_ZONES;
}

/** True when `region` has a single VPN zone: the disaster-recovery vSwitch may then be in that zone, even the same vSwitch. */
export function isSingleVpnZoneRegion(region: string): boolean {
    return VPN_GATEWAY_ZONES[region]?.length === 1;
}

/**
 * Zone ids extend the region id: "cn-hangzhou-h" in China, "ap-northeast-1a" elsewhere (the letter follows a digit).
 * A zone of this shape may still not exist; the VPN table above is the stricter test for gateways.
 */
export function isZoneOfRegion(zoneId: unknown, region: string): boolean {
    return typeof zoneId === "string" && new RegExp(`^${region.replace(/[-]/g, "\\-")}${/\d$/.test(region) ? "" : "-"}[a-z]$`).test(zoneId);
}
